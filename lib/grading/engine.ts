// Intelligence level determination (docs/domain.md#schemes): pure, cumulative, item by item.
// Format v2 adds the decision rule (simple or guarded), qualifying items per level, and results that
// carry their expanded uncertainty U and number of trials n; a v1 scheme is decided as before.
import { compareLevels, LEVEL_NAMES, type Level } from "./levels";
import {
  decisionRuleOf,
  gradedLevels,
  qualifyingLevels,
  schemeItems,
  type DecisionRule,
  type Scheme,
  type SchemeItem,
  type Unit,
} from "./scheme";

/** One item's result: the value, and (format v2) the expanded uncertainty U in the item's unit and the number of trials. */
export type Measurement = { value: number; uncertainty?: number | null; n?: number | null };

/** Per item key, a plain value (as before v2) or a measurement with its uncertainty and n. */
export type Results =
  | ReadonlyMap<string, number | Measurement>
  | Readonly<Record<string, number | Measurement>>;

/** Uncertainty and n given beside plain values (for example from stored LabResult rows). */
export type ResultsExtra = {
  uncertainty?: Readonly<Record<string, number | null | undefined>>;
  n?: Readonly<Record<string, number | null | undefined>>;
};

export type Blocker = {
  element: string;
  item: string;
  title: { zh: string; en: string };
  unit: Unit;
  better: "higher" | "lower";
  /** The strictest threshold at or below the next level that the measurement fails. */
  needed: number;
  /** The level that threshold belongs to. */
  neededAt: Level;
  measured: number;
  /** The U counted against the product under the guarded rule (null: simple rule, or none reported). */
  uncertainty?: number | null;
  /** Whether the item qualifies for the next level (the scheme's `qualifying`). */
  qualifying?: boolean;
};

/** `≥`/`≤` when the threshold is met, `<`/`>` when it is not. */
export type Operator = "≥" | "≤" | "<" | ">";

/** One comparison of an item with one of its thresholds, as data a page renders in either language. */
export type Check = {
  outcome: "meets" | "fails";
  level: Level;
  /** The measured value, as reported. */
  value: number;
  /** The U counted against the product (guarded rule with a reported U); null otherwise. */
  uncertainty: number | null;
  /** `value − U` (higher is better) or `value + U` (lower is better); `value` when no U counts. */
  effective: number;
  operator: Operator;
  threshold: number;
};

/** Why an item stands where it does. */
export type Verdict = {
  element: string;
  item: string;
  unit: Unit;
  better: "higher" | "lower";
  rule: DecisionRule;
  value: number;
  /** The U as reported (whatever the rule), and n; null when not reported. */
  uncertainty: number | null;
  n: number | null;
  /** The highest graded level whose cumulative requirement this item alone meets; null when it meets none. */
  level: Level | null;
  /** One comparison per threshold of the item, in level order. */
  checks: Check[];
  /** What decides: the last threshold met and the first one failed, when they exist (in that order). */
  deciding: Check[];
  /** The levels this item qualifies (the scheme's `qualifying`). */
  qualifying: Level[];
};

export type Determination = {
  /** `null`: not even L1. */
  level: Level | null;
  /** The level of each capability element, by element key. */
  profile: Record<string, Level | null>;
  /** What stands between the terminal and the next gradable level; null at the top. */
  blockers: { level: Level; items: Blocker[] } | null;
  /** The decision rule applied. */
  rule: DecisionRule;
  /** Per item, in scheme order: the level it reaches alone and the comparisons that say why. */
  verdicts: Verdict[];
};

/** A scheme item has no measurement. The engine never grades over a gap. */
export class MissingItemError extends Error {
  readonly items: string[];
  constructor(items: string[]) {
    super(`no measurement for ${items.length === 1 ? "item" : "items"} ${items.join(", ")}`);
    this.name = "MissingItemError";
    this.items = items;
  }
}

/** A measurement that is not a finite number (NaN, Infinity), or an uncertainty or n that is not a possible one. */
export class InvalidMeasurementError extends Error {
  readonly items: string[];
  constructor(items: string[]) {
    super(`measurement is not a finite number (or its uncertainty or n is impossible) for ${items.join(", ")}`);
    this.name = "InvalidMeasurementError";
    this.items = items;
  }
}

export type Refusal = {
  item: string;
  /** `uncertainty_required`: the item is `uncertaintyRequired` and no U was given; `too_few_samples`: n is absent or below `minSamples`. */
  reason: "uncertainty_required" | "too_few_samples";
  minSamples?: number;
  n?: number | null;
};

/** A result the scheme refuses (format v2): no U where it is required, or fewer trials than `minSamples`. */
export class RefusedMeasurementError extends Error {
  readonly refusals: Refusal[];
  constructor(refusals: Refusal[]) {
    super(
      refusals
        .map((r) => (r.reason === "uncertainty_required" ? `${r.item}: an uncertainty is required` : `${r.item}: n ${r.n ?? "missing"}, at least ${r.minSamples} trials are required`))
        .join("; "),
    );
    this.name = "RefusedMeasurementError";
    this.refusals = refusals;
  }
}

