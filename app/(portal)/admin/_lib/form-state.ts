// The thin boundary of the admin and account forms: FormData in, the lib's typed errors out as
// translated field errors (never thrown at the person).
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/permissions";
import type { FormState } from "../_components/form-state-type";
import { errorTexts } from "../../_lib/error-text";

/** The caller, or UNAUTHENTICATED (shown as "sign in again") when their session has ended. */
export async function currentActor(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  return user;
}

/** Text fields of a form, trimmed of nothing: the lib's zod schemas decide what is valid. */
export function formFields(formData: FormData, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = formData.get(name);
    out[name] = typeof v === "string" ? v : "";
  }
  return out;
}

/**
 * Maps a refusal to form state. Error codes (e.g. "emailTaken") are looked up under
 * `<namespace>.errors`; an unexpected error is rethrown (Next's redirects and 404s travel that way too).
 */
export async function failure(e: unknown, namespace: "admin" | "account", values?: Record<string, string>): Promise<FormState> {
  if (!(e instanceof AppError)) throw e;
  const texts = await errorTexts();
  if (e.reason === "REAUTH_REQUIRED") return { ok: false, reauth: true, formError: texts.say({ reason: "REAUTH_REQUIRED" }), values };
  const t = await getTranslations(namespace);
  const details = (e.details ?? {}) as Record<string, unknown>;
  const say = (code: string) =>
    t.has(`errors.${code}`) ? t(`errors.${code}`, { minutes: Number(details.minutes ?? 15) }) : e.message;
  const fieldErrors: Record<string, string> = {};
  if (e.code === "INVALID_INPUT") {
    for (const [field, code] of Object.entries(details)) if (field !== "_" && field !== "reason") fieldErrors[field] = say(String(code));
    // Fields refused by a domain code read from errors.json.
    Object.assign(fieldErrors, texts.fields(e));
  }
  const general =
    typeof details._ === "string" ? say(details._) : e.code === "INVALID_INPUT"
        ? t("errors.checkFields")
        : t.has(`errors.${e.code}`)
          ? say(e.code)
          : (texts.message(e) ?? say(e.code));
  return { ok: false, fieldErrors, formError: general, values };
}
