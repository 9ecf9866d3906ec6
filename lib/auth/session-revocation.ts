// Server-side end of a session. Sessions are JWT cookies (next-auth); each carries our own session
// id `sid` and its sign-in time `sst`, set once at sign-in and kept when next-auth re-encodes the
// cookie. A session ends SESSION_MAX_AGE_SECONDS after sign-in however it is used (re-issuing the
// cookie does not extend it). Signing out records the id in RevokedSession until that end, and
// every request refuses a revoked id, so a copy of the cookie stops working with the sign-out.
import "server-only";
import crypto from "node:crypto";
import { db, isUniqueViolation } from "@/lib/db";

/** The longest a session lives, counted from sign-in. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const newSessionId = () => crypto.randomBytes(18).toString("base64url");

/** When a session that started at `sst` (seconds since the epoch) ends. */
export const sessionEndsAt = (sst: number) => new Date((sst + SESSION_MAX_AGE_SECONDS) * 1000);

/** The claims a session must carry to be accepted: our id and a sign-in time not too long ago. */
export function sessionClaimsValid<T extends { sid?: unknown; sst?: unknown }>(token: T, now = new Date()): token is T & { sid: string; sst: number } {
  return typeof token.sid === "string" && token.sid.length > 0 && typeof token.sst === "number" && Number.isFinite(token.sst) &&
    token.sst * 1000 <= now.getTime() + 60_000 && sessionEndsAt(token.sst).getTime() > now.getTime();
}

/** Revokes the session of a decoded session token (next-auth's signOut event); a token without ids is ignored. */
export async function revokeSession(token: Record<string, unknown> | null | undefined, now = new Date()) {
  const sid = token?.sid;
  const uid = token?.uid;
  if (typeof sid !== "string" || typeof uid !== "string") return;
  const database = db();
  const ends = typeof token?.sst === "number" && Number.isFinite(token.sst) ? sessionEndsAt(token.sst) : new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  try {
    await database.revokedSession.create({ data: { jti: sid, userId: uid, expiresAt: ends } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  // Rows past their expiry protect nothing (the cookie has expired too): forget them.
  await database.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  return !!(await db().revokedSession.findUnique({ where: { jti: sid }, select: { jti: true } }));
}