// value ∓ U is rounded to 12 significant digits, so 91.4 − 1.4 compares as 90, not 89.99999999999999;
// the rounding never makes a result better than its value (so guarded never awards more than simple).
const exact = (x: number) => Number(x.toPrecision(12));

/** What the measurement counts as under the rule: value − U (higher is better) or value + U (lower is better). */
export function effectiveValue(item: Pick<SchemeItem, "better">, value: number, uncertainty: number | null | undefined): number {
  if (!uncertainty) return value;
  return item.better === "higher" ? Math.min(value, exact(value - uncertainty)) : Math.max(value, exact(value + uncertainty));
}

/** Equal meets; pass the effective value (see `effectiveValue`) for the guarded rule. */
export function meets(item: Pick<SchemeItem, "better">, measured: number, threshold: number): boolean {
  return item.better === "higher" ? measured >= threshold : measured <= threshold;
}

/**
 * The threshold an item fails for level `level`, if any: the strictest one among its
 * thresholds at `level` or below (cumulative rule). Undefined when it meets them all.
 * `measured` is the effective value (the value itself under the simple rule).
 */
export function failedThreshold(
  scheme: Scheme,
  item: SchemeItem,
  measured: number,
  level: Level,
): { level: Level; needed: number } | undefined {
  let failed: { level: Level; needed: number } | undefined;
  for (const at of scheme.levels) {
    if (compareLevels(at, level) > 0) break;
    const threshold = item.thresholds[at];
    if (threshold !== undefined && !meets(item, measured, threshold)) failed = { level: at, needed: threshold };
  }
  return failed;
}

type Normalized = { value: unknown; uncertainty: unknown; n: unknown } | undefined;

function lookup(results: Results, extra: ResultsExtra | undefined, key: string): Normalized {
  const raw = results instanceof Map ? results.get(key) : (results as Record<string, number | Measurement>)[key];
  if (raw === undefined || raw === null) return undefined;
  const fromExtra = { uncertainty: extra?.uncertainty?.[key], n: extra?.n?.[key] };
  if (typeof raw === "object") {
    const m = raw as Measurement;
    return { value: m.value, uncertainty: m.uncertainty ?? fromExtra.uncertainty, n: m.n ?? fromExtra.n };
  }
  return { value: raw, ...fromExtra };
}

type Read = { value: number; uncertainty: number | null; n: number | null };

/** Read and check every item's result: missing, invalid, then refused (in that order of precedence). */
export function readResults(scheme: Scheme, results: Results, extra?: ResultsExtra): Map<string, Read> {
  const read = new Map<string, Read>();
  const missing: string[] = [];
  const invalid: string[] = [];
  const refused: Refusal[] = [];
  for (const { item } of schemeItems(scheme)) {
    const found = lookup(results, extra, item.key);
    const value = found?.value;
    if (value === undefined || value === null) {
      missing.push(item.key);
      continue;
    }
    const u = found!.uncertainty ?? null;
    const n = found!.n ?? null;
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      (u !== null && (typeof u !== "number" || !Number.isFinite(u) || u < 0)) ||
      (n !== null && (typeof n !== "number" || !Number.isInteger(n) || n < 1))
    ) {
      invalid.push(item.key);
      continue;
    }
    if (item.uncertaintyRequired && u === null) refused.push({ item: item.key, reason: "uncertainty_required" });
    if (item.minSamples !== undefined && (n === null || (n as number) < item.minSamples)) {
      refused.push({ item: item.key, reason: "too_few_samples", minSamples: item.minSamples, n: n as number | null });
    }
    read.set(item.key, { value, uncertainty: u as number | null, n: n as number | null });
  }
  if (missing.length) throw new MissingItemError(missing);
  if (invalid.length) throw new InvalidMeasurementError(invalid);
  if (refused.length) throw new RefusedMeasurementError(refused);
  return read;
}

function operatorFor(item: Pick<SchemeItem, "better">, ok: boolean): Operator {
  if (item.better === "higher") return ok ? "≥" : "<";
  return ok ? "≤" : ">";
}

/**
 * Determine the level, the element profile, the blockers of the next level and a verdict per item.
 * `results` must hold a finite number (or a measurement) for every scheme item (extra keys are
 * ignored, so a case measured under an older scheme version can be replayed against a draft).
 * Under the guarded rule a result's U counts against the product (a result without U counts U = 0;
 * an `uncertaintyRequired` item refuses it). A level's qualifying items must meet it for the
 * terminal, and for any element, to reach it.
 */
