// The grading scheme format of docs/domain.md#schemes: a zod schema that refuses, with a path and a
// readable reason, every scheme the engine could not grade fairly.
import { z } from "zod";
import { LEVELS, type Level } from "./levels";
import { englishMessage, zodIssueRef, type DomainCode, type DomainRef, type ParamValue } from "@/lib/domain";

/** Units a lab may report in. Closed, so a lab's "sec" or "percent" is caught, not guessed. */
export const UNITS = ["%", "pp", "ms", "tokens/s", "count", "s", "score"] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_NAMES: Record<Unit, { zh: string; en: string }> = {
  "%": { zh: "百分比", en: "percent" },
  pp: { zh: "百分点", en: "percentage points" },
  ms: { zh: "毫秒", en: "milliseconds" },
  "tokens/s": { zh: "词元/秒", en: "tokens per second" },
  count: { zh: "次", en: "count" },
  s: { zh: "秒", en: "seconds" },
  score: { zh: "分", en: "score" },
};

/**
 * Values no measurement in the unit can take. 'pp' (a gain) may be negative and
 * 'score' is scale-dependent, so those are bounded only by an item's own min/max.
 */
export const UNIT_BOUNDS: Record<Unit, { min?: number; max?: number }> = {
  "%": { min: 0, max: 100 },
  pp: {},
  ms: { min: 0 },
  "tokens/s": { min: 0 },
  count: { min: 0 },
  s: { min: 0 },
  score: {},
};

