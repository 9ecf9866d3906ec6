// Format v2 of schemes and the engine (docs/domain.md#schemes): decision rule, qualifying items,
// uncertainty and n, verdicts and their explanation in both languages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tinyScheme } from "@/test/fixtures/grading";
import { tinySchemeV2, tinySchemeV2Input } from "@/test/fixtures/grading-v2";
import {
  determine,
  explainVerdict,
  MissingItemError,
  RefusedMeasurementError,
  type Measurement,
  type Verdict,
} from "./engine";
import { compareLevels, type Level } from "./levels";
import { itemBounds, parseScheme, schemeFormat, schemeItems, type Scheme, type SchemeInput, type SchemeItem } from "./scheme";
import { SEEDED_SCHEMES } from "./schemes";

const v2 = tinySchemeV2();
/** Every item at L3 (screen_acc with a U and enough trials), then `edit`. */
function l3(edit: Record<string, number | Measurement> = {}): Record<string, number | Measurement> {
  return {
    asr_cer_quiet: 5,
    screen_acc: { value: 90, uncertainty: 1, n: 200 },
    proactive_acceptance: 70,
    latency_p90: 900,
    ...edit,
  };
}

function refused(edit: (input: SchemeInput) => void) {
  const input = tinySchemeV2Input();
  edit(input);
  const result = parseScheme(input);
  if (result.ok) throw new Error("expected the scheme to be refused");
  return result.errors;
}

describe("format v2 of the scheme", () => {
  it("parses, and says which format a scheme is written in; every seeded scheme is v1", () => {
    expect(schemeFormat(v2)).toBe(2);
    expect(schemeFormat(tinyScheme())).toBe(1);
    for (const scheme of SEEDED_SCHEMES) expect(schemeFormat(scheme)).toBe(1);
    expect(v2.elements[0].items[1]).toMatchObject({ mode: "device_cloud", testSet: { id: "screens", version: "1", size: 200 }, uncertaintyRequired: true, minSamples: 100 });
  });

  it("a v1 scheme parses to the same object as before: no v2 field is added by default", () => {
    for (const scheme of SEEDED_SCHEMES) {
      const parsed = parseScheme(structuredClone(scheme));
      expect(parsed.ok && Object.keys(parsed.scheme).filter((k) => ["decisionRule", "qualifying"].includes(k))).toEqual([]);
    }
  });

  it("refuses a qualifying item that is no item, or has no threshold at its level, by code", () => {
    expect(refused((s) => (s.qualifying = { L3: ["proactive_acceptanse"] }))).toContainEqual({
      path: "qualifying.L3[0]",
      message: expect.stringContaining('"proactive_acceptanse"'),
      ref: { reason: "SCHEME_QUALIFYING_UNKNOWN", params: { item: "proactive_acceptanse", level: "L3" } },
    });
    expect(refused((s) => (s.qualifying = { L2: ["proactive_acceptance"] }))).toContainEqual({
      path: "qualifying.L2[0]",
      message: "proactive_acceptance qualifies for L2 but has no threshold at L2",
      ref: { reason: "SCHEME_QUALIFYING_NO_THRESHOLD", params: { item: "proactive_acceptance", level: "L2" } },
    });
    expect(refused((s) => (s.qualifying = { L5: ["proactive_acceptance"] } as never))).toContainEqual({
      path: "qualifying",
      message: expect.stringContaining('unknown level "L5"'),
    });
  });

  it("refuses a decision rule other than simple or guarded, a mode it does not know, a bad testSet or minSamples", () => {
    expect(refused((s) => (s.decisionRule = "strict" as never))).toContainEqual({ path: "decisionRule", message: 'decisionRule must be "simple" or "guarded"' });
    expect(refused((s) => (s.elements[0].items[0].mode = "cloud" as never))).toContainEqual({
      path: "elements[0].items[0].mode",
      message: 'mode must be one of "on_device", "device_cloud", "companion"',
    });
    expect(refused((s) => (s.elements[0].items[0].testSet!.size = 0))).toContainEqual({ path: "elements[0].items[0].testSet.size", message: "testSet.size must be above 0" });
    expect(refused((s) => (s.elements[0].items[0].testSet!.size = 2.5))).toContainEqual({
      path: "elements[0].items[0].testSet.size",
      message: "testSet.size must be a whole number",
    });
    expect(refused((s) => (s.elements[0].items[0].testSet = { id: "x", version: "1" } as never))).toContainEqual({
      path: "elements[0].items[0].testSet.size",
      message: "testSet.size must be a number",
    });
    expect(refused((s) => (s.elements[0].items[1].minSamples = 0))).toContainEqual({ path: "elements[0].items[1].minSamples", message: "minSamples must be above 0" });
    expect(refused((s) => (s.elements[0].items[1].minSamples = 10.5))).toContainEqual({
      path: "elements[0].items[1].minSamples",
      message: "minSamples must be a whole number",
    });
  });
});

