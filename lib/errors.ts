// Typed application errors. `code` is the HTTP-level code (one per status); `reason` is the domain
// code of workflows/errors.ts with its `params`, which people read in their language
// (messages/<locale>/errors.json) and the API sends as `reason` and `details.reason`.
import {
  englishMessage,
  httpCodeOf,
  isDomainCode,
  zodFields,
  type DomainCode,
  type DomainRef,
  type ParamValue,
  type ZodIssueLike,
} from "@/workflows/errors";

export { DOMAIN_CODES, DOMAIN_ERRORS, englishMessage, isDomainCode, type DomainCode, type DomainRef, type ParamValue } from "@/workflows/errors";

export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_INPUT: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The domain side of a refusal: its code, parameters, and the fields at fault with theirs. */
export type DomainInfo = { reason: DomainCode; params?: Record<string, ParamValue>; fields?: Record<string, DomainRef> };

export class AppError extends Error {
  readonly details?: Record<string, unknown>;
  /** The domain code; an error raised with only `details.reason` (a known code) reads it from there. */
  readonly reason?: DomainCode;
  readonly params: Record<string, ParamValue>;
  readonly fields?: Record<string, DomainRef>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    domain?: DomainInfo,
  ) {
    super(message);
    this.name = "AppError";
    const fromDetails = isDomainCode(details?.reason) ? details.reason : undefined;
    this.reason = domain?.reason ?? fromDetails;
    this.params = domain?.params ?? {};
    this.fields = domain?.fields;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  /** `{ error: { code, message, reason?, params?, details?, fields? } }`: reason, params and fields were added to the older shape. */
  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.reason ? { reason: this.reason } : {}),
        ...(Object.keys(this.params).length ? { params: this.params } : {}),
        ...(this.details ? { details: this.details } : {}),
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

/**
 * A refusal by domain code: its HTTP code and English message come from the registry. `details`
 * adds what the API has always sent (e.g. `currentVersion`, `retryAfterSeconds`); `fields` names the
 * fields at fault (their English messages join `details`).
 */
export function domainError(
  reason: DomainCode,
  params: Record<string, ParamValue> = {},
  options: { details?: Record<string, unknown>; fields?: Record<string, DomainRef> } = {},
): AppError {
  const fieldMessages = Object.fromEntries(Object.entries(options.fields ?? {}).map(([k, r]) => [k, englishMessage(r.reason, r.params)]));
  return new AppError(httpCodeOf(reason), englishMessage(reason, params), { ...fieldMessages, ...options.details, reason }, {
    reason,
    params,
    fields: options.fields,
  });
}

/** A refusal of the rules (workflows/certification) as an AppError. */
export function ruleError(failure: { code: ErrorCode; reason: DomainCode; params: Record<string, ParamValue>; message: string; details?: Record<string, string>; fields?: Record<string, DomainRef> }): AppError {
  return new AppError(failure.code, failure.message, failure.details, { reason: failure.reason, params: failure.params, fields: failure.fields });
}

/**
 * INVALID_INPUT from zod issues: zod's English per field in `details` (keyed by field only, as
 * before: a field may be called `reason`), the code INVALID_REQUEST in `reason`, codes per field in `fields`.
 */
export function invalidRequest(issues: readonly ZodIssueLike[], message = "The request is not valid"): AppError {
  const { messages, fields } = zodFields(issues);
  return new AppError("INVALID_INPUT", message, messages, { reason: "INVALID_REQUEST", fields });
}

/**
 * A 404 by domain code (one whose HTTP code is NOT_FOUND in workflows/errors.ts), e.g.
 * `notFound("CASE_NOT_FOUND")`, `notFound("SCHEME_VERSION_NOT_FOUND", { schemeId, version })`.
 */
export const notFound = (reason: DomainCode, params: Record<string, ParamValue> = {}) => domainError(reason, params);
export const forbidden = (why = "You may not do this") => new AppError("FORBIDDEN", why);
export const conflict = (why: string, details?: Record<string, unknown>) => new AppError("CONFLICT", why, details);
export const invalid = (why: string, details?: Record<string, unknown>) => new AppError("INVALID_INPUT", why, details);

/** zod issues as `{ "field.path": "message" }`, the shape of `details` for INVALID_INPUT. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.map(String).join(".") || "_";
    out[key] ??= i.message;
  }
  return out;
}