/** A closed object: an unknown field (a typo such as "treshold") is refused by name. */
function closed<T extends z.ZodRawShape>(shape: T, known = "field") {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown ${known}${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}; expected ${Object.keys(shape).join(", ")}`
        : undefined,
  });
}

const BilingualSchema = closed({
  zh: z.string().trim().min(1, "the Chinese text is empty"),
  en: z.string().trim().min(1, "the English text is empty"),
});
export type Bilingual = z.infer<typeof BilingualSchema>;

const KEY = /^[a-z][a-z0-9_]*$/;
const keySchema = (what: string) =>
  z.string().regex(KEY, `${what} must be lower-case letters, digits and "_", starting with a letter`);

const ThresholdsSchema = closed(
  {
    L1: z.number().optional(),
    L2: z.number().optional(),
    L3: z.number().optional(),
    L4: z.number().optional(),
  },
  "level",
);

/** How an item is tested (format v2, docs/domain.md#schemes): on the device, device with its cloud, or through a paired phone. */
export const TEST_MODES = ["on_device", "device_cloud", "companion"] as const;
export type TestMode = (typeof TEST_MODES)[number];

/** How a measurement is compared with a threshold (format v2): equal meets, or ILAC-G8 guarded acceptance. */
export const DECISION_RULES = ["simple", "guarded"] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

const positiveInt = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).positive(`${what} must be above 0`);

const TestSetSchema = closed({
  id: z.string().trim().min(1, "testSet.id is empty").max(100),
  version: z.string().trim().min(1, "testSet.version is empty").max(50),
  // The number of tasks or utterances the set holds.
  size: positiveInt("testSet.size"),
});
export type TestSet = z.infer<typeof TestSetSchema>;

const ItemSchema = closed({
  key: keySchema("an item key"),
  title: BilingualSchema,
  unit: z.enum(UNITS, { error: `unit must be one of ${UNITS.map((u) => `"${u}"`).join(", ")}` }),
  better: z.enum(["higher", "lower"], { error: 'better must be "higher" or "lower"' }),
  method: BilingualSchema,
  min: z.number().optional(),
  max: z.number().optional(),
  thresholds: ThresholdsSchema,
  // Format v2 (docs/domain.md#schemes): how the item is tested, and what a result must carry.
  mode: z.enum(TEST_MODES, { error: `mode must be one of ${TEST_MODES.map((m) => `"${m}"`).join(", ")}` }).optional(),
  testSet: TestSetSchema.optional(),
  uncertaintyRequired: z.boolean({ error: "uncertaintyRequired must be true or false" }).optional(),
  minSamples: positiveInt("minSamples").optional(),
});

const QualifyingSchema = closed(
  {
    L1: z.array(keySchema("an item key")).max(200).optional(),
    L2: z.array(keySchema("an item key")).max(200).optional(),
    L3: z.array(keySchema("an item key")).max(200).optional(),
    L4: z.array(keySchema("an item key")).max(200).optional(),
  },
  "level",
);

/** Format v2: per level, what a terminal at that level does for its user, in both languages. */
const LevelSummariesSchema = closed(
  {
    L1: BilingualSchema.optional(),
    L2: BilingualSchema.optional(),
    L3: BilingualSchema.optional(),
    L4: BilingualSchema.optional(),
  },
  "level",
);
export type LevelSummaries = z.infer<typeof LevelSummariesSchema>;

/** The kinds of change a vendor reports (docs/domain.md#after-care); an element's `changeImpact` names items per kind. */
export const CHANGE_IMPACT_KINDS = ["software", "on_device_model", "cloud_model", "hardware"] as const;

const ChangeImpactSchema = closed(
  Object.fromEntries(CHANGE_IMPACT_KINDS.map((k) => [k, z.array(keySchema("an item key")).max(200).optional()])) as Record<
    (typeof CHANGE_IMPACT_KINDS)[number],
    z.ZodOptional<z.ZodArray<z.ZodString>>
  >,
  "kind of change",
);

const ElementSchema = closed({
  key: keySchema("an element key"),
  title: BilingualSchema,
  items: z.array(ItemSchema).min(1, "an element needs at least one item"),
  // Which items each kind of change touches: the classification's suggestion of what to re-test.
  changeImpact: ChangeImpactSchema.optional(),
});

type Issue = { path: (string | number)[]; message: string; params?: Record<string, ParamValue> };

/** An issue named by a domain code: its English message and, for people's languages, the code with its parameters. */
function coded(reason: DomainCode, params: Record<string, ParamValue>): { message: string; params: Record<string, ParamValue> } {
  return { message: englishMessage(reason, params), params: { reason, ...params } };
}

/** The checks a zod shape cannot express: uniqueness, level order, threshold order, bounds. */
function schemeRules(scheme: {
  levels: Level[];
  validityMonths: number;
  surveillanceMonths?: number[];
  surveillanceItems?: string[];
  qualifying?: Partial<Record<Level, string[]>>;
  elements: z.infer<typeof ElementSchema>[];
}): Issue[] {
  const issues: Issue[] = [];
  const allItems = new Set(scheme.elements.flatMap((e) => e.items.map((i) => i.key)));
  const itemByKey = new Map(scheme.elements.flatMap((e) => e.items.map((i) => [i.key, i] as const)));
  for (const level of LEVELS) {
    const keys = scheme.qualifying?.[level] ?? [];
    keys.forEach((key, k) => {
      const path = ["qualifying", level, k];
      const item = itemByKey.get(key);
      if (!item) issues.push({ path, ...coded("SCHEME_QUALIFYING_UNKNOWN", { item: key, level }) });
      else if (item.thresholds[level] === undefined) issues.push({ path, ...coded("SCHEME_QUALIFYING_NO_THRESHOLD", { item: key, level }) });
      else if (keys.indexOf(key) < k) issues.push({ path, message: `qualifying.${level} names "${key}" twice` });
    });
  }
  scheme.elements.forEach((element, e) => {
    for (const [kind, keys] of Object.entries(element.changeImpact ?? {})) {
      (keys ?? []).forEach((key, k) => {
        if (!allItems.has(key)) issues.push({ path: ["elements", e, "changeImpact", kind, k], message: `changeImpact names "${key}", which is no item of the scheme` });
      });
    }
  });
  (scheme.surveillanceItems ?? []).forEach((key, k) => {
    if (!allItems.has(key)) issues.push({ path: ["surveillanceItems", k], message: `surveillanceItems names "${key}", which is no item of the scheme` });
  });
  (scheme.surveillanceMonths ?? []).forEach((month, m, all) => {
    if (month >= scheme.validityMonths) {
      issues.push({ path: ["surveillanceMonths", m], message: `surveillance at month ${month} falls after the certificate's validity (${scheme.validityMonths} months)` });
    }
    if (m > 0 && month <= all[m - 1]) issues.push({ path: ["surveillanceMonths", m], message: "surveillanceMonths must rise: each month after the one before" });
  });

  const levels = scheme.levels;
  levels.forEach((level, i) => {
    if (level !== LEVELS[i]) {
      issues.push({
        path: ["levels", i],
        message: `levels must run L1, L2, … in order without gaps or repeats; position ${i + 1} should be ${LEVELS[i]}, found ${level}`,
      });
    }
  });

  const elementSeen = new Map<string, number>();
  const itemSeen = new Map<string, string>();
  const graded = new Set<Level>();

  scheme.elements.forEach((element, e) => {
    const firstElement = elementSeen.get(element.key);
    if (firstElement !== undefined) {
      issues.push({
        path: ["elements", e, "key"],
        message: `duplicate element key "${element.key}" (also elements[${firstElement}])`,
      });
    } else elementSeen.set(element.key, e);

    element.items.forEach((item, i) => {
      const at = ["elements", e, "items", i];
      const where = itemSeen.get(item.key);
      if (where !== undefined) {
        issues.push({
          path: [...at, "key"],
          message: `duplicate item key "${item.key}" (already used in element "${where}"); item keys must be unique across the scheme`,
        });
      } else itemSeen.set(item.key, element.key);

      const unitBounds = UNIT_BOUNDS[item.unit];
      for (const side of ["min", "max"] as const) {
        const v = item[side];
        if (v === undefined) continue;
        if (
          (unitBounds.min !== undefined && v < unitBounds.min) ||
          (unitBounds.max !== undefined && v > unitBounds.max)
        ) {
          issues.push({
            path: [...at, side],
            message: `${item.key}: ${side} ${v} lies outside what "${item.unit}" allows (${describeRange(unitBounds)})`,
          });
        }
      }
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) {
        issues.push({ path: [...at, "min"], message: `${item.key}: min ${item.min} is above max ${item.max}` });
      }
      const bounds = itemBounds(item);

      let previous: { level: Level; value: number } | undefined;
      for (const level of LEVELS) {
        const value = item.thresholds[level];
        if (value === undefined) continue;
        const tpath = [...at, "thresholds", level];
        if (!levels.includes(level)) {
          issues.push({
            path: tpath,
            message: `${item.key}: threshold at ${level}, which is not one of the scheme's levels (${levels.join(", ")})`,
          });
        }
        graded.add(level);
        if (!withinBounds(value, bounds)) {
          issues.push({
            path: tpath,
            ...coded("SCHEME_THRESHOLD_IMPOSSIBLE", { item: item.key, value, unit: item.unit, level, range: describeRange(bounds) }),
          });
        }
        if (previous) {
          const contradicts = item.better === "higher" ? value < previous.value : value > previous.value;
          if (contradicts) {
            issues.push({
              path: tpath,
              ...coded(item.better === "higher" ? "SCHEME_THRESHOLD_BELOW_PREVIOUS" : "SCHEME_THRESHOLD_ABOVE_PREVIOUS", {
                item: item.key,
                level,
                value,
                previous: previous.level,
                previousValue: previous.value,
              }),
            });
          }
        }
        previous = { level, value };
      }
    });
  });

  // A level without thresholds cannot be reached, so a graded level above it never could be either.
  let gap: Level | undefined;
  for (const level of LEVELS) {
    if (!graded.has(level)) gap ??= level;
    else if (gap) {
      issues.push({
        path: ["elements"],
        message: `${level} has thresholds but ${gap} has none; levels must be graded from L1 upwards without gaps`,
      });
      break;
    }
  }
  if (graded.size === 0) {
    issues.push({ path: ["elements"], message: "no item has a threshold, so no level could ever be reached" });
  }
  return issues;
}

