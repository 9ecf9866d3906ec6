// What the sign-in form sends: validated in the browser before next-auth's credentials call; the
// server's authorize (lib/auth/sign-in.ts) checks the same fields again and answers with one
// message for every wrong email or password.
import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  code: z.string().trim().min(1).max(40).optional(),
});

/** The second step: the code is required. */
export const signInCodeSchema = signInSchema.extend({ code: z.string().trim().min(1).max(40) });

/** The codes a sign-in through the institution's provider comes back with (?error=); anything else of next-auth's is a failed round trip. */
export function oidcErrorKey(code: string): string {
  if (code === "ACCOUNT_DISABLED") return "disabled";
  if (code === "DEMO_DISABLED") return "demoDisabled";
  if (/^OIDC_(UNKNOWN_EMAIL|EMAIL_UNVERIFIED|SUBJECT_MISMATCH|CLAIMS_INVALID)$/.test(code)) return code;
  return "OIDC_FAILED";
}
