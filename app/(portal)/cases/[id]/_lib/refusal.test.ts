// The case page's refusals in the reader's language: every message and field error comes from the
// refusal's domain code (messages/<locale>/errors.json), never from the rule's English sentence.
import { describe, expect, it, vi } from "vitest";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/i18n/messages";
import type { Locale } from "@/i18n/locale";
import { AppError, domainError, invalidRequest } from "@/lib/errors";
import { UpdateApplicationSchema } from "@/lib/cases/update-application";

let locale: Locale = "en";
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale, messages: loadMessages(locale) as never, namespace: namespace as never }),
}));

const { refusal } = await import("./refusal");
const { productFrozen } = await import("@/lib/cases/product-snapshot");
const errors = (l: Locale) => loadMessages(l).errors as Record<string, string>;

describe("refusals on the case page", () => {
  it("PRODUCT_FROZEN reads as its message in both languages, never the English rule", async () => {
    const e = productFrozen([{ id: "c1", state: "certified" }]);
    expect(e.details).toMatchObject({ reason: "PRODUCT_FROZEN", cases: ["c1"] });
    locale = "en";
    const en = await refusal(e);
    expect(en).toMatchObject({ ok: false, message: errors("en").PRODUCT_FROZEN });
    expect(en.stale).toBeUndefined();
    locale = "zh-CN";
    expect((await refusal(e)).message).toBe(errors("zh-CN").PRODUCT_FROZEN);
  });

  it("a stale page (VERSION_MISMATCH, CASE_CHANGED) asks to reload", async () => {
    locale = "zh-CN";
    expect(await refusal(domainError("CASE_CHANGED"))).toMatchObject({ stale: true, message: errors("zh-CN").CASE_CHANGED });
    const v = await refusal(domainError("VERSION_MISMATCH", { currentVersion: 3, sentVersion: 2 }, { details: { currentVersion: 3 } }));
    expect(v).toMatchObject({ stale: true, message: errors("zh-CN").VERSION_MISMATCH });
  });

  it("a field refused by code carries its parameters into the reader's language", async () => {
    locale = "zh-CN";
    const e = domainError("LEVEL_ABOVE_LAB", { level: "L3", labLevel: "L2" }, { fields: { level: { reason: "LEVEL_ABOVE_LAB", params: { level: "L3", labLevel: "L2" } } } });
    const r = await refusal(e);
    const want = errors("zh-CN").LEVEL_ABOVE_LAB.replace("{level}", "L3").replace("{labLevel}", "L2");
    expect(r.fieldErrors).toEqual({ level: want });
    expect(r.message).toBe(want);
    expect(r.message).not.toMatch(/lab-determined/);
  });

  it("a product field with a line break is marked ONE_LINE on its field in the reader's language", async () => {
    locale = "zh-CN";
    const parsed = UpdateApplicationSchema.safeParse({ expectedVersion: 1, product: { name: "a\nb" } });
    expect(parsed.success).toBe(false);
    const e = invalidRequest(parsed.error!.issues, "The application is not valid");
    expect(e.fields?.["product.name"]).toEqual({ reason: "ONE_LINE", params: {} });
    const r = await refusal(e);
    expect(r.fieldErrors?.["product.name"]).toBe(errors("zh-CN").ONE_LINE);
    expect(r.message).toBe((loadMessages("zh-CN").case as { errors: Record<string, string> }).errors.fixFields);
  });

  it("a refusal without a domain code never shows the lib's English sentence", async () => {
    for (const l of ["en", "zh-CN"] as const) {
      locale = l;
      const caseTexts = (loadMessages(l).case as { errors: Record<string, string> }).errors;
      for (const [code, want] of [
        ["FORBIDDEN", caseTexts.forbidden],
        ["CONFLICT", caseTexts.conflict],
        ["NOT_FOUND", caseTexts.notFound],
        ["INTERNAL", errors(l).REQUEST_FAILED],
        ["RATE_LIMITED", errors(l).REQUEST_FAILED],
      ] as const) {
        const r = await refusal(new AppError(code, "An English sentence from a library"));
        expect(r.message).toBe(want);
        expect(r.message).not.toMatch(/English sentence/);
      }
    }
  });

  it("an INVALID_INPUT field named only in English is not shown in English", async () => {
    locale = "zh-CN";
    const r = await refusal(new AppError("INVALID_INPUT", "The application is not valid", { "product.model": "Model is required" }));
    expect(r.fieldErrors).toEqual({ "product.model": errors("zh-CN").FIELD_INVALID });
  });
});
