// The report envelope's rules (docs/domain.md#lab-evidence): every missing field named, the sample's
// version against the version applied for, the dates, and the accreditation scope.
import { describe, expect, it } from "vitest";
import { ENVELOPE_FIELDS, EnvelopeDraftShape, envelopeProblems, itemsOutOfScope, parseScope, sampleModelsMatch } from "./envelope";
import { sampleEnvelope } from "./sample-results";
import { seededScheme } from "./schemes";
import { z } from "zod";

describe("the report envelope", () => {
  it("names every missing field, each with its code, in the completeness order", () => {
    const problems = envelopeProblems({}, { appliedVersion: "5.0.1" });
    expect(problems.map((p) => p.field)).toEqual([...ENVELOPE_FIELDS]);
    expect(new Set(problems.map((p) => p.reason))).toEqual(new Set(["ENVELOPE_FIELD_REQUIRED"]));
    expect(problems[0]).toEqual({ field: "reportNumber", reason: "ENVELOPE_FIELD_REQUIRED", params: { field: "reportNumber" } });
  });

  it("names exactly the fields left out of a complete envelope, blank text counting as missing", () => {
    const full = sampleEnvelope("5.0.1", "2026-03-01");
    expect(envelopeProblems(full, { appliedVersion: "5.0.1", today: "2026-03-02" })).toEqual([]);
    for (const field of ENVELOPE_FIELDS) {
      const e = structuredClone(full) as Record<string, unknown> & { sample: Record<string, unknown> };
      if (field.startsWith("sample.")) e.sample[field.slice(7)] = field === "sample.serials" ? ["  "] : " ";
      else e[field] = field === "testedFrom" || field === "testedTo" ? null : "";
      const problems = envelopeProblems(e, { appliedVersion: "5.0.1" });
      expect(problems.map((p) => [p.field, p.reason]), field).toEqual([[field, "ENVELOPE_FIELD_REQUIRED"]]);
    }
  });

  it("refuses a sample of another software version, naming both", () => {
    const e = sampleEnvelope("5.0.2");
    expect(envelopeProblems(e, { appliedVersion: "5.0.1" })).toEqual([
      { field: "sample.softwareVersion", reason: "SAMPLE_VERSION_MISMATCH", params: { sampleVersion: "5.0.2", appliedVersion: "5.0.1" } },
    ]);
  });

  it("compares the sample's models with the disclosed ones when both are given", () => {
    const disclosed = [
      { name: "Nano", version: "3B", deployment: "on_device" as const },
      { name: "Cloud LLM", version: "2026-05", deployment: "cloud" as const },
    ];
    expect(sampleModelsMatch([disclosed[1], disclosed[0]], disclosed)).toBe(true);
    expect(sampleModelsMatch([{ name: " Nano ", version: "3B" }, { name: "Cloud LLM", version: "2026-05" }], disclosed)).toBe(true);
    expect(sampleModelsMatch([disclosed[0]], disclosed)).toBe(false);
    expect(sampleModelsMatch([...disclosed, { name: "Extra", version: "1" }], disclosed)).toBe(false);
    expect(sampleModelsMatch([disclosed[0], disclosed[0]], disclosed)).toBe(false);
    expect(sampleModelsMatch([{ ...disclosed[0], version: "3b" }, disclosed[1]], disclosed)).toBe(false);
    expect(sampleModelsMatch([{ ...disclosed[0], deployment: "cloud" }, disclosed[1]], disclosed)).toBe(false);
    const e = sampleEnvelope("1.0", "2026-03-01", [{ ...disclosed[0], version: "7B" }]);
    expect(envelopeProblems(e, { appliedVersion: "1.0", disclosedModels: disclosed })).toEqual([
      {
        field: "sample.models",
        reason: "SAMPLE_MODELS_MISMATCH",
        params: { sampleModels: "Nano 7B (on_device)", disclosedModels: "Nano 3B (on_device); Cloud LLM 2026-05 (cloud)" },
      },
    ]);
    // Not compared when the sample lists none, or the case discloses none.
    expect(envelopeProblems(sampleEnvelope("1.0"), { appliedVersion: "1.0", disclosedModels: disclosed })).toEqual([]);
    expect(envelopeProblems(e, { appliedVersion: "1.0" })).toEqual([]);
  });

  it("refuses test dates in the wrong order or after today", () => {
    const e = { ...sampleEnvelope("1.0"), testedFrom: "2026-02-10", testedTo: "2026-02-01" };
    expect(envelopeProblems(e, { appliedVersion: "1.0" }).map((p) => p.reason)).toEqual(["TEST_DATES_REVERSED"]);
    const future = { ...sampleEnvelope("1.0"), testedFrom: "2026-02-01", testedTo: "2026-02-10" };
    expect(envelopeProblems(future, { appliedVersion: "1.0", today: "2026-02-05" })).toEqual([
      { field: "testedTo", reason: "TEST_DATE_FUTURE", params: { testedTo: "2026-02-10", today: "2026-02-05" } },
    ]);
  });

  it("bounds a draft's fields and takes only real days", () => {
    const Draft = z.strictObject(EnvelopeDraftShape);
    expect(Draft.safeParse(sampleEnvelope("1.0")).success).toBe(true);
    expect(Draft.safeParse({ testedFrom: "2026-02-30" }).success).toBe(false);
    expect(Draft.safeParse({ reportNumber: "x".repeat(101) }).success).toBe(false);
    expect(Draft.safeParse({ sample: { serials: Array(51).fill("S") } }).success).toBe(false);
    expect(Draft.safeParse({ sample: { models: [{ name: "m", version: "1", deployment: "orbit" }] } }).success).toBe(false);
    expect(Draft.safeParse({ sample: { extra: 1 } }).success).toBe(false);
  });

  it("a scope of test sets or item keys covers those items only; an empty scope covers the whole category", () => {
    const scheme = seededScheme("phone")!;
    const keys = scheme.elements.flatMap((e) => e.items.map((i) => i.key));
    expect(itemsOutOfScope(scheme, [])).toEqual([]);
    expect(itemsOutOfScope(scheme, keys)).toEqual([]);
    const out = itemsOutOfScope(scheme, keys.slice(1));
    expect(out).toEqual([{ item: keys[0], testSet: null }]);
    // A v2 item is covered by its test set's id.
    const v2 = structuredClone(scheme);
    v2.elements[0].items[0].testSet = { id: "TS-ASR-2026", version: "1", size: 1500 };
    expect(itemsOutOfScope(v2, ["TS-ASR-2026", ...keys.slice(1)])).toEqual([]);
    expect(itemsOutOfScope(v2, keys.slice(1))).toEqual([{ item: keys[0], testSet: "TS-ASR-2026" }]);
    expect(parseScope('["a", " b ", 3, ""]')).toEqual(["a", "b"]);
    expect(parseScope("not json")).toEqual([]);
  });
});
