// Re-authentication for decisive acts: awarding, revoking (and downgrading) a certificate, publishing
// a grading scheme, changing a person's role. They need a password (and second factor) entered in the
// last 15 minutes; an older session is refused with details.reason REAUTH_REQUIRED, and the page
// asks for the password again in place (a fresh sign-in renews authAt), then the act is retried.
//
// API tokens never do these acts (403, REAUTH_REQUIRED): a token is a long-lived secret kept by a
// program, with no person entering a password or a second factor behind it, and these acts are few
// and done by people in the portal.
import "server-only";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";

export const REAUTH_MAX_AGE_MS = 15 * 60 * 1000;

/** Case events that need a recent sign-in (DOWNGRADE is listed for when the machine has it). */
export const DECISIVE_EVENTS: ReadonlySet<string> = new Set(["AWARD", "REVOKE", "DOWNGRADE"]);

/**
 * Refuses a decisive act unless the caller entered their password recently. Callers inside the
 * process (scripts, tests) carry no `via` and are not asked; every web request's user is built by
 * lib/auth/session.ts, which always sets it.
 */
export function assertRecentAuth(user: SessionUser, what: string, now = Date.now()): void {
  if (user.via === "token") {
    throw new AppError("FORBIDDEN", `${what} is not done with an API token: sign in to the portal`, { reason: "REAUTH_REQUIRED", via: "token" });
  }
  if (user.via === "session") {
    const age = now - (user.authAt ?? 0);
    // A minute of clock difference between portal instances is tolerated.
    if (!(age >= -60_000 && age <= REAUTH_MAX_AGE_MS)) {
      throw new AppError("UNAUTHENTICATED", `${what} needs your password again: your last sign-in was more than 15 minutes ago`, {
        reason: "REAUTH_REQUIRED",
        maxAgeSeconds: REAUTH_MAX_AGE_MS / 1000,
      });
    }
  }
}

export const isReauthRequired = (e: unknown): e is AppError => e instanceof AppError && e.details?.reason === "REAUTH_REQUIRED";