export const SchemeSchema = closed({
  id: keySchema("the scheme id"),
  version: z.string().trim().min(1, "version is required"),
  category: keySchema("the category"),
  title: BilingualSchema,
  levels: z
    .array(z.enum(LEVELS, { error: `a level must be one of ${LEVELS.join(", ")}` }))
    .min(1, "at least one level is required"),
  panelSize: z.number().int("panelSize must be a whole number").min(3, "panelSize must be at least 3").default(3),
  validityMonths: z.number().int("validityMonths must be a whole number").positive("validityMonths must be above 0"),
  pilotValues: z.boolean().optional(),
  // After-care (docs/domain.md#after-care): the months after the award at which a surveillance is
  // due, the days it has to be concluded, and the items it re-tests (all items when not named).
  surveillanceMonths: z.array(z.number().int("a surveillance month must be a whole number").positive("a surveillance month must be above 0")).max(12).optional(),
  surveillanceGraceDays: z.number().int("surveillanceGraceDays must be a whole number").min(1).max(180).default(60),
  surveillanceItems: z.array(keySchema("an item key")).max(200).optional(),
  // Format v2 (docs/domain.md#schemes): the decision rule (absent: simple) and, per level, the
  // items that make the level mean what it says (a level is reached only if they meet it).
  decisionRule: z.enum(DECISION_RULES, { error: 'decisionRule must be "simple" or "guarded"' }).optional(),
  qualifying: QualifyingSchema.optional(),
  // Per level, one or two sentences in both languages on what a terminal at that level does for
  // its user (shown on the scheme pages).
  levelSummaries: LevelSummariesSchema.optional(),
  elements: z.array(ElementSchema).min(1, "a scheme needs at least one element"),
}).superRefine((scheme, ctx) => {
  for (const issue of schemeRules(scheme)) ctx.addIssue({ code: "custom", ...issue });
});

