// One schema, both sides: a form's zod schema parsed by Conform in the browser (before sending) and
// in its server action (before acting). Field errors travel as error CODES (workflows/errors.ts),
// encoded as strings because Conform keeps string errors; the field kit renders them through
// messages/<locale>/errors.json. No English sentence reaches a person. See docs/decisions/.
import { parseWithZod } from "@conform-to/zod/v4";
import type { $ZodType, $ZodIssue } from "zod/v4/core";
import { isDomainCode, zodIssueRef, type DomainRef, type ParamValue } from "@/lib/domain";

export type ErrorRef = { reason: string; params?: Record<string, ParamValue> };

/** A code (and its parameters) as one string Conform can carry. */
export function encodeRef(ref: ErrorRef | DomainRef): string {
  const params = ref.params && Object.keys(ref.params).length > 0 ? ref.params : undefined;
  return params ? JSON.stringify({ reason: ref.reason, params }) : ref.reason;
}

/** The code back from its string; anything that is not a known code reads as FIELD_INVALID. */
export function decodeRef(s: string): ErrorRef {
  if (s.startsWith("{")) {
    try {
      const r = JSON.parse(s) as ErrorRef;
      if (isDomainCode(r.reason)) return r;
    } catch {
      // fall through
    }
  }
  return isDomainCode(s) ? { reason: s } : { reason: "FIELD_INVALID" };
}

/** zod issues as codes: a custom check names its code in `params.reason`; zodIssueRef decides the rest. */
export function issuesToCodes(issues: $ZodIssue[]): string[] {
  return issues.map((issue) => encodeRef(zodIssueRef(issue as Parameters<typeof zodIssueRef>[0])));
}

/** Conform's parse of a form with its schema, errors as codes. The same call runs in the browser and in the action. */
export function parseForm<S extends $ZodType>(formData: FormData, schema: S) {
  return parseWithZod(formData, { schema, formatError: issuesToCodes });
}
