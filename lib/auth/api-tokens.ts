// Personal API tokens (`Authorization: Bearer zj_…`). Made only after re-entering one's password,
// with an expiry (default 90 days, at most a year) and scopes (lib/token-scopes.ts); returned once
// at creation, stored only as SHA-256 with a short prefix so a person can tell their tokens apart.
// Changing one's password, a set-password link and disabling the account revoke them all.
import "server-only";
import { DAY_MS } from "@/lib/domain";
import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { hashToken, tokenExpiry } from "@/lib/auth/session";
import { checkPassword } from "@/lib/auth/password";
import { claimReauthAttempt, Throttled } from "@/lib/auth/throttle";
import { auditAdmin, fieldError, parseInput } from "@/lib/admin/parse";
import { ApiTokenRef, CreateApiTokenInput, DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from "@/lib/forms/account-schemas";
import { formatScopes, parseScopes, SCOPES_BY_ROLE } from "@/lib/token-scopes";

export const TOKEN_PREFIX = "zj_";
/** How much of the token is kept for display: "zj_" and five characters of the random part. */
export const DISPLAY_PREFIX_LENGTH = 8;
export const MAX_ACTIVE_TOKENS = 20;
export { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS };
/** The lifetimes the account page offers (any whole number of days up to a year is accepted). */
export const TOKEN_DAY_CHOICES = [7, 30, 90, 180, 365] as const;

export { ApiTokenRef, CreateApiTokenInput };

export function newApiToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

/** The caller's tokens not revoked, newest first, expired ones marked; never the hashes. */
export async function listApiTokens(actor: SessionUser, now = new Date()) {
  assertCan(actor, "token:own");
  const rows = await db().apiToken.findMany({
    where: { userId: actor.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, scopes: true },
  });
  return rows.map((r) => {
    const expiresAt = tokenExpiry(r);
    return { ...r, expiresAt, expired: expiresAt.getTime() <= now.getTime(), scopes: parseScopes(r.scopes) };
  });
}

/**
 * Checks the signed-in person's own password again (for a new token), with the same growing delay
 * as sign-in per user: a wrong one is a field error on `password`, too many a RATE_LIMITED refusal.
 */
export async function confirmOwnPassword(actor: SessionUser, password: string, field = "password") {
  const database = db();
  let settle;
  try {
    settle = await claimReauthAttempt(database, actor.id);
  } catch (e) {
    if (e instanceof Throttled) {
      throw new AppError("RATE_LIMITED", `Too many wrong passwords. Try again in ${e.retryAfterSeconds} s.`, {
        _: "throttled", reason: "THROTTLED", retryAfterSeconds: e.retryAfterSeconds, minutes: Math.ceil(e.retryAfterSeconds / 60),
      });
    }
    throw e;
  }
  const user = await database.user.findUnique({ where: { id: actor.id } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  const ok = await checkPassword(password, user.passwordHash);
  await settle(ok);
  if (!ok) throw fieldError(field, "passwordWrong", "The password is not right");
  return user;
}

export async function createApiToken(actor: SessionUser, raw: unknown, now = new Date()) {
  assertCan(actor, "token:own");
  const input = parseInput(CreateApiTokenInput, raw, "The token is not valid");
  const offered = SCOPES_BY_ROLE[actor.role];
  if (input.scopes.some((s) => !offered.includes(s))) throw fieldError("scopes", "tokenScopeRole", "A scope was chosen that your role cannot use");
  const database = db();
  const active = await database.apiToken.count({ where: { userId: actor.id, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS) {
    throw new AppError("CONFLICT", `You have ${MAX_ACTIVE_TOKENS} tokens already: revoke one first`, { _: "tooManyTokens" });
  }
  await confirmOwnPassword(actor, input.password);
  const token = newApiToken();
  const prefix = token.slice(0, DISPLAY_PREFIX_LENGTH);
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const scopes = formatScopes(input.scopes);
  const row = await database.$transaction(async (tx) => {
    const t = await tx.apiToken.create({ data: { userId: actor.id, name: input.name, prefix, tokenHash: hashToken(token), expiresAt, scopes } });
    await auditAdmin(tx, actor, "API_TOKEN_CREATED", { tokenId: t.id, userId: actor.id, name: t.name, prefix, scopes, expiresAt: expiresAt.toISOString() });
    return t;
  });
  return { token, id: row.id, name: row.name, prefix, createdAt: row.createdAt, expiresAt, scopes: input.scopes };
}

/** Revokes one of the caller's own tokens; someone else's token is "not found". */
export async function revokeApiToken(actor: SessionUser, raw: unknown) {
  assertCan(actor, "token:own");
  const { tokenId } = parseInput(ApiTokenRef, raw);
  await db().$transaction(async (tx) => {
    const t = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id, revokedAt: null } });
    if (!t) throw new AppError("NOT_FOUND", "No such token");
    const r = await tx.apiToken.updateMany({ where: { id: t.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (r.count !== 1) throw new AppError("NOT_FOUND", "No such token");
    await auditAdmin(tx, actor, "API_TOKEN_REVOKED", { tokenId: t.id, userId: actor.id, name: t.name, prefix: t.prefix });
  });
}

/** Inside a password change, set-password or disabling: every token of the user stops working. Returns how many. */
export async function revokeAllApiTokens(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const r = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}
