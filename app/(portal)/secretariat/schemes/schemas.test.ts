// The scheme editor's format v2 fields (docs/domain.md#schemes) refuse by code, in the browser and
// in the action alike: a test set named in part, a count that is no whole number above 0, a
// qualifying level without a threshold.
import { describe, expect, it } from "vitest";
import { decodeRef, parseForm } from "@/app/_components/ui/form-codes";
import { UpdateItemInput } from "./schemas";

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const base = { schemeId: "phone", version: "2026.9", itemKey: "asr", unit: "%", better: "lower", L1: "10", L2: "6", L3: "" };
const codes = (o: Record<string, string>) => {
  const s = parseForm(form({ ...base, ...o }), UpdateItemInput);
  return s.status === "error" ? Object.fromEntries(Object.entries(s.error ?? {}).map(([k, v]) => [k, (v ?? []).map((x) => decodeRef(x).reason)])) : {};
};

describe("scheme editor: format v2 fields", () => {
  it("reads them: mode, whole test set, U required, fewest trials, qualifying levels", () => {
    const s = parseForm(
      form({ ...base, mode: "companion", testSetId: "asr-quiet", testSetVersion: "2026.2", testSetSize: "1000", uncertaintyRequired: "on", minSamples: "30", qualifyingL2: "on" }),
      UpdateItemInput,
    );
    expect(s.status).toBe("success");
    if (s.status === "success")
      expect(s.value).toMatchObject({ mode: "companion", testSetId: "asr-quiet", testSetVersion: "2026.2", testSetSize: 1000, uncertaintyRequired: true, minSamples: 30, qualifyingL2: true });
    const empty = parseForm(form(base), UpdateItemInput);
    if (empty.status === "success") {
      expect(empty.value).toMatchObject({ mode: "", testSetId: "" });
      expect([empty.value.testSetSize, empty.value.minSamples, empty.value.qualifyingL3]).toEqual([undefined, undefined, undefined]);
    }
    expect(empty.status).toBe("success");
  });

  it("names each problem by its code on its field", () => {
    expect(codes({ testSetId: "asr-quiet" })).toEqual({ testSetVersion: ["SCHEME_TEST_SET_INCOMPLETE"], testSetSize: ["SCHEME_TEST_SET_INCOMPLETE"] });
    expect(codes({ testSetId: "a", testSetVersion: "1", testSetSize: "0" })).toEqual({ testSetSize: ["SCHEME_POSITIVE_WHOLE"] });
    expect(codes({ minSamples: "2.5" })).toEqual({ minSamples: ["SCHEME_POSITIVE_WHOLE"] });
    expect(codes({ minSamples: "many" })).toEqual({ minSamples: ["NOT_A_NUMBER"] });
    expect(codes({ qualifyingL3: "on" })).toEqual({ qualifyingL3: ["SCHEME_QUALIFYING_NO_THRESHOLD"] });
    expect(codes({ mode: "cloud" })).toMatchObject({ mode: [expect.any(String)] });
  });
});
