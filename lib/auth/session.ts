// Who is asking: resolved on the server for every request, from the session cookie or a Bearer
// token, and re-checked against the database so that disabling a user, changing a password or
// signing out ends their sessions at once (lib/auth/session-revocation.ts). Anything malformed — a
// cookie that does not decode, a garbage Authorization header — is an anonymous caller, never a 500.
import "server-only";
import crypto from "node:crypto";
import { getServerSession } from "next-auth";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { LRUCache } from "lru-cache";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { demoUsersAllowed } from "@/lib/auth/demo";
import { isSessionRevoked, sessionClaimsValid } from "@/lib/auth/session-revocation";
import { secondFactorRequired } from "@/lib/auth/totp";
import type { Role, SessionUser } from "@/lib/permissions";
import { parseScopes, type TokenScope } from "@/lib/token-scopes";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

type UserRow = {
  id: string; email: string; name: string; role: string; organizationId: string; disabled: boolean;
  sessionVersion: number; isDemo: boolean; organization: { name: string }; totpEnabledAt: Date | null;
};

function toSessionUser(u: UserRow): SessionUser {
  const user: SessionUser = { id: u.id, email: u.email, name: u.name, role: u.role as Role, organizationId: u.organizationId, organizationName: u.organization.name };
  // Without the second factor its role requires, the account may only enrol (lib/permissions.ts can()).
  if (!u.totpEnabledAt && secondFactorRequired(user.role)) user.mustEnrol = true;
  return user;
}

function usable(u: UserRow | null): u is UserRow {
  return !!u && !u.disabled && (!u.isDemo || demoUsersAllowed());
}

/**
 * The user of a session, if the account is still usable, the session is not older than its last
 * password change or disabling, carries our session id and sign-in time, and was not signed out.
 */
async function userOfSession(session: { uid?: unknown; sv?: unknown; sid?: unknown; sst?: unknown; authAt?: unknown } | null): Promise<SessionUser | null> {
  if (!session || typeof session.uid !== "string" || !sessionClaimsValid(session)) return null;
  const [u, revoked] = await Promise.all([
    db().user.findUnique({ where: { id: session.uid }, include: { organization: true } }),
    isSessionRevoked(session.sid),
  ]);
  if (revoked || !usable(u) || u.sessionVersion !== session.sv) return null;
  // When the password was last entered (lib/auth/reauth.ts); a session without the claim counts as long ago.
  return { ...toSessionUser(u), via: "session", authAt: typeof session.authAt === "number" ? session.authAt : 0 };
}

/** For pages and server actions (reads the request's cookies through Next). */
export async function getSessionUser(): Promise<SessionUser | null> {
  return userOfSession((await getServerSession(authOptions())) as { uid?: string; sv?: number } | null);
}

// Session cookies already decrypted, by their exact text. Decrypting one derives its key anew (HKDF)
// and then decrypts: about a tenth of a small API request's CPU (docs/performance.md, "The door").
// The cookie is encrypted and authenticated, so only a cookie this server issued can be found here;
// an entry is used only while the token has not expired, and everything that can end a session
// early (sign-out, a new password, a disabled account) is still checked against the database on
// every request (userOfSession).
const decodedSessions = new LRUCache<string, JWT>({ max: 5_000, ttl: 10 * 60 * 1000 });

async function decodeSession(params: JWTDecodeParams): Promise<JWT | null> {
  const token = params.token;
  if (!token) return null;
  const hit = decodedSessions.get(token);
  if (hit && typeof hit.exp === "number" && hit.exp * 1000 > Date.now()) return hit;
  const payload = await decode(params);
  if (payload && typeof payload.exp === "number") decodedSessions.set(token, Object.freeze(payload));
  return payload;
}

