// The statistics of a proficiency-testing round (docs/domain.md#proficiency-testing): ISO 13528's
// Algorithm A (robust mean x* and robust standard deviation s*), z-scores and their classification.
// Pure: no I/O.

export type RobustStats = { n: number; mean: number; sd: number; iterations: number };

export const ALGORITHM_A = { maxIterations: 100, tolerance: 1e-6 } as const;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

/** Relative change below the tolerance (an absolute one when the old value is 0). */
function settled(before: number, after: number): boolean {
  const scale = Math.abs(before) > 0 ? Math.abs(before) : 1;
  return Math.abs(after - before) / scale < ALGORITHM_A.tolerance;
}

/**
 * Algorithm A: start with x* = median, s* = 1.483 · median(|xᵢ − x*|); then repeat δ = 1.5 s*,
 * clip every value to [x* − δ, x* + δ], x* = mean of the clipped values, s* = 1.134 · their sample
 * standard deviation (n − 1), until both change by less than 1e-6 relative, at most 100 times.
 * s* = 0 (half the values or more equal) stops at once: there is nothing to clip against.
 */
export function algorithmA(values: readonly number[]): RobustStats {
  const n = values.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, iterations: 0 };
  let x = median(values);
  let s = 1.483 * median(values.map((v) => Math.abs(v - x)));
  let iterations = 0;
  while (s > 0 && iterations < ALGORITHM_A.maxIterations) {
    iterations++;
    const delta = 1.5 * s;
    const clipped = values.map((v) => Math.min(Math.max(v, x - delta), x + delta));
    const nx = clipped.reduce((a, b) => a + b, 0) / n;
    const ns = 1.134 * sampleSd(clipped);
    const done = settled(x, nx) && settled(s, ns);
    x = nx;
    s = ns;
    if (done) break;
  }
  return { n, mean: x, sd: s, iterations };
}

export type ZClass = "satisfactory" | "questionable" | "unsatisfactory";

/** z = (x − x*) / s*; none when s* is 0 (or not a number). */
export function zScore(value: number, stats: Pick<RobustStats, "mean" | "sd">): number | null {
  if (!(stats.sd > 0) || !Number.isFinite(stats.mean)) return null;
  return (value - stats.mean) / stats.sd;
}

/** |z| ≤ 2 satisfactory, 2 < |z| < 3 questionable, |z| ≥ 3 unsatisfactory (ISO 13528 §9.4.1). */
export function classifyZ(z: number): ZClass {
  const a = Math.abs(z);
  if (a <= 2) return "satisfactory";
  if (a < 3) return "questionable";
  return "unsatisfactory";
}
