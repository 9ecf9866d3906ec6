// The vocabulary of refusals: every code has a message in both languages, every message uses only
// the code's parameters, and every code renders in both languages with sample parameters.
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/i18n/messages";
import { DOMAIN_CODES, DOMAIN_ERRORS, englishMessage, zodIssueRef, type DomainCode } from "@/workflows/errors";

const LOCALES = ["en", "zh-CN"] as const;
const messages = (locale: (typeof LOCALES)[number]) => loadMessages(locale).errors as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const sample = (code: DomainCode) => Object.fromEntries(DOMAIN_ERRORS[code].params.map((p, i) => [p, `«${p}${i}»`]));

describe("domain error codes", () => {
  it.each(LOCALES)("every code has a message in %s, and every message is a code", (locale) => {
    const m = messages(locale);
    expect(DOMAIN_CODES.filter((c) => typeof m[c] !== "string" || m[c].trim() === "")).toEqual([]);
    expect(Object.keys(m).filter((k) => !(DOMAIN_CODES as string[]).includes(k))).toEqual([]);
  });

  it.each(LOCALES)("%s messages use only their code's parameters", (locale) => {
    const m = messages(locale);
    for (const code of DOMAIN_CODES) {
      const allowed: readonly string[] = DOMAIN_ERRORS[code].params;
      expect({ code, unknown: placeholders(m[code] ?? "").filter((p) => !allowed.includes(p)) }).toEqual({ code, unknown: [] });
    }
  });

  it.each(LOCALES)("every code renders in %s with sample parameters, each parameter shown", (locale) => {
    const m = messages(locale);
    for (const code of DOMAIN_CODES) {
      const params = sample(code);
      const t = createTranslator({ locale, messages: { errors: m }, namespace: "errors", onError: (e) => { throw e; } });
      const text = (t as unknown as (key: string, values: Record<string, string>) => string)(code, params);
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/\{\w+\}/);
      for (const p of placeholders(m[code])) expect(text).toContain(params[p]);
    }
  });

  it("the English message of the registry (the API's) names every parameter", () => {
    for (const code of DOMAIN_CODES) {
      const params = sample(code);
      const text = englishMessage(code, params);
      expect(text).not.toMatch(/\{\w+\}/);
      for (const p of DOMAIN_ERRORS[code].params) expect({ code, has: text.includes(params[p]) }).toEqual({ code, has: true });
    }
  });

  it("zod issues become codes: a missing value is FIELD_REQUIRED, a check with a code's English names it", () => {
    expect(zodIssueRef({ code: "invalid_type", path: ["x"], message: "Invalid input: expected string, received undefined" }).reason).toBe("FIELD_REQUIRED");
    expect(zodIssueRef({ code: "too_small", path: ["x"], message: "Too small", minimum: 1 }).reason).toBe("FIELD_REQUIRED");
    expect(zodIssueRef({ code: "invalid_format", path: ["x"], message: englishMessage("ONE_LINE") }).reason).toBe("ONE_LINE");
    expect(zodIssueRef({ code: "too_big", path: ["x"], message: "Too big" }).reason).toBe("FIELD_INVALID");
  });
});

describe("the API's error body", () => {
  it("keeps code, message and details, and adds reason, params and fields", async () => {
    const { AppError, domainError, invalidRequest } = await import("./errors");
    const e = domainError("APPEAL_WINDOW_CLOSED", { days: 30, deadline: "2026-01-31T00:00:00.000Z" });
    expect(e.status).toBe(409);
    expect(e.toJSON()).toEqual({
      error: {
        code: "CONFLICT",
        message: "The 30-day appeal window closed on 2026-01-31T00:00:00.000Z.",
        reason: "APPEAL_WINDOW_CLOSED",
        params: { days: 30, deadline: "2026-01-31T00:00:00.000Z" },
        details: { reason: "APPEAL_WINDOW_CLOSED" },
      },
    });
    // An older refusal that names its code only in details.reason carries it as reason too.
    expect(new AppError("UNAUTHENTICATED", "expired", { reason: "TOKEN_EXPIRED" }).reason).toBe("TOKEN_EXPIRED");
    expect(new AppError("CONFLICT", "x", { reason: "NOT_A_CODE" }).reason).toBeUndefined();
    // zod refusals: details keyed by field only (a field may be called reason), codes in fields.
    const z = invalidRequest([{ code: "too_small", path: ["reason"], message: "Too small", minimum: 1 }]);
    expect(z.toJSON().error).toEqual({
      code: "INVALID_INPUT",
      message: "The request is not valid",
      reason: "INVALID_REQUEST",
      details: { reason: "Too small" },
      fields: { reason: { reason: "FIELD_REQUIRED", params: {} } },
    });
  });
});