describe("qualifying items", () => {
  it("reach L3 when the qualifying item meets it", () => {
    expect(determine(v2, l3())).toMatchObject({ level: "L3", profile: { perception: "L3", cognition: "L3", execution: "L3" }, blockers: null });
  });

  it("hold the terminal and every element below L3 when the qualifying item fails it", () => {
    const d = determine(v2, l3({ proactive_acceptance: 40 }));
    expect(d.level).toBe("L2");
    // Perception and execution meet every L3 threshold of their own, but L3 is not reached without proactive assistance.
    expect(d.profile).toEqual({ perception: "L2", cognition: "L2", execution: "L2" });
    expect(d.blockers).toEqual({ level: "L3", items: [expect.objectContaining({ item: "proactive_acceptance", needed: 60, neededAt: "L3", qualifying: true })] });
    // The same results without `qualifying`: only the element of the item is held.
    const plain = tinySchemeV2((s) => delete s.qualifying);
    expect(determine(plain, l3({ proactive_acceptance: 40 })).profile).toEqual({ perception: "L3", cognition: "L2", execution: "L3" });
  });

  it("an item without a threshold at a level does not block that level", () => {
    // proactive_acceptance has only an L3 threshold: 0 % still lets the terminal reach L2 (and L1).
    expect(determine(v2, l3({ proactive_acceptance: 0, latency_p90: 1500 })).level).toBe("L2");
    expect(determine(v2, l3({ proactive_acceptance: 0, screen_acc: { value: 50, uncertainty: 0, n: 100 } })).level).toBe("L1");
  });
});

describe("the decision rule", () => {
  it("guarded: the uncertainty counts against the product, both ways", () => {
    // 86 − U 1.4 = 84.6 < 85; 990 + U 20 = 1010 > 1000: both miss L3.
    expect(determine(v2, l3({ screen_acc: { value: 86, uncertainty: 1.4, n: 100 } })).level).toBe("L2");
    expect(determine(v2, l3({ latency_p90: { value: 990, uncertainty: 20 } })).level).toBe("L2");
    expect(determine(v2, l3({ latency_p90: { value: 980, uncertainty: 20 } })).level).toBe("L3");
    // Equal still meets, without float noise: 86.4 − 1.4 is 85.
    expect(determine(v2, l3({ screen_acc: { value: 86.4, uncertainty: 1.4, n: 100 } })).level).toBe("L3");
  });

  it("simple: the uncertainty is reported but does not count", () => {
    const simple = tinySchemeV2((s) => (s.decisionRule = "simple"));
    const d = determine(simple, l3({ screen_acc: { value: 86, uncertainty: 1.4, n: 100 } }));
    expect(d.level).toBe("L3");
    expect(d.rule).toBe("simple");
    expect(d.verdicts.find((v) => v.item === "screen_acc")).toMatchObject({ uncertainty: 1.4, deciding: [{ uncertainty: null, effective: 86 }] });
  });

  it("guarded without a reported U counts U = 0 where it is not required", () => {
    expect(determine(v2, l3({ latency_p90: 1000 })).level).toBe("L3");
  });

  it("uncertainty and n may come beside plain values (stored rows)", () => {
    const values = { asr_cer_quiet: 5, screen_acc: 86, proactive_acceptance: 70, latency_p90: 900 };
    const d = determine(v2, values, { uncertainty: { screen_acc: 1.4 }, n: { screen_acc: 120 } });
    expect(d.level).toBe("L2");
    expect(d).toEqual(determine(v2, l3({ screen_acc: { value: 86, uncertainty: 1.4, n: 120 } })));
  });
});

