// Turns a refused request (a typed AppError) into what a form shows, in the reader's language.
// The rules' English sentences are matched here only to translate them; the rules stay in lib/.
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import type { FormState } from "./form-state";

type T = Awaited<ReturnType<typeof getTranslations<"case">>>;

const PATTERNS: [RegExp, (t: T, m: RegExpMatchArray) => string][] = [
  [/^The application is incomplete\.?$/, (t) => t("errors.applicationIncomplete")],
  [/^The lab report is incomplete\.?$/, (t) => t("errors.reportIncomplete")],
  [/^At most (L\d)\.?$/, (t, m) => t("errors.levelAtMost", { level: m[1] })],
  [/may not exceed the lab-determined level/, (t) => t("errors.levelAboveLab")],
  [/^Required when the award differs from the recommendation\.?$|A justification is required/, (t) => t("errors.justificationRequired")],
  [/^At least (\d+) experts are needed, got (\d+)\.?$/, (t, m) => t("errors.panelTooSmall", { needed: m[1], got: m[2] })],
  [/^An expert is listed twice\.?$/, (t) => t("errors.expertTwice")],
  [/is affiliated with the vendor\.?$/, (t) => t("errors.expertVendor")],
  [/is affiliated with the lab\.?$/, (t) => t("errors.expertLab")],
  [/sat on an earlier panel/, (t) => t("errors.expertFormer")],
  [/^Required for approve\.?$|An approving vote needs a level/, (t) => t("errors.voteNeedsLevel")],
  [/^Must be empty unless approving\.?$|Only an approving vote carries a level/, (t) => t("errors.voteNoLevel")],
  [/^You have already voted in this round\.?$/, (t) => t("errors.alreadyVoted")],
  [/appeal window has closed/, (t) => t("errors.appealClosed")],
  [/already been appealed/, (t) => t("errors.appealedOnce")],
  [/not accredited for/, (t) => t("errors.labNotAccredited")],
  [/^One line of text, without line breaks or control characters\.?$/, (t) => t("errors.oneLine")],
  [/^Too small|^Invalid input|expected string, received undefined|Required$/i, (t) => t("errors.required")],
];

export function translateRuleMessage(t: T, message: string): string {
  for (const [re, to] of PATTERNS) {
    const m = message.match(re);
    if (m) return to(t, m);
  }
  return message;
}

/** The form state for a refused request; anything that is not an AppError is a defect and is rethrown. */
export async function refusal(e: unknown, values?: FormState["values"]): Promise<FormState> {
  if (!(e instanceof AppError)) throw e;
  const t = await getTranslations("case");
  const at = Date.now();
  if (e.details?.reason === "REAUTH_REQUIRED") return { ok: false, reauth: true, message: (await getTranslations("reauth"))("required"), values, at };
  switch (e.code) {
    case "INVALID_INPUT": {
      const fieldErrors: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.details ?? {})) {
        if (typeof v === "string") fieldErrors[k] = translateRuleMessage(t, v);
      }
      const translated = translateRuleMessage(t, e.message);
      const message = translated !== e.message ? translated : Object.keys(fieldErrors).length ? t("errors.fixFields") : e.message;
      return { ok: false, message, fieldErrors, values, at };
    }
    case "CONFLICT":
      if (e.details?.reason === "PRODUCT_FROZEN") return { ok: false, message: t("errors.productFrozen"), values, at };
      // A stale expectedVersion names the current version: the page is out of date.
      if (e.details && "currentVersion" in e.details) return { ok: false, stale: true, message: t("errors.stale"), values, at };
      if (/changed while your request/.test(e.message)) return { ok: false, stale: true, message: t("errors.stale"), values, at };
      return { ok: false, message: translateRuleMessage(t, e.message), values, at };
    case "NOT_FOUND":
      return { ok: false, message: t("errors.notFound"), values, at };
    case "UNAUTHENTICATED":
      return { ok: false, message: t("errors.signIn"), values, at };
    case "FORBIDDEN":
      return { ok: false, message: t("errors.forbidden", { reason: e.message }), values, at };
    default:
      return { ok: false, message: e.message, values, at };
  }
}
