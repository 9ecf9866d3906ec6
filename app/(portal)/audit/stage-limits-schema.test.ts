import { describe, expect, it } from "vitest";
import { parseForm } from "@/app/_components/ui/form-codes";
import { StageLimitsFields } from "./stage-limits-schema";

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

describe("stage limits form schema", () => {
  it("reads days as numbers and empty as no limit", () => {
    const s = parseForm(form({ pilotId: "p1", screening: "", testing: "44", review: "7", decision: "" }), StageLimitsFields);
    expect(s.status).toBe("success");
    if (s.status === "success") expect(s.value).toEqual({ pilotId: "p1", testing: 44, review: 7 });
  });
  it("names its own codes for days out of range", () => {
    const s = parseForm(form({ pilotId: "p1", testing: "0", review: "400", decision: "1.5" }), StageLimitsFields);
    expect(s.status).toBe("error");
    if (s.status === "error") expect(s.error).toMatchObject({ testing: ["daysMin"], review: ["daysMax"], decision: ["daysWhole"] });
  });
});