/** For route handlers: the session cookie of the request, parsed by Next (a malformed one is ignored). */
async function getCookieUser(req: Request): Promise<SessionUser | null> {
  const cookies = new RequestCookies(req.headers);
  if (cookies.size === 0) return null;
  const token = await getToken({
    // No headers: the session comes from the cookie only, never from an Authorization header.
    req: { cookies, headers: {} } as never,
    secret: env().ZHIJI_SESSION_SECRET,
    secureCookie: env().ZHIJI_PUBLIC_URL.startsWith("https://"),
    decode: decodeSession,
  });
  return userOfSession(token as { uid?: unknown; sv?: unknown } | null);
}

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Tokens made before expiry existed (expiresAt null) expire this long after creation. */
export const LEGACY_TOKEN_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export const tokenExpiry = (t: { expiresAt: Date | null; createdAt: Date }) =>
  t.expiresAt ?? new Date(t.createdAt.getTime() + LEGACY_TOKEN_TTL_MS);

/** Why a Bearer token is refused (401, details.reason). */
export type TokenRefusal = "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "TOKEN_ACCOUNT_DISABLED";

const TOKEN_SHAPE = /^zj_[A-Za-z0-9_-]{16,200}$/;
/** lastUsedAt is written at most this often per token. */
const LAST_USED_GRANULARITY_MS = 60_000;

export type BearerResult = { ok: true; user: SessionUser; tokenId: string; scopes: TokenScope[] } | { ok: false; reason: TokenRefusal };

export async function resolveBearer(authorization: string | null, now = new Date()): Promise<BearerResult> {
  const m = authorization?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  if (!m || !TOKEN_SHAPE.test(m[1])) return { ok: false, reason: "TOKEN_INVALID" };
  const t = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(m[1]) },
    include: { user: { include: { organization: true } } },
  });
  if (!t) return { ok: false, reason: "TOKEN_INVALID" };
  if (t.revokedAt) return { ok: false, reason: "TOKEN_REVOKED" };
  if (tokenExpiry(t).getTime() <= now.getTime()) return { ok: false, reason: "TOKEN_EXPIRED" };
  if (!usable(t.user)) return { ok: false, reason: "TOKEN_ACCOUNT_DISABLED" };
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    // Recording use is best-effort: it must never fail the request.
    db().apiToken.update({ where: { id: t.id }, data: { lastUsedAt: now } }).catch(() => {});
  }
  return { ok: true, user: { ...toSessionUser(t.user), via: "token" }, tokenId: t.id, scopes: parseScopes(t.scopes) };
}

export async function getBearerUser(authorization: string | null): Promise<SessionUser | null> {
  const r = await resolveBearer(authorization);
  return r.ok ? r.user : null;
}

const TOKEN_MESSAGES: Record<TokenRefusal, string> = {
  TOKEN_INVALID: "The API token is not valid",
  TOKEN_REVOKED: "The API token was revoked",
  TOKEN_EXPIRED: "The API token has expired: create a new one on your account page",
  TOKEN_ACCOUNT_DISABLED: "The API token's account is disabled",
};

/** An API caller: the user, and the token's scopes when it came with a token (null for a session). */
export type ApiCaller = { user: SessionUser; scopes: TokenScope[] | null };

/** For API routes: a Bearer token when an Authorization header is sent (which must then be valid), else the session cookie. */
export async function getApiCaller(req: Request): Promise<ApiCaller | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const r = await resolveBearer(auth);
    if (!r.ok) throw new AppError("UNAUTHENTICATED", TOKEN_MESSAGES[r.reason], { reason: r.reason });
    return { user: r.user, scopes: r.scopes };
  }
  const user = await getCookieUser(req);
  return user ? { user, scopes: null } : null;
}

export async function requireApiCaller(req: Request): Promise<ApiCaller> {
  const c = await getApiCaller(req);
  if (!c) throw new AppError("UNAUTHENTICATED", "Sign in or send Authorization: Bearer <token>");
  return c;
}

export async function getApiUser(req: Request): Promise<SessionUser | null> {
  return (await getApiCaller(req))?.user ?? null;
}

export async function requireApiUser(req: Request): Promise<SessionUser> {
  return (await requireApiCaller(req)).user;
}

/** For pages and server actions: anonymous visitors go to sign-in. */
export async function requireUser(callbackUrl?: string): Promise<SessionUser> {
  const u = await getSessionUser();
  if (!u) redirect(`/signin${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`);
  return u;
}
