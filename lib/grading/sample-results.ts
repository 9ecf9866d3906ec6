// Sample measurements for the seeded schemes: used by tests, the benchmarks and demo tooling.
import { seededScheme } from "./schemes";

/** Measurements for a seeded scheme that reach exactly `level` (every threshold at or below it, met exactly). */
export function resultsReaching(schemeId: string, level: "L1" | "L2" | "L3") {
  const scheme = seededScheme(schemeId as never);
  if (!scheme) throw new Error(`no seeded scheme ${schemeId}`);
  const order = ["L1", "L2", "L3"] as const;
  const upto = order.slice(0, order.indexOf(level) + 1);
  return scheme.elements.flatMap((el) =>
    el.items.map((it) => {
      const thresholds = upto.map((l) => it.thresholds[l]).filter((v): v is number => v !== undefined);
      let value: number;
      if (thresholds.length) value = it.better === "higher" ? Math.max(...thresholds) : Math.min(...thresholds);
      else {
        // No threshold up to this level: a value that fails the next level, so the case stays at `level`.
        const next = it.thresholds.L1 ?? it.thresholds.L2 ?? it.thresholds.L3;
        value = next === undefined ? 0 : it.better === "higher" ? Math.max(0, next - 1) : next + 1;
      }
      return { item: it.key, value, unit: it.unit };
    }),
  );
}

