// What changed between two scheme versions, item by item: the record the secretariat
// reviews before publishing a revision ("dynamic adjustment").
import { LEVELS, type Level } from "./levels";
import { decisionRuleOf, schemeItems, type Bilingual, type DecisionRule, type Scheme, type SchemeItem, type TestMode, type TestSet } from "./scheme";

export type ItemRef = { element: string; item: string; title: Bilingual };

export type ItemFieldChange =
  | {
      field: "threshold";
      level: Level;
      from: number | null;
      to: number | null;
      /** Whether the requirement got harder or easier to meet; null when added, removed or `better` flipped. */
      direction: "stricter" | "looser" | null;
    }
  | { field: "unit" | "better" | "element"; from: string; to: string }
  | { field: "title" | "method"; from: Bilingual; to: Bilingual }
  | { field: "min" | "max"; from: number | null; to: number | null }
  // Format v2 (docs/domain.md#schemes).
  | { field: "mode"; from: TestMode | null; to: TestMode | null }
  | { field: "testSet"; from: TestSet | null; to: TestSet | null }
  | { field: "uncertaintyRequired"; from: boolean; to: boolean }
  | { field: "minSamples"; from: number | null; to: number | null };

export type ItemChange = ItemRef & { changes: ItemFieldChange[] };

export type SchemeFieldChange =
  | { field: "panelSize" | "validityMonths"; from: number; to: number }
  | { field: "levels"; from: Level[]; to: Level[] }
  | { field: "title"; from: Bilingual; to: Bilingual }
  | { field: "category"; from: string; to: string }
  | { field: "pilotValues"; from: boolean; to: boolean }
  // Format v2: the decision rule (absent reads as simple) and, per level, the qualifying items.
  | { field: "decisionRule"; from: DecisionRule; to: DecisionRule }
  | { field: "qualifying"; level: Level; from: string[]; to: string[] };

export type SchemeDiff = {
  from: { id: string; version: string };
  to: { id: string; version: string };
  scheme: SchemeFieldChange[];
  elements: { added: string[]; removed: string[] };
  added: ItemRef[];
  removed: ItemRef[];
  changed: ItemChange[];
  /** True when nothing that affects grading or display changed. */
  empty: boolean;
};

const sameText = (a: Bilingual, b: Bilingual) => a.zh === b.zh && a.en === b.en;

function itemChanges(a: SchemeItem, aElement: string, b: SchemeItem, bElement: string): ItemFieldChange[] {
  const changes: ItemFieldChange[] = [];
  if (aElement !== bElement) changes.push({ field: "element", from: aElement, to: bElement });
  if (!sameText(a.title, b.title)) changes.push({ field: "title", from: a.title, to: b.title });
  if (a.unit !== b.unit) changes.push({ field: "unit", from: a.unit, to: b.unit });
  if (a.better !== b.better) changes.push({ field: "better", from: a.better, to: b.better });
  if (!sameText(a.method, b.method)) changes.push({ field: "method", from: a.method, to: b.method });
  for (const side of ["min", "max"] as const) {
    if (a[side] !== b[side]) changes.push({ field: side, from: a[side] ?? null, to: b[side] ?? null });
  }
  if ((a.mode ?? null) !== (b.mode ?? null)) changes.push({ field: "mode", from: a.mode ?? null, to: b.mode ?? null });
  const sameSet = (x?: TestSet, y?: TestSet) => (x && y ? x.id === y.id && x.version === y.version && x.size === y.size : x === y);
  if (!sameSet(a.testSet, b.testSet)) changes.push({ field: "testSet", from: a.testSet ?? null, to: b.testSet ?? null });
  if (Boolean(a.uncertaintyRequired) !== Boolean(b.uncertaintyRequired)) {
    changes.push({ field: "uncertaintyRequired", from: Boolean(a.uncertaintyRequired), to: Boolean(b.uncertaintyRequired) });
  }
  if ((a.minSamples ?? null) !== (b.minSamples ?? null)) changes.push({ field: "minSamples", from: a.minSamples ?? null, to: b.minSamples ?? null });
  for (const level of LEVELS) {
    const from = a.thresholds[level] ?? null;
    const to = b.thresholds[level] ?? null;
    if (from === to) continue;
    let direction: "stricter" | "looser" | null = null;
    if (from !== null && to !== null && a.better === b.better) {
      direction = (b.better === "higher" ? to > from : to < from) ? "stricter" : "looser";
    }
    changes.push({ field: "threshold", level, from, to, direction });
  }
  return changes;
}