describe("refusals", () => {
  it("a result without the required uncertainty, or with too few trials, is refused, naming each", () => {
    const refusals = (results: Record<string, number | Measurement>) => {
      try {
        determine(v2, results);
      } catch (error) {
        expect(error).toBeInstanceOf(RefusedMeasurementError);
        return (error as RefusedMeasurementError).refusals;
      }
      throw new Error("expected a refusal");
    };
    expect(refusals(l3({ screen_acc: { value: 90, n: 200 } }))).toEqual([{ item: "screen_acc", reason: "uncertainty_required" }]);
    expect(refusals(l3({ screen_acc: { value: 90, uncertainty: 1, n: 99 } }))).toEqual([{ item: "screen_acc", reason: "too_few_samples", minSamples: 100, n: 99 }]);
    expect(refusals(l3({ screen_acc: 90 }))).toEqual([
      { item: "screen_acc", reason: "uncertainty_required" },
      { item: "screen_acc", reason: "too_few_samples", minSamples: 100, n: null },
    ]);
  });

  it("a missing item is still MissingItemError, before any refusal", () => {
    const { proactive_acceptance: _, ...partial } = l3({ screen_acc: 90 });
    expect(() => determine(v2, partial)).toThrow(MissingItemError);
  });
});

describe("verdicts and their explanation", () => {
  it("say per item the level it reaches and the comparisons that decide, as data", () => {
    const d = determine(v2, l3({ screen_acc: { value: 86, uncertainty: 1.4, n: 100 }, latency_p90: 1500 }));
    expect(d.verdicts.map((v) => [v.item, v.level])).toEqual([
      ["asr_cer_quiet", "L3"],
      ["screen_acc", "L2"],
      ["proactive_acceptance", "L3"],
      ["latency_p90", "L2"],
    ]);
    const screen = d.verdicts.find((v) => v.item === "screen_acc")!;
    expect(screen).toMatchObject({ rule: "guarded", value: 86, uncertainty: 1.4, n: 100, qualifying: [] });
    expect(screen.deciding).toEqual([
      { outcome: "meets", level: "L2", value: 86, uncertainty: 1.4, effective: 84.6, operator: "≥", threshold: 70 },
      { outcome: "fails", level: "L3", value: 86, uncertainty: 1.4, effective: 84.6, operator: "<", threshold: 85 },
    ]);
    expect(d.verdicts.find((v) => v.item === "proactive_acceptance")!.qualifying).toEqual(["L3"]);
  });

  it("read the same in English and Chinese", () => {
    const verdict: Pick<Verdict, "deciding" | "better"> = {
      better: "higher",
      deciding: [{ outcome: "meets", level: "L3", value: 92.1, uncertainty: 1.4, effective: 90.7, operator: "≥", threshold: 90 }],
    };
    expect(explainVerdict(verdict, "en")).toBe("meets L3: 92.1 − U 1.4 ≥ 90");
    expect(explainVerdict(verdict, "zh-CN")).toBe("满足 L3：92.1 − U 1.4 ≥ 90");

    const d = determine(v2, l3({ latency_p90: { value: 990, uncertainty: 20 } }));
    const latency = d.verdicts.find((v) => v.item === "latency_p90")!;
    expect(explainVerdict(latency, "en")).toBe("meets L2: 990 + U 20 ≤ 2000; fails L3: 990 + U 20 > 1000");
    expect(explainVerdict(latency, "zh")).toBe("满足 L2：990 + U 20 ≤ 2000；未满足 L3：990 + U 20 > 1000");

    const v1 = determine(tinyScheme(), { asr_cer_quiet: 20, screen_acc: 99, latency_p90: 500 });
    expect(explainVerdict(v1.verdicts[0], "en")).toBe("fails L1: 20 > 15");
    expect(explainVerdict(v1.verdicts[1], "en")).toBe("meets L3: 99 ≥ 85");
    expect(explainVerdict({ better: "higher", deciding: [] }, "zh-CN")).toBe("无阈值");
  });
});

// ---- properties ----

/** A value within the item's range, often at or next to a threshold. */
function measurement(item: SchemeItem): fc.Arbitrary<number> {
  const { min = -1000, max = 100_000 } = itemBounds(item);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const thresholds = Object.values(item.thresholds) as number[];
  return fc.oneof(
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(...thresholds).chain((t) => fc.constantFrom(t, clamp(t - 1), clamp(t + 1), clamp(t - 0.01), clamp(t + 0.01))),
  );
}

