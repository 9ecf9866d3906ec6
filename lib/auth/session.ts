// Who is asking: resolved on the server for every request, from the session cookie or a Bearer
// token, and re-checked against the database so that disabling a user or changing a password
// ends their sessions at once.
import crypto from "node:crypto";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { demoUsersAllowed } from "@/lib/auth/demo";
import type { Role, SessionUser } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

type UserRow = {
  id: string; email: string; name: string; role: string; organizationId: string; disabled: boolean;
  sessionVersion: number; isDemo: boolean; organization: { name: string };
};

function toSessionUser(u: UserRow): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role as Role, organizationId: u.organizationId, organizationName: u.organization.name };
}

function usable(u: UserRow | null): u is UserRow {
  return !!u && !u.disabled && (!u.isDemo || demoUsersAllowed());
}

/** The user of a session, if the account is still usable and the session is not older than its last password change or disabling. */
async function userOfSession(session: { uid?: unknown; sv?: unknown } | null): Promise<SessionUser | null> {
  if (!session || typeof session.uid !== "string") return null;
  const u = await db().user.findUnique({ where: { id: session.uid }, include: { organization: true } });
  if (!usable(u) || u.sessionVersion !== session.sv) return null;
  return toSessionUser(u);
}

/** For pages and server actions (reads the request's cookies through Next). */
export async function getSessionUser(): Promise<SessionUser | null> {
  return userOfSession((await getServerSession(authOptions())) as { uid?: string; sv?: number } | null);
}

/** For route handlers: the session cookie read from the request itself. */
async function getCookieUser(req: Request): Promise<SessionUser | null> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) cookies.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  if (cookies.size === 0) return null;
  const secure = env().ZHIJI_PUBLIC_URL.startsWith("https://");
  const token = await getToken({
    req: { cookies, headers: {} } as never,
    secret: env().ZHIJI_SESSION_SECRET,
    secureCookie: secure,
  });
  return userOfSession(token as { uid?: unknown; sv?: unknown } | null);
}

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function getBearerUser(authorization: string | null): Promise<SessionUser | null> {
  const m = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!m) return null;
  const t = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(m[1]) },
    include: { user: { include: { organization: true } } },
  });
  if (!t || t.revokedAt || !usable(t.user)) return null;
  // Recording use is best-effort: it must never fail the request.
  db().apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return toSessionUser(t.user);
}

/** For API routes: Bearer token first, then the session cookie. */
export async function getApiUser(req: Request): Promise<SessionUser | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const u = await getBearerUser(auth);
    if (!u) throw new AppError("UNAUTHENTICATED", "The API token is invalid or revoked");
    return u;
  }
  return getCookieUser(req);
}

export async function requireApiUser(req: Request): Promise<SessionUser> {
  const u = await getApiUser(req);
  if (!u) throw new AppError("UNAUTHENTICATED", "Sign in or send Authorization: Bearer <token>");
  return u;
}

/** For pages and server actions: anonymous visitors go to sign-in. */
export async function requireUser(callbackUrl?: string): Promise<SessionUser> {
  const u = await getSessionUser();
  if (!u) redirect(`/signin${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`);
  return u;
}