/** Compare scheme `a` (usually the published version) with `b` (the draft). */
export function diffSchemes(a: Scheme, b: Scheme): SchemeDiff {
  const scheme: SchemeFieldChange[] = [];
  if (a.panelSize !== b.panelSize) scheme.push({ field: "panelSize", from: a.panelSize, to: b.panelSize });
  if (a.validityMonths !== b.validityMonths)
    scheme.push({ field: "validityMonths", from: a.validityMonths, to: b.validityMonths });
  if (a.levels.join() !== b.levels.join()) scheme.push({ field: "levels", from: a.levels, to: b.levels });
  if (!sameText(a.title, b.title)) scheme.push({ field: "title", from: a.title, to: b.title });
  if (a.category !== b.category) scheme.push({ field: "category", from: a.category, to: b.category });
  if (Boolean(a.pilotValues) !== Boolean(b.pilotValues))
    scheme.push({ field: "pilotValues", from: Boolean(a.pilotValues), to: Boolean(b.pilotValues) });
  if (decisionRuleOf(a) !== decisionRuleOf(b)) scheme.push({ field: "decisionRule", from: decisionRuleOf(a), to: decisionRuleOf(b) });
  for (const level of LEVELS) {
    const from = a.qualifying?.[level] ?? [];
    const to = b.qualifying?.[level] ?? [];
    if ([...from].sort().join() !== [...to].sort().join()) scheme.push({ field: "qualifying", level, from, to });
  }

  const aElements = new Set(a.elements.map((e) => e.key));
  const bElements = new Set(b.elements.map((e) => e.key));
  const elements = {
    added: [...bElements].filter((key) => !aElements.has(key)),
    removed: [...aElements].filter((key) => !bElements.has(key)),
  };

  const aItems = new Map(schemeItems(a).map((entry) => [entry.item.key, entry]));
  const bItems = new Map(schemeItems(b).map((entry) => [entry.item.key, entry]));
  const ref = ({ element, item }: { element: { key: string }; item: SchemeItem }): ItemRef => ({
    element: element.key,
    item: item.key,
    title: item.title,
  });

  const added = [...bItems.values()].filter(({ item }) => !aItems.has(item.key)).map(ref);
  const removed = [...aItems.values()].filter(({ item }) => !bItems.has(item.key)).map(ref);
  const changed: ItemChange[] = [];
  for (const entry of bItems.values()) {
    const before = aItems.get(entry.item.key);
    if (!before) continue;
    const changes = itemChanges(before.item, before.element.key, entry.item, entry.element.key);
    if (changes.length) changed.push({ ...ref(entry), changes });
  }

  return {
    from: { id: a.id, version: a.version },
    to: { id: b.id, version: b.version },
    scheme,
    elements,
    added,
    removed,
    changed,
    empty:
      scheme.length === 0 &&
      elements.added.length === 0 &&
      elements.removed.length === 0 &&
      added.length === 0 &&
      removed.length === 0 &&
      changed.length === 0,
  };
}

const show = (value: number | null) => (value === null ? "none" : String(value));

/** One English line per change, for a review note or an audit event's summary. */
export function describeDiff(diff: SchemeDiff): string[] {
  const lines: string[] = [];
  for (const change of diff.scheme) {
    if (change.field === "title") lines.push(`title: "${change.from.en}" → "${change.to.en}"`);
    else if (change.field === "levels") lines.push(`levels: ${change.from.join(", ")} → ${change.to.join(", ")}`);
    else if (change.field === "qualifying") lines.push(`qualifying ${change.level}: ${change.from.join(", ") || "none"} → ${change.to.join(", ") || "none"}`);
    else lines.push(`${change.field}: ${change.from} → ${change.to}`);
  }
  for (const key of diff.elements.added) lines.push(`element ${key} added`);
  for (const key of diff.elements.removed) lines.push(`element ${key} removed`);
  for (const item of diff.added) lines.push(`${item.item} added (element ${item.element})`);
  for (const item of diff.removed) lines.push(`${item.item} removed (was in element ${item.element})`);
  for (const item of diff.changed) {
    for (const change of item.changes) {
      switch (change.field) {
        case "threshold":
          lines.push(
            `${item.item}: ${change.level} threshold ${show(change.from)} → ${show(change.to)}${change.direction ? ` (${change.direction})` : ""}`,
          );
          break;
        case "title":
        case "method":
          lines.push(`${item.item}: ${change.field} changed`);
          break;
        case "min":
        case "max":
        case "minSamples":
          lines.push(`${item.item}: ${change.field} ${show(change.from)} → ${show(change.to)}`);
          break;
        case "testSet": {
          const set = (t: typeof change.from) => (t ? `${t.id} ${t.version} (${t.size})` : "none");
          lines.push(`${item.item}: testSet ${set(change.from)} → ${set(change.to)}`);
          break;
        }
        case "mode":
          lines.push(`${item.item}: mode ${change.from ?? "none"} → ${change.to ?? "none"}`);
          break;
        default:
          lines.push(`${item.item}: ${change.field} ${change.from} → ${change.to}`);
      }
    }
  }
  return lines;
}
