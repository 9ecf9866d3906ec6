// The schemas the forms moved to the field kit share between browser and action: each refusal is a
// code (a domain code of workflows/errors.ts, or the form's own code in its namespace), never English.
import { describe, expect, it } from "vitest";
import { parseForm } from "./form-codes";
import { STEP_SCHEMAS } from "@/app/(portal)/apply/_lib/schemas";
import { formValues, valuesOf, EMPTY_VALUES } from "@/app/(portal)/apply/_lib/steps";
import { NewDraftInput, UpdateItemInput } from "@/app/(portal)/secretariat/schemes/schemas";
import { VerifyInput, VERIFY_MAX_BYTES } from "@/app/verify/_components/verify-schema";
import { TotpCodeInput } from "@/lib/forms/account-schemas";
import { FileComplaintFields } from "@/app/complaints/_components/schemas";
import { DeclareConflictSchema } from "@/app/(portal)/expert/conflicts/schemas";

const form = (o: Record<string, string | File>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};
const errors = (s: ReturnType<typeof parseForm>) => (s.status === "error" ? s.error : null);

describe("application wizard steps", () => {
  it("name the wizard's own codes for a missing choice, field or declaration", () => {
    expect(errors(parseForm(form({}), STEP_SCHEMAS.category))).toMatchObject({ category: ["category"] });
    expect(errors(parseForm(form({ scheme: "phone" }), STEP_SCHEMAS.scheme))).toMatchObject({ scheme: ["scheme"] });
    expect(errors(parseForm(form({ name: "", model: "A\nB", softwareVersion: "x".repeat(101) }), STEP_SCHEMAS.product))).toMatchObject({
      name: ["required"],
      model: ["oneLine"],
      softwareVersion: ["tooLong"],
    });
    expect(errors(parseForm(form({ claimedLevel: "L9" }), STEP_SCHEMAS.level))).toMatchObject({ claimedLevel: ["level"] });
    expect(errors(parseForm(form({ accurate: "on" }), STEP_SCHEMAS.declarations))).toMatchObject({ samplesAvailable: ["declaration"], acceptsRules: ["declaration"] });
  });
  it("carries every answer through the form's data and back", () => {
    const v = { ...EMPTY_VALUES, category: "phone", schemeId: "phone", schemeVersion: "2026.1", name: "Aurora", accurate: true };
    const data = form(Object.fromEntries(Object.entries(formValues(v)).filter(([, x]) => x !== undefined)) as Record<string, string>);
    expect(valuesOf(data)).toEqual(v);
  });
});

describe("scheme editor", () => {
  it("names SCHEME_VERSION_FORMAT and NOT_A_NUMBER", () => {
    expect(errors(parseForm(form({ schemeId: "phone", version: "2026.1", newVersion: "v2" }), NewDraftInput))).toMatchObject({ newVersion: ["SCHEME_VERSION_FORMAT"] });
    const s = parseForm(form({ schemeId: "phone", version: "2026.2", itemKey: "asr", L1: "abc", L2: "", L3: "5" }), UpdateItemInput);
    expect(errors(s)).toMatchObject({ L1: ["NOT_A_NUMBER"] });
  });
  it("reads an empty threshold as none and text as empty", () => {
    const s = parseForm(form({ schemeId: "phone", version: "2026.2", itemKey: "asr", unit: "%", better: "lower", L1: "10", L2: "", L3: "5" }), UpdateItemInput);
    expect(s.status).toBe("success");
    if (s.status === "success") expect(s.value).toMatchObject({ L1: 10, L2: undefined, L3: 5, titleEn: "" });
  });
});

describe("other forms", () => {
  it("verify: a file is required and at most the server's limit", () => {
    expect(errors(parseForm(form({ file: new File([], "") }), VerifyInput))).toMatchObject({ file: ["FIELD_REQUIRED"] });
    const big = new File([new Uint8Array(VERIFY_MAX_BYTES + 1)], "big.pdf", { type: "application/pdf" });
    expect(errors(parseForm(form({ file: big }), VerifyInput))?.file?.[0]).toMatch(/"FILE_TOO_LARGE"/);
    expect(parseForm(form({ file: new File(["%PDF-1.7"], "c.pdf") }), VerifyInput).status).toBe("success");
  });
  it("second factor: a code is required (the account form's own code)", () => {
    expect(errors(parseForm(form({ code: " " }), TotpCodeInput))).toMatchObject({ code: ["required"] });
  });
  it("complaint: subject and text are required; a long text names TEXT_TOO_LONG", () => {
    const e = errors(parseForm(form({ publicId: "p", text: "x".repeat(4001) }), FileComplaintFields));
    expect(e?.subject).toEqual(["FIELD_REQUIRED"]);
    expect(e?.text?.[0]).toMatch(/"TEXT_TOO_LONG"/);
  });
  it("conflict: the organisation and the start date are required", () => {
    expect(errors(parseForm(form({ kind: "client" }), DeclareConflictSchema))).toMatchObject({ organizationId: ["FIELD_REQUIRED"], declaredFrom: ["FIELD_REQUIRED"] });
  });
});
