// Personal API tokens (`Authorization: Bearer zj_…`): the token is returned once at creation; only
// its SHA-256 is stored, with a short prefix so a person can tell their tokens apart.
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { hashToken } from "@/lib/auth/session";
import { auditAdmin, parseInput } from "@/lib/admin/parse";

export const TOKEN_PREFIX = "zj_";
/** How much of the token is kept for display: "zj_" and five characters of the random part. */
export const DISPLAY_PREFIX_LENGTH = 8;
export const MAX_ACTIVE_TOKENS = 20;

export const CreateApiTokenInput = z.object({
  name: z.string({ message: "required" }).trim().min(1, "required").max(100, "tooLong"),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;

export const ApiTokenRef = z.object({ tokenId: z.string({ message: "required" }).trim().min(1, "required").max(100, "tooLong") });
export type ApiTokenRef = z.input<typeof ApiTokenRef>;

export function newApiToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

/** The caller's tokens that still work, newest first; never the hashes. */
export async function listApiTokens(actor: SessionUser) {
  assertCan(actor, "token:own");
  return db().apiToken.findMany({
    where: { userId: actor.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

export async function createApiToken(actor: SessionUser, raw: unknown) {
  assertCan(actor, "token:own");
  const input = parseInput(CreateApiTokenInput, raw, "The token name is not valid");
  const database = db();
  const active = await database.apiToken.count({ where: { userId: actor.id, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS) {
    throw new AppError("CONFLICT", `You have ${MAX_ACTIVE_TOKENS} tokens already: revoke one first`, { _: "tooManyTokens" });
  }
  const token = newApiToken();
  const prefix = token.slice(0, DISPLAY_PREFIX_LENGTH);
  const row = await database.$transaction(async (tx) => {
    const t = await tx.apiToken.create({ data: { userId: actor.id, name: input.name, prefix, tokenHash: hashToken(token) } });
    await auditAdmin(tx, actor, "API_TOKEN_CREATED", { tokenId: t.id, userId: actor.id, name: t.name, prefix });
    return t;
  });
  return { token, id: row.id, name: row.name, prefix, createdAt: row.createdAt };
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
