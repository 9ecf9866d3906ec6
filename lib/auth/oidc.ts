// Institutional sign-in through OpenID Connect (docs/security.md#institutional-sign-in): who may
// sign in, and as which portal user. Nobody registers here: the admin creates the person in the
// portal, and the first sign-in through the institution's provider links them by a VERIFIED email;
// from then on the provider's subject ("<issuer> <sub>", User.oidcSubject) is what identifies them.
// Role and organization always come from the portal, never from the provider's claims.
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { demoUsersAllowed } from "@/lib/auth/demo";
import type { OidcConfig } from "@/lib/auth/oidc-config";

/** next-auth's provider id: the callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** Why a sign-in through the provider is refused; the sign-in page translates each (messages/<locale>/signin.json `errors`). */
export type OidcRefusalReason =
  | "OIDC_EMAIL_UNVERIFIED"
  | "OIDC_UNKNOWN_EMAIL"
  | "OIDC_SUBJECT_MISMATCH"
  | "OIDC_CLAIMS_INVALID"
  | "ACCOUNT_DISABLED"
  | "DEMO_DISABLED";

export const OIDC_REFUSALS: readonly OidcRefusalReason[] = [
  "OIDC_EMAIL_UNVERIFIED", "OIDC_UNKNOWN_EMAIL", "OIDC_SUBJECT_MISMATCH", "OIDC_CLAIMS_INVALID", "ACCOUNT_DISABLED", "DEMO_DISABLED",
];

/** The ID token's claims this module reads (already checked by openid-client: signature, iss, aud, nonce, expiry). */
export type OidcClaims = { iss?: unknown; sub?: unknown; email?: unknown; email_verified?: unknown; auth_time?: unknown };

export type OidcLinkResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number }; linked: boolean }
  | { ok: false; reason: OidcRefusalReason; userId: string | null };

/** The stored identity of a provider's account: the issuer and its subject, which together never change hands (OIDC Core §5.7). */
export const oidcSubjectOf = (iss: string, sub: string) => `${iss} ${sub}`;

type Db = ReturnType<typeof db>;

async function auditRefusal(database: Db, email: string, address: string, reason: OidcRefusalReason, userId: string | null, subject: string | null) {
  await database.$transaction((tx) =>
    appendAuditEvent(tx, { caseId: null, actorId: null, actorRole: "anonymous", type: "SIGN_IN_FAILED", payload: { email, userId, address, reason, via: "oidc", subject } }),
  );
}

/**
 * Decides who a sign-in through the provider is, and links the account on its first use:
 * 1. a user whose oidcSubject is this issuer+subject is that user (the email may have changed at the provider);
 * 2. otherwise the email must be verified (email_verified exactly true), belong to a portal user, and
 *    that user must not be linked to another subject; the subject is then stored.
 * Disabled users and (outside the demo) demo users are refused either way. Every refusal is audited
 * as SIGN_IN_FAILED with its reason; the SIGN_IN that follows a success names the subject and
 * whether this sign-in linked it.
 */
export async function linkOidcSignIn(claims: OidcClaims, address: string, database: Db = db()): Promise<OidcLinkResult> {
  const iss = typeof claims.iss === "string" ? claims.iss : "";
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase().slice(0, 320) : "";
  const refuse = async (reason: OidcRefusalReason, userId: string | null): Promise<OidcLinkResult> => {
    await auditRefusal(database, email, address, reason, userId, iss && sub ? oidcSubjectOf(iss, sub) : null);
    return { ok: false, reason, userId };
  };
  if (!iss || !sub || sub.length > 255 || iss.length > 1000) return refuse("OIDC_CLAIMS_INVALID", null);
  const subject = oidcSubjectOf(iss, sub);

  let user = await database.user.findUnique({ where: { oidcSubject: subject } });
  let linked = false;
  if (!user) {
    // Only the provider's word that the address is the person's own links an account; "true" as a string is not that word.
    if (claims.email_verified !== true) return refuse("OIDC_EMAIL_UNVERIFIED", null);
    if (!email) return refuse("OIDC_CLAIMS_INVALID", null);
    user = await database.user.findUnique({ where: { email } });
    if (!user) return refuse("OIDC_UNKNOWN_EMAIL", null);
    if (user.oidcSubject && user.oidcSubject !== subject) return refuse("OIDC_SUBJECT_MISMATCH", user.id);
  }
  if (user.disabled) return refuse("ACCOUNT_DISABLED", user.id);
  if (user.isDemo && !demoUsersAllowed()) return refuse("DEMO_DISABLED", user.id);
  if (!user.oidcSubject) {
    // Only if still unlinked: two first sign-ins at once with different subjects cannot both win.
    const { count } = await database.user.updateMany({ where: { id: user.id, oidcSubject: null }, data: { oidcSubject: subject } });
    if (count === 0) {
      const now = await database.user.findUnique({ where: { id: user.id }, select: { oidcSubject: true } });
      if (now?.oidcSubject !== subject) return refuse("OIDC_SUBJECT_MISMATCH", user.id);
    } else {
      linked = true;
    }
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion }, linked };
}

/**
 * When the person last authenticated at the provider, in ms: its auth_time claim (which it must send
 * when max_age is asked, as the re-authentication round trip does), else now.
 */
export function authTimeOf(claims: OidcClaims, now = Date.now()): number {
  const t = claims.auth_time;
  if (typeof t === "number" && Number.isFinite(t) && t > 0) return Math.min(t * 1000, now);
  return now;
}

/** The next-auth provider: discovery from the issuer, the code flow with PKCE, state and nonce, the ID token's claims as the profile. */
export function oidcProvider(config: OidcConfig): OAuthConfig<OidcClaims & Record<string, unknown>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name.en ?? "Institutional account",
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // The portal user is decided in the signIn callback (lib/auth/options.ts); until then the profile is the provider's account.
    profile(claims) {
      return {
        id: String(claims.sub ?? ""),
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}
