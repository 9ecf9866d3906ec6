// The schemas of the password and API-token forms, in a module without server-only imports: the
// forms validate with them in the browser, and the lib (set-password.ts, change-password.ts,
// api-tokens.ts) parses with them again (docs/decisions/0009-forms-conform-zod.md). Messages are
// the forms' own codes, read from messages/<locale>/account.json `errors`.
import { z } from "zod";
import { DEFAULT_TOKEN_SCOPES, TOKEN_SCOPES, type TokenScope } from "@/lib/token-scopes";

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

/** A new password, in every password form: at least 10 characters (and typed twice). */
export const NewPassword = z.string({ message: "required" }).min(10, "passwordTooShort").max(200, "passwordTooLong");

export const NewPasswordFields = z
  .object({
    password: NewPassword,
    confirm: z.string({ message: "required" }),
  })
  .refine((p) => p.password === p.confirm, { path: ["confirm"], message: "passwordMismatch" });
export type NewPasswordFields = z.input<typeof NewPasswordFields>;

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string({ message: "required" }).min(1, "required").max(200, "tooLong"),
    password: NewPassword,
    confirm: z.string({ message: "required" }),
  })
  .refine((p) => p.password === p.confirm, { path: ["confirm"], message: "passwordMismatch" })
  .refine((p) => p.password !== p.currentPassword, { path: ["password"], message: "passwordUnchanged" });
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

export const CreateApiTokenInput = z.object({
  name: z.string({ message: "required" }).trim().min(1, "required").max(100, "tooLong"),
  expiresInDays: z.coerce
    .number({ message: "tokenDays" })
    .int("tokenDays")
    .min(1, "tokenDays")
    .max(MAX_TOKEN_DAYS, "tokenDays")
    .default(DEFAULT_TOKEN_DAYS),
  scopes: z
    .array(z.string(), { message: "tokenScope" })
    .max(TOKEN_SCOPES.length, "tokenScope")
    .default([...DEFAULT_TOKEN_SCOPES])
    .refine((s) => s.every((x) => (TOKEN_SCOPES as readonly string[]).includes(x)), "tokenScope")
    .refine((s) => s.length > 0, "tokenScopeNone")
    .transform((s) => [...new Set(s)] as TokenScope[]),
  password: z.string({ message: "required" }).min(1, "required").max(200, "tooLong"),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;

export const ApiTokenRef = z.object({ tokenId: z.string({ message: "required" }).trim().min(1, "required").max(100, "tooLong") });
export type ApiTokenRef = z.input<typeof ApiTokenRef>;

/** A second-factor code (6 digits from the app, or a recovery code): confirming, renewing, turning off. */
export const TotpCodeInput = z.object({ code: z.string({ message: "required" }).trim().min(1, "required").max(40, "codeInvalid") });
export type TotpCodeInput = z.input<typeof TotpCodeInput>;

/** Starting the set-up: nothing to type, one button. */
export const StartEnrolmentInput = z.object({});