const uncertainty = fc.oneof(fc.constant(0), fc.constantFrom(0.01, 0.5, 1, 2.5), fc.double({ min: 0, max: 50, noNaN: true }));

function report(scheme: Scheme): fc.Arbitrary<Record<string, Measurement>> {
  return fc.record(
    Object.fromEntries(
      schemeItems(scheme).map(({ item }) => [item.key, fc.record({ value: measurement(item), uncertainty, n: fc.constant(1000) })]),
    ),
  );
}

/** A seeded scheme made v2: a random decision rule and random qualifying items per level (each with a threshold there). */
const v2Scheme: fc.Arbitrary<Scheme> = fc
  .tuple(fc.constantFrom(...SEEDED_SCHEMES), fc.constantFrom("simple" as const, "guarded" as const), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }))
  .map(([seeded, rule, picks]) => {
    const items = schemeItems(seeded).map(({ item }) => item);
    const qualifying: Partial<Record<Level, string[]>> = {};
    for (const level of ["L1", "L2", "L3"] as const) {
      const keys = items.filter((item, i) => item.thresholds[level] !== undefined && picks[(i * 3 + Number(level[1])) % picks.length]).map((i) => i.key);
      if (keys.length) qualifying[level] = keys;
    }
    const parsed = parseScheme({ ...structuredClone(seeded), decisionRule: rule, qualifying });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.scheme;
  });

const schemeAndReport = fc.oneof(fc.constantFrom(...SEEDED_SCHEMES), v2Scheme).chain((scheme) => report(scheme).map((results) => ({ scheme, results })));

const guardedOf = (scheme: Scheme): Scheme => ({ ...scheme, decisionRule: "guarded" });
const simpleOf = (scheme: Scheme): Scheme => ({ ...scheme, decisionRule: "simple" });

describe("determination properties (format v2)", () => {
  it("guarded never awards more than simple, for the terminal or any element (same results, U ≥ 0)", () => {
    fc.assert(
      fc.property(schemeAndReport, ({ scheme, results }) => {
        const guarded = determine(guardedOf(scheme), results);
        const simple = determine(simpleOf(scheme), results);
        expect(compareLevels(guarded.level, simple.level)).toBeLessThanOrEqual(0);
        for (const element of scheme.elements) {
          expect(compareLevels(guarded.profile[element.key], simple.profile[element.key])).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("raising a higher-better value (or lowering a lower-better one) never lowers the level, nor any element's", () => {
    fc.assert(
      fc.property(schemeAndReport, fc.nat({ max: 1000 }), fc.double({ min: 0, max: 500, noNaN: true }), ({ scheme, results }, pick, by) => {
        const items = schemeItems(scheme);
        const { item } = items[pick % items.length];
        const { min = -Infinity, max = Infinity } = itemBounds(item);
        const before = results[item.key];
        const value = item.better === "higher" ? Math.min(max, before.value + by) : Math.max(min, before.value - by);
        const a = determine(scheme, results);
        const b = determine(scheme, { ...results, [item.key]: { ...before, value } });
        expect(compareLevels(b.level, a.level)).toBeGreaterThanOrEqual(0);
        for (const element of scheme.elements) {
          expect(compareLevels(b.profile[element.key], a.profile[element.key])).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("the level is the minimum of the profile (every element graded)", () => {
    fc.assert(
      fc.property(schemeAndReport, ({ scheme, results }) => {
        const { level, profile } = determine(scheme, results);
        const lowest = Object.values(profile).reduce((low, l) => (compareLevels(l, low) < 0 ? l : low));
        expect(level).toBe(lowest);
      }),
      { numRuns: 300 },
    );
  });

  it("each verdict's level is at least the terminal's, and the blockers are exactly the items whose verdict is below the next level", () => {
    fc.assert(
      fc.property(schemeAndReport, ({ scheme, results }) => {
        const { level, blockers, verdicts } = determine(scheme, results);
        for (const verdict of verdicts) expect(compareLevels(verdict.level, level)).toBeGreaterThanOrEqual(0);
        if (blockers) {
          expect(blockers.items.map((b) => b.item)).toEqual(verdicts.filter((v) => compareLevels(v.level, blockers.level) < 0).map((v) => v.item));
        }
      }),
      { numRuns: 300 },
    );
  });
});