export function determine(scheme: Scheme, results: Results, extra?: ResultsExtra): Determination {
  const entries = schemeItems(scheme);
  const read = readResults(scheme, results, extra);
  const rule = decisionRuleOf(scheme);
  const counted = (key: string) => (rule === "guarded" ? read.get(key)!.uncertainty : null);
  const effective = new Map(entries.map(({ item }) => [item.key, effectiveValue(item, read.get(item.key)!.value, counted(item.key))]));

  // Only levels at which some threshold exists can be reached (L4 is reserved for now).
  const graded = gradedLevels(scheme);
  const itemByKey = new Map(entries.map(({ item }) => [item.key, item]));

  /** Whether every qualifying item of every level up to `candidate` meets its threshold there. */
  const qualified = (candidate: Level): boolean =>
    graded
      .filter((at) => compareLevels(at, candidate) <= 0)
      .every((at) =>
        (scheme.qualifying?.[at] ?? []).every((key) => {
          const item = itemByKey.get(key);
          const threshold = item?.thresholds[at];
          return !item || threshold === undefined || meets(item, effective.get(key)!, threshold);
        }),
      );

  const reached = (items: typeof entries): Level | null => {
    let level: Level | null = null;
    for (const candidate of graded) {
      const ok = qualified(candidate) && items.every(({ item }) => !failedThreshold(scheme, item, effective.get(item.key)!, candidate));
      if (!ok) break;
      level = candidate;
    }
    return level;
  };

  const level = reached(entries);
  const profile: Record<string, Level | null> = {};
  for (const element of scheme.elements) {
    profile[element.key] = reached(entries.filter((entry) => entry.element === element));
  }

  const next = graded.find((candidate) => compareLevels(candidate, level) > 0);
  let blockers: Determination["blockers"] = null;
  if (next) {
    const items: Blocker[] = [];
    for (const { element, item } of entries) {
      const failed = failedThreshold(scheme, item, effective.get(item.key)!, next);
      if (failed) {
        items.push({
          element: element.key,
          item: item.key,
          title: item.title,
          unit: item.unit,
          better: item.better,
          needed: failed.needed,
          neededAt: failed.level,
          measured: read.get(item.key)!.value,
          uncertainty: counted(item.key),
          qualifying: scheme.qualifying?.[next]?.includes(item.key) ?? false,
        });
      }
    }
    blockers = { level: next, items };
  }

  const verdicts = entries.map(({ element, item }): Verdict => {
    const { value, uncertainty, n } = read.get(item.key)!;
    const eff = effective.get(item.key)!;
    const checks: Check[] = scheme.levels.flatMap((at) => {
      const threshold = item.thresholds[at];
      if (threshold === undefined) return [];
      const ok = meets(item, eff, threshold);
      return [{ outcome: ok ? "meets" : "fails", level: at, value, uncertainty: counted(item.key), effective: eff, operator: operatorFor(item, ok), threshold } satisfies Check];
    });
    let itemLevel: Level | null = null;
    for (const candidate of graded) {
      if (failedThreshold(scheme, item, eff, candidate)) break;
      itemLevel = candidate;
    }
    const firstFailed = checks.findIndex((c) => c.outcome === "fails");
    const lastMet = firstFailed < 0 ? checks.at(-1) : checks[firstFailed - 1];
    const deciding = [lastMet, firstFailed < 0 ? undefined : checks[firstFailed]].filter((c): c is Check => c !== undefined);
    return {
      element: element.key,
      item: item.key,
      unit: item.unit,
      better: item.better,
      rule,
      value,
      uncertainty,
      n,
      level: itemLevel,
      checks,
      deciding,
      qualifying: qualifyingLevels(scheme, item.key),
    };
  });

  return { level, profile, blockers, rule, verdicts };
}

/** "≥ 90 %" / "≤ 800 ms": how a requirement reads in a message. */
export function describeRequirement(item: Pick<SchemeItem, "better" | "unit">, needed: number): string {
  return `${item.better === "higher" ? "≥" : "≤"} ${needed} ${item.unit}`;
}

export type ExplainLocale = "en" | "zh" | "zh-CN";

/** "meets L3: 92.1 − U 1.4 ≥ 90" / "满足 L3：92.1 − U 1.4 ≥ 90": one comparison, in either language. */
export function explainCheck(check: Check, better: "higher" | "lower", locale: ExplainLocale): string {
  const zh = locale !== "en";
  const word = check.outcome === "meets" ? (zh ? "满足" : "meets") : zh ? "未满足" : "fails";
  const u = check.uncertainty ? ` ${better === "higher" ? "−" : "+"} U ${check.uncertainty}` : "";
  return `${word} ${check.level}${zh ? "：" : ": "}${check.value}${u} ${check.operator} ${check.threshold}`;
}

/**
 * The deciding comparisons of a verdict, in either language: "meets L2: 8 ≤ 10; fails L3: 8 > 6" /
 * "满足 L2：8 ≤ 10；未满足 L3：8 > 6"; an item without thresholds reads "no threshold" / "无阈值".
 */
export function explainVerdict(verdict: Pick<Verdict, "deciding" | "better">, locale: ExplainLocale): string {
  const zh = locale !== "en";
  if (verdict.deciding.length === 0) return zh ? "无阈值" : "no threshold";
  return verdict.deciding.map((check) => explainCheck(check, verdict.better, locale)).join(zh ? "；" : "; ");
}

/** A level's name in the language asked for: "L3 Assistance" / "L3 辅助级". */
export function levelLabel(level: Level, locale: ExplainLocale): string {
  return `${level} ${LEVEL_NAMES[level][locale === "en" ? "en" : "zh"]}`;
}
