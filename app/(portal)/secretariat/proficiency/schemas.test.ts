// The proficiency forms' schemas refuse by code, the same in the browser and the action
// (docs/decisions/0009-forms-conform-zod.md).
import { describe, expect, it } from "vitest";
import { parseForm } from "@/app/_components/ui/form-codes";
import { RoundFields, ValuesFields } from "./schemas";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};
const errorsOf = (s: ReturnType<typeof parseForm>) => (s.status === "success" ? {} : (s.reply().error ?? {}));

describe("the new round's form", () => {
  it("takes a complete round; the scheme is one control", () => {
    const s = parseForm(
      form([["title", "R"], ["scheme", "phone@2026.1"], ["items", "asr"], ["referenceSample", "S"], ["deadline", "2999-01-01"], ["labIds", "a"], ["labIds", "b"]]),
      RoundFields,
    );
    expect(s.status).toBe("success");
  });

  it("refuses empty fields, a past deadline and too few labs by code", () => {
    const e = errorsOf(parseForm(form([["scheme", "phone"], ["deadline", "2000-01-01"], ["labIds", "a"]]), RoundFields));
    expect(e.title).toEqual(["FIELD_REQUIRED"]);
    expect(e.scheme).toEqual(["FIELD_INVALID"]);
    expect(e.items).toEqual(["FIELD_REQUIRED"]);
    expect(e.deadline).toEqual(["PT_DEADLINE_NOT_FUTURE"]);
    expect(e.labIds).toEqual([JSON.stringify({ reason: "PT_TOO_FEW_LABS", params: { min: 2 } })]);
  });
});

describe("a lab's values form", () => {
  it("reads one number per item (a decimal comma too)", () => {
    const s = parseForm(form([["roundId", "r"], ["keys", "a"], ["keys", "b"], ["values.a", "1.5"], ["values.b", "2,5"]]), ValuesFields);
    expect(s.status).toBe("success");
  });

  it("names an empty box PT_VALUE_MISSING with its item and a word NOT_A_NUMBER", () => {
    const e = errorsOf(parseForm(form([["roundId", "r"], ["keys", "a"], ["keys", "b"], ["values.a", ""], ["values.b", "abc"]]), ValuesFields));
    expect(e["values.a"]).toEqual([JSON.stringify({ reason: "PT_VALUE_MISSING", params: { item: "a" } })]);
    expect(e["values.b"]).toEqual(["NOT_A_NUMBER"]);
  });
});
