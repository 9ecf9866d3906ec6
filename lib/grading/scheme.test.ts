import { describe, expect, it } from "vitest";
import { tinySchemeInput } from "@/test/fixtures/grading";
import { gradedLevels, parseScheme, type SchemeInput } from "./scheme";
import { SEEDED_CATEGORIES, SEEDED_SCHEMES } from "./schemes";

function refused(edit: (input: SchemeInput & Record<string, unknown>) => void) {
  const input = structuredClone(tinySchemeInput()) as SchemeInput & Record<string, unknown>;
  edit(input);
  const result = parseScheme(input);
  if (result.ok) throw new Error("expected the scheme to be refused");
  return result.errors;
}

describe("seeded schemes", () => {
  it.each(SEEDED_SCHEMES.map((s) => [s.id, s] as const))("%s passes parseScheme", (_, scheme) => {
    const result = parseScheme(scheme);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("cover every category once, version 2026.1, pilot values, five elements of 3–6 items, L4 reserved", () => {
    expect(SEEDED_SCHEMES.map((s) => s.category).sort()).toEqual([...SEEDED_CATEGORIES].sort());
    for (const scheme of SEEDED_SCHEMES) {
      expect(scheme.version).toBe("2026.1");
      expect(scheme.pilotValues).toBe(true);
      expect(scheme.id).toBe(scheme.category);
      expect(scheme.elements.map((e) => e.key)).toEqual(["perception", "cognition", "execution", "memory", "learning"]);
      for (const element of scheme.elements) {
        expect(element.items.length).toBeGreaterThanOrEqual(3);
        expect(element.items.length).toBeLessThanOrEqual(6);
      }
      expect(gradedLevels(scheme)).toEqual(["L1", "L2", "L3"]);
    }
  });

  it("vary by category: the car is tested in cabin noise, earphones have no screen understanding", () => {
    const keys = (id: string) => SEEDED_SCHEMES.find((s) => s.id === id)!.elements.flatMap((e) => e.items.map((i) => i.key));
    expect(keys("car")).toContain("asr_cer_cabin_noise");
    expect(keys("earphone")).not.toContain("screen_understanding_acc");
    expect(keys("earphone")).toContain("translation_latency_p90");
  });
});

describe("parseScheme refuses", () => {
  it("a duplicate element key, naming it", () => {
    const errors = refused((s) => {
      s.elements[1].key = "perception";
    });
    expect(errors).toContainEqual({ path: "elements[1].key", message: expect.stringContaining('duplicate element key "perception"') });
  });

  it("a duplicate item key across elements", () => {
    const errors = refused((s) => {
      s.elements[1].items[0].key = "asr_cer_quiet";
    });
    expect(errors).toContainEqual({
      path: "elements[1].items[0].key",
      message: expect.stringMatching(/duplicate item key "asr_cer_quiet".*perception/),
    });
  });

  it("thresholds in an order contradicting better", () => {
    const lower = refused((s) => {
      s.elements[0].items[0].thresholds = { L1: 10, L2: 12, L3: 6 };
    });
    expect(lower).toContainEqual({
      path: "elements[0].items[0].thresholds.L2",
      message: expect.stringContaining("lower is better, so the L2 threshold (12) may not be above the L1 threshold (10)"),
      ref: { reason: "SCHEME_THRESHOLD_ABOVE_PREVIOUS", params: expect.objectContaining({ level: "L2", value: 12, previous: "L1", previousValue: 10 }) },
    });
    const higher = refused((s) => {
      s.elements[0].items[1].thresholds = { L2: 90, L3: 85 };
    });
    expect(higher).toContainEqual({
      path: "elements[0].items[1].thresholds.L3",
      message: expect.stringContaining("higher is better"),
      ref: { reason: "SCHEME_THRESHOLD_BELOW_PREVIOUS", params: expect.objectContaining({ level: "L3", value: 85, previous: "L2", previousValue: 90 }) },
    });
  });

  it("a threshold at a level the scheme does not have, and an unknown level", () => {
    const notInLevels = refused((s) => {
      s.levels = ["L1", "L2"];
    });
    expect(notInLevels).toContainEqual({
      path: "elements[0].items[0].thresholds.L3",
      message: expect.stringContaining("not one of the scheme's levels (L1, L2)"),
    });
    const unknown = refused((s) => {
      (s.levels as string[]) = ["L1", "L5"];
    });
    expect(unknown[0].path).toBe("levels[1]");
    expect(unknown[0].message).toContain("L1, L2, L3, L4");
    const unknownThreshold = refused((s) => {
      (s.elements[0].items[0].thresholds as Record<string, number>).L5 = 1;
    });
    expect(unknownThreshold[0]).toEqual({
      path: "elements[0].items[0].thresholds",
      message: 'unknown level "L5"; expected L1, L2, L3, L4',
    });
  });

  it("levels out of order or with gaps", () => {
    const errors = refused((s) => {
      s.levels = ["L1", "L3", "L2", "L4"];
    });
    expect(errors[0]).toEqual({ path: "levels[1]", message: expect.stringContaining("should be L2, found L3") });
  });

  it("a graded level above one without thresholds", () => {
    const errors = refused((s) => {
      for (const e of s.elements) for (const i of e.items) delete i.thresholds.L2;
    });
    expect(errors).toContainEqual({ path: "elements", message: expect.stringContaining("L3 has thresholds but L2 has none") });
  });

  it("an unknown unit, an impossible threshold and a bad panel size", () => {
    expect(refused((s) => ((s.elements[0].items[0] as { unit: string }).unit = "sec"))[0]).toEqual({
      path: "elements[0].items[0].unit",
      message: expect.stringContaining('"tokens/s"'),
    });
    expect(refused((s) => (s.elements[0].items[1].thresholds.L3 = 120))).toContainEqual({
      path: "elements[0].items[1].thresholds.L3",
      message: expect.stringContaining("between 0 and 100"),
      ref: { reason: "SCHEME_THRESHOLD_IMPOSSIBLE", params: expect.objectContaining({ level: "L3", value: 120 }) },
    });
    expect(refused((s) => (s.elements[1].items[0].thresholds.L1 = -5))[0].message).toContain("at least 0");
    expect(refused((s) => (s.panelSize = 2))[0]).toEqual({ path: "panelSize", message: "panelSize must be at least 3" });
    expect(refused((s) => (s.validityMonths = 0))[0].path).toBe("validityMonths");
  });

  it("unknown fields (a typo such as treshold)", () => {
    const errors = refused((s) => {
      (s.elements[0].items[0] as Record<string, unknown>).treshold = {};
    });
    expect(errors[0]).toEqual({ path: "elements[0].items[0]", message: expect.stringContaining('unknown field "treshold"') });
  });

  it("malformed JSON text with a reason", () => {
    const result = parseScheme("{ not json");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/^not valid JSON/);
  });

  it("defaults panelSize to 3", () => {
    const result = parseScheme(tinySchemeInput());
    expect(result.ok && result.scheme.panelSize).toBe(3);
  });
});
