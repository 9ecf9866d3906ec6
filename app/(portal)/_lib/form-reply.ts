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

/** The refusal's code for the whole form (a domain code, or a generic one by its HTTP-level code). */
export function formCode(e: AppError): string {
  if (e.reason && isDomainCode(e.reason)) return encodeRef({ reason: e.reason, params: e.params });
  return FALLBACK[e.code] ?? "INVALID_REQUEST";
}

/** The lib names list items `expertIds.2`; Conform names them `expertIds[2]`. */
export const conformName = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");

/** A lib refusal as the form's reply; anything that is not an AppError (redirects, 404s, bugs) is rethrown. */
export function refusalReply(submission: Submission<unknown>, e: unknown, extra: Partial<FormResult> = {}): FormResult {
  if (!(e instanceof AppError)) throw e;
  const fieldErrors: Record<string, string[]> = {};
  // A field the refusal names only in English (an older refusal) reads as "not valid", never in English.
  if (e.code === "INVALID_INPUT")
    for (const [name, v] of Object.entries(e.details ?? {})) if (name !== "reason" && name !== "_" && typeof v === "string") fieldErrors[conformName(name)] = ["FIELD_INVALID"];
  for (const [name, ref] of Object.entries(e.fields ?? {})) fieldErrors[conformName(name)] = [encodeRef(ref)];
  return {
    ...submission.reply({ formErrors: [formCode(e)], fieldErrors }),
    ok: false,
    reauth: e.reason === "REAUTH_REQUIRED" || undefined,
    stale: e.reason === "VERSION_MISMATCH" || e.reason === "CASE_CHANGED" || undefined,
    at: Date.now(),
    ...extra,
  };
}
