// The case page's refusals in the reader's language: a frozen product and a multi-line product
// field are explained by their stable codes, in English and Chinese.
import { describe, expect, it, vi } from "vitest";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/i18n/messages";
import type { Locale } from "@/i18n/locale";
import { AppError, conflict } from "@/lib/errors";

let locale: Locale = "en";
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale, messages: loadMessages(locale) as never, namespace: namespace as never }),
}));

const { refusal } = await import("./refusal");
const { productFrozen, ONE_LINE } = await import("@/lib/cases/product-snapshot");

describe("refusals of product edits on the case page", () => {
  it("PRODUCT_FROZEN reads as the frozen-product sentence in both languages, never the English rule", async () => {
    const e = productFrozen([{ id: "c1", state: "certified" }]);
    expect(e.details).toMatchObject({ reason: "PRODUCT_FROZEN" });
    locale = "en";
    const en = await refusal(e);
    expect(en).toMatchObject({ ok: false, message: (loadMessages("en").case as { errors: Record<string, string> }).errors.productFrozen });
    expect(en.stale).toBeUndefined();
    locale = "zh-CN";
    const zh = await refusal(e);
    expect(zh.message).toBe((loadMessages("zh-CN").case as { errors: Record<string, string> }).errors.productFrozen);
    // Another conflict keeps its own handling.
    expect((await refusal(conflict("The case changed while your request was being handled; reload and try again"))).stale).toBe(true);
  });

  it("a product field with a line break is marked on its field in the reader's language", async () => {
    locale = "zh-CN";
    const e = new AppError("INVALID_INPUT", "The application is not valid", { "product.name": ONE_LINE.message });
    const r = await refusal(e);
    expect(r.fieldErrors).toEqual({ "product.name": (loadMessages("zh-CN").case as { errors: Record<string, string> }).errors.oneLine });
  });
});
