// The server half of a Conform form (docs/decisions/): the action parses the FormData with the
// form's own schema (parseForm) and answers with submission.reply(); a refusal of the lib becomes
// error CODES on the fields it names and on the form, rendered by the field kit from errors.json.
import type { Submission, SubmissionResult } from "@conform-to/react";
import { AppError, isDomainCode } from "@/lib/errors";
import { encodeRef } from "@/app/_components/ui/form-codes";

/** What every converted form's action hands back to useActionState. */
export type FormResult = SubmissionResult<string[]> & {
  ok?: boolean;
  /** Already translated: what happened (a success sentence). */
  message?: string;
  /** The case or record changed meanwhile: offer a reload. */
  stale?: boolean;
  /** A decisive act refused for an old sign-in: the form asks for the password again. */
  reauth?: boolean;
  /** Shown once (a token or a link), never again. */
  secret?: string;
  /** Changes on every answer. */
  at?: number;
};

const FALLBACK: Record<string, string> = {
  UNAUTHENTICATED: "SIGN_IN_REQUIRED",
  INVALID_INPUT: "INVALID_REQUEST",
};

/** A form's own code (`emailTaken`, `passwordWrong`): an identifier, never a sentence. */
const LOCAL_CODE = /^[A-Za-z][A-Za-z0-9_]{0,60}$/;

/**
 * The refusal's code for the whole form. With `local` (forms whose namespace has `errors.<code>`,
 * the admin and account forms): the lib's own code in details `_`, else the HTTP-level code's text
 * there. Otherwise a domain code, or a generic one by the HTTP-level code.
 */
export function formCode(e: AppError, local = false): string {
  const details = (e.details ?? {}) as Record<string, unknown>;
  const params = details.minutes !== undefined ? { minutes: Number(details.minutes) } : undefined;
  if (local && typeof details._ === "string" && LOCAL_CODE.test(details._)) return encodeRef({ reason: details._, params });
  if (e.reason && isDomainCode(e.reason)) return encodeRef({ reason: e.reason, params: e.params });
  if (local) return e.code === "INVALID_INPUT" ? "checkFields" : e.code;
  return FALLBACK[e.code] ?? "INVALID_REQUEST";
}

/** The lib names list items `expertIds.2`; Conform names them `expertIds[2]`. */
export const conformName = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");

/**
 * A lib refusal as the form's reply; anything that is not an AppError (redirects, 404s, bugs) is
 * rethrown. `local`: field codes the lib names in `details` are the form's own (see formCode);
 * `hideFields`: fields not to send back (passwords).
 */
export function refusalReply(
  submission: Submission<unknown>,
  e: unknown,
  { local = false, hideFields }: { local?: boolean; hideFields?: string[] } = {},
): FormResult {
  if (!(e instanceof AppError)) throw e;
  const details = (e.details ?? {}) as Record<string, unknown>;
  const params = details.minutes !== undefined ? { minutes: Number(details.minutes) } : undefined;
  const fieldErrors: Record<string, string[]> = {};
  // A field the refusal names only in English (an older refusal) reads as "not valid", never in English.
  if (e.code === "INVALID_INPUT")
    for (const [name, v] of Object.entries(details))
      if (name !== "reason" && name !== "_" && name !== "minutes" && typeof v === "string")
        fieldErrors[conformName(name)] = [local && LOCAL_CODE.test(v) ? encodeRef({ reason: v, params }) : "FIELD_INVALID"];
  for (const [name, ref] of Object.entries(e.fields ?? {})) fieldErrors[conformName(name)] = [encodeRef(ref)];
  return {
    ...submission.reply({ formErrors: [formCode(e, local)], fieldErrors, hideFields }),
    ok: false,
    reauth: e.reason === "REAUTH_REQUIRED" || undefined,
    stale: e.reason === "VERSION_MISMATCH" || e.reason === "CASE_CHANGED" || undefined,
    at: Date.now(),
  };
}
