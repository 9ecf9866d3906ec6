// Checks a sign-in: the throttle first (lib/auth/throttle.ts), then the password; one message for
// every kind of wrong. Every checked attempt is in the audit chain (SIGN_IN_FAILED here, SIGN_IN
// once the session is made: recordSignIn, from next-auth's signIn event); never a password.
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { checkPassword, burnPasswordCheck } from "@/lib/auth/password";
import { claimSignInAttempt, settleSignIn, Throttled } from "@/lib/auth/throttle";
import { demoUsersAllowed } from "@/lib/auth/demo";

export const WRONG_CREDENTIALS = "Email or password is incorrect.";

/** Stable reasons, in the audit payload and on the refusal. */
export type SignInRefusalReason = "WRONG_CREDENTIALS" | "THROTTLED" | "ACCOUNT_DISABLED" | "DEMO_DISABLED";

export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly reason: SignInRefusalReason = "WRONG_CREDENTIALS",
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "SignInRefused";
  }
}

/** The sign-in form reads the wait from this sentence (app/signin/sign-in-form.tsx). */
export function throttledMessage(seconds: number): string {
  if (seconds < 60) return `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

async function auditFailure(email: string, address: string, reason: SignInRefusalReason, userId: string | null) {
  await db().$transaction((tx) =>
    appendAuditEvent(tx, { caseId: null, actorId: null, actorRole: "anonymous", type: "SIGN_IN_FAILED", payload: { email, userId, address, reason } }),
  );
}

export async function checkSignIn(emailRaw: string, password: string, address: string) {
  const email = emailRaw.trim().toLowerCase().slice(0, 320);
  const database = db();
  let claim;
  try {
    claim = await claimSignInAttempt(database, email, address);
  } catch (e) {
    // Refused before any check: not audited, so a flood cannot grow the chain.
    if (e instanceof Throttled) throw new SignInRefused(throttledMessage(e.retryAfterSeconds), "THROTTLED", e.retryAfterSeconds);
    throw e;
  }
  const user = await database.user.findUnique({ where: { email }, include: { organization: true } });
  const ok = user ? await checkPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  await settleSignIn(database, claim, !!user && ok);
  if (!user || !ok) {
    await auditFailure(email, address, "WRONG_CREDENTIALS", user?.id ?? null);
    throw new SignInRefused(WRONG_CREDENTIALS);
  }
  if (user.disabled) {
    await auditFailure(email, address, "ACCOUNT_DISABLED", user.id);
    throw new SignInRefused("This account is disabled. Ask the portal's administrator.", "ACCOUNT_DISABLED");
  }
  if (user.isDemo && !demoUsersAllowed()) {
    await auditFailure(email, address, "DEMO_DISABLED", user.id);
    throw new SignInRefused("Demo accounts are disabled on this portal.", "DEMO_DISABLED");
  }
  return user;
}

/** A session was made for the user: audited as SIGN_IN with the address it came from (and, through OIDC, the provider's subject). */
export async function recordSignIn(userId: string, address: string, extra: Record<string, unknown> = {}) {
  const database = db();
  const u = await database.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (!u) return;
  await database.$transaction((tx) =>
    appendAuditEvent(tx, { caseId: null, actorId: u.id, actorRole: u.role, type: "SIGN_IN", payload: { userId: u.id, email: u.email, address, ...extra } }),
  );
}