export type Scheme = z.output<typeof SchemeSchema>;
export type SchemeInput = z.input<typeof SchemeSchema>;
export type SchemeElement = Scheme["elements"][number];
export type SchemeItem = SchemeElement["items"][number];

/** One problem: where, in English, and the domain code with its parameters (for people's languages). */
export type SchemeError = { path: string; message: string; ref?: DomainRef };
export type ParseSchemeResult = { ok: true; scheme: Scheme } | { ok: false; errors: SchemeError[] };

/** Validate a scheme (an object, or its JSON text). Never throws. */
export function parseScheme(json: unknown): ParseSchemeResult {
  let data = json;
  if (typeof json === "string") {
    try {
      data = JSON.parse(json);
    } catch (error) {
      return { ok: false, errors: [{ path: "", message: `not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const result = SchemeSchema.safeParse(data);
  if (result.success) return { ok: true, scheme: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
      // Only a problem named by a domain code carries it (the others read as FIELD_INVALID, FIELD_REQUIRED…).
      ...((issue as { params?: { reason?: unknown } }).params?.reason ? { ref: zodIssueRef(issue) } : {}),
    })),
  };
}

/** `elements[0].items[2].thresholds.L2`: the way a person editing the JSON would find it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The values a measurement of this item can take: its unit's bounds narrowed by its own min/max. */
export function itemBounds(item: Pick<SchemeItem, "unit" | "min" | "max">): { min?: number; max?: number } {
  const unit = UNIT_BOUNDS[item.unit];
  return {
    min: maxDefined(unit.min, item.min),
    max: minDefined(unit.max, item.max),
  };
}

export function withinBounds(value: number, bounds: { min?: number; max?: number }): boolean {
  return (bounds.min === undefined || value >= bounds.min) && (bounds.max === undefined || value <= bounds.max);
}

export function describeRange(bounds: { min?: number; max?: number }): string {
  if (bounds.min !== undefined && bounds.max !== undefined) return `must be between ${bounds.min} and ${bounds.max}`;
  if (bounds.min !== undefined) return `must be at least ${bounds.min}`;
  if (bounds.max !== undefined) return `must be at most ${bounds.max}`;
  return "any number";
}

function maxDefined(a?: number, b?: number) {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
function minDefined(a?: number, b?: number) {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** Every item of a scheme with the element it belongs to, in scheme order. */
export function schemeItems(scheme: Scheme): { element: SchemeElement; item: SchemeItem }[] {
  return scheme.elements.flatMap((element) => element.items.map((item) => ({ element, item })));
}

/**
 * The format a scheme is written in: 2 when it uses any field of format v2 (decisionRule,
 * qualifying, levelSummaries, or an item's mode, testSet, uncertaintyRequired or minSamples), else 1. A v1 scheme
 * is decided exactly as before v2 existed.
 */
export function schemeFormat(scheme: Scheme): 1 | 2 {
  if (scheme.decisionRule !== undefined || scheme.qualifying !== undefined || scheme.levelSummaries !== undefined) return 2;
  const v2 = (item: SchemeItem) =>
    item.mode !== undefined || item.testSet !== undefined || item.uncertaintyRequired !== undefined || item.minSamples !== undefined;
  return schemeItems(scheme).some(({ item }) => v2(item)) ? 2 : 1;
}

/** The scheme's decision rule: `simple` unless it says `guarded`. */
export function decisionRuleOf(scheme: Pick<Scheme, "decisionRule">): DecisionRule {
  return scheme.decisionRule ?? "simple";
}

/** The levels an item qualifies (names in the scheme's `qualifying`), in level order. */
export function qualifyingLevels(scheme: Pick<Scheme, "qualifying">, itemKey: string): Level[] {
  return LEVELS.filter((level) => scheme.qualifying?.[level]?.includes(itemKey));
}

/** Levels at which at least one item has a threshold; only these can ever be reached. */
export function gradedLevels(scheme: Scheme): Level[] {
  return scheme.levels.filter((level) =>
    scheme.elements.some((element) => element.items.some((item) => item.thresholds[level] !== undefined)),
  );
}
