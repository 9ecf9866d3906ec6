// One schema, both sides: a form's zod schema parsed by Conform in the browser (before sending) and
// in its server action (before acting). Field errors travel as error CODES (workflows/errors.ts),
// encoded as strings because Conform keeps string errors; the field kit renders them through
// messages/<locale>/errors.json. No English sentence reaches a person. See docs/decisions/.
import { parseWithZod } from "@conform-to/zod/v4";
import type { $ZodType, $ZodIssue } from "zod/v4/core";
import { isDomainCode, zodIssueRef, type DomainRef, type ParamValue } from "@/lib/domain";

export type ErrorRef = { reason: string; params?: Record<string, ParamValue> };

/**
 * A form's own code: an identifier its namespace's messages hold under `errors.<code>` (the admin
 * and account forms' lib schemas name theirs so, e.g. `passwordTooShort`). Never a sentence.
 */
const LOCAL_CODE = /^[A-Za-z][A-Za-z0-9_]{0,60}$/;

/** A code (and its parameters) as one string Conform can carry. */
export function encodeRef(ref: ErrorRef | DomainRef): string {
  const params = ref.params && Object.keys(ref.params).length > 0 ? ref.params : undefined;
  return params ? JSON.stringify({ reason: ref.reason, params }) : ref.reason;
}

/** The code back from its string: a domain code, a form's own code (`local`), or FIELD_INVALID. */
export function decodeRef(s: string): ErrorRef & { local?: boolean } {
  let ref: ErrorRef = { reason: s };
  if (s.startsWith("{")) {
    try {
      ref = JSON.parse(s) as ErrorRef;
    } catch {
      return { reason: "FIELD_INVALID" };
    }
  }
  if (isDomainCode(ref.reason)) return ref;
  if (typeof ref.reason === "string" && LOCAL_CODE.test(ref.reason)) return { ...ref, local: true };
  return { reason: "FIELD_INVALID" };
}

/**
 * zod issues as codes: a custom check names its domain code in `params.reason`; a schema whose
 * message is an identifier (`passwordTooShort`) names the form's own code; zodIssueRef decides the rest.
 */
export function issuesToCodes(issues: $ZodIssue[]): string[] {
  return issues.map((issue) => {
    const own = (issue as { params?: { reason?: unknown } }).params?.reason;
    if (!isDomainCode(own) && LOCAL_CODE.test(issue.message) && !isDomainCode(issue.message)) return issue.message;
    return encodeRef(zodIssueRef(issue as Parameters<typeof zodIssueRef>[0]));
  });
}

/** Conform's parse of a form with its schema, errors as codes. The same call runs in the browser and in the action. */
export function parseForm<S extends $ZodType>(formData: FormData, schema: S) {
  return parseWithZod(formData, { schema, formatError: issuesToCodes });
}
