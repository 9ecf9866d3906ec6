// Intelligence level determination (docs/domain.md#schemes): pure, cumulative, item by item.
import { compareLevels, type Level } from "./levels";
import { gradedLevels, schemeItems, type Scheme, type SchemeItem, type Unit } from "./scheme";

export type Results = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

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
};

export type Determination = {
  /** `null`: not even L1. */
  level: Level | null;
  /** The level of each capability element, by element key. */
  profile: Record<string, Level | null>;
  /** What stands between the terminal and the next gradable level; null at the top. */
  blockers: { level: Level; items: Blocker[] } | null;
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

/** A measurement that is not a finite number (NaN, Infinity). */
export class InvalidMeasurementError extends Error {
  readonly items: string[];
  constructor(items: string[]) {
    super(`measurement is not a finite number for ${items.join(", ")}`);
    this.name = "InvalidMeasurementError";
    this.items = items;
  }
}

export function meets(item: Pick<SchemeItem, "better">, measured: number, threshold: number): boolean {
  return item.better === "higher" ? measured >= threshold : measured <= threshold;
}

/**
 * The threshold an item fails for level `level`, if any: the strictest one among its
 * thresholds at `level` or below (cumulative rule). Undefined when it meets them all.
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

function lookup(results: Results, key: string): number | undefined {
  return results instanceof Map ? results.get(key) : (results as Record<string, number>)[key];
}

/**
 * Determine the level, the element profile and the blockers of the next level.
 * `results` must hold a finite number for every scheme item (extra keys are ignored,
 * so a case measured under an older scheme version can be replayed against a draft).
 */
export function determine(scheme: Scheme, results: Results): Determination {
  const entries = schemeItems(scheme);
  const measured = new Map<string, number>();
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const { item } of entries) {
    const value = lookup(results, item.key);
    if (value === undefined || value === null) missing.push(item.key);
    else if (typeof value !== "number" || !Number.isFinite(value)) invalid.push(item.key);
    else measured.set(item.key, value);
  }
  if (missing.length) throw new MissingItemError(missing);
  if (invalid.length) throw new InvalidMeasurementError(invalid);

  // Only levels at which some threshold exists can be reached (L4 is reserved for now).
  const graded = gradedLevels(scheme);

  const reached = (items: typeof entries): Level | null => {
    let level: Level | null = null;
    for (const candidate of graded) {
      const ok = items.every(({ item }) => !failedThreshold(scheme, item, measured.get(item.key)!, candidate));
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
      const value = measured.get(item.key)!;
      const failed = failedThreshold(scheme, item, value, next);
      if (failed) {
        items.push({
          element: element.key,
          item: item.key,
          title: item.title,
          unit: item.unit,
          better: item.better,
          needed: failed.needed,
          neededAt: failed.level,
          measured: value,
        });
      }
    }
    blockers = { level: next, items };
  }
  return { level, profile, blockers };
}

/** "≥ 90 %" / "≤ 800 ms": how a requirement reads in a message. */
export function describeRequirement(item: Pick<SchemeItem, "better" | "unit">, needed: number): string {
  return `${item.better === "higher" ? "≥" : "≤"} ${needed} ${item.unit}`;
}
