// Turns a refused request (a typed AppError) into what a form shows, in the reader's language: the
// message and the field errors come from the refusal's domain codes (messages/<locale>/errors.json).
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { errorTexts } from "../../../_lib/error-text";
import type { FormState } from "./form-state";

/** Codes that only say "some fields are wrong": the form asks to correct the marked fields. */
const GENERAL = new Set(["INVALID_REQUEST", "PANEL_NOT_ASSIGNABLE"]);
/** The codes that mean the page is out of date: the person should reload. */
const STALE = new Set(["VERSION_MISMATCH", "CASE_CHANGED"]);

/** The form state for a refused request; anything that is not an AppError is a defect and is rethrown. */
export async function refusal(e: unknown, values?: FormState["values"]): Promise<FormState> {
  if (!(e instanceof AppError)) throw e;
  const t = await getTranslations("case");
  const texts = await errorTexts();
  const at = Date.now();
  const message = texts.message(e);
  if (e.reason === "REAUTH_REQUIRED") return { ok: false, reauth: true, message: message!, values, at };
  if (e.reason && STALE.has(e.reason)) return { ok: false, stale: true, message: message!, values, at };
  if (e.code === "INVALID_INPUT") {
    // Fields the refusal names by code; a field it names only in English (an older refusal) is
    // marked with the general "not valid" text rather than shown in English.
    const fieldErrors: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.details ?? {})) {
      if (k !== "reason" && typeof v === "string") fieldErrors[k] = texts.say({ reason: "FIELD_INVALID" });
    }
    Object.assign(fieldErrors, texts.fields(e));
    const general = !message || (e.reason !== undefined && GENERAL.has(e.reason));
    return { ok: false, message: general ? t("errors.fixFields") : message, fieldErrors, values, at };
  }
  if (message) return { ok: false, message, values, at };
  // A refusal without a domain code (a defect: every refusal should carry one) still never shows
  // the lib's English sentence: the reader gets the general text of its HTTP-level code.
  return { ok: false, message: generalText(e, t, texts), values, at };
}

function generalText(e: AppError, t: (key: string) => string, texts: Awaited<ReturnType<typeof errorTexts>>): string {
  switch (e.code) {
    case "NOT_FOUND":
      return t("errors.notFound");
    case "UNAUTHENTICATED":
      return t("errors.signIn");
    case "FORBIDDEN":
      return t("errors.forbidden");
    case "CONFLICT":
      return t("errors.conflict");
    default:
      return texts.say({ reason: "REQUEST_FAILED" });
  }
}
