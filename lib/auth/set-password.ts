// One-time set-password links: `<ZHIJI_PUBLIC_URL>/set-password/<token>` is mailed to the person
// (lib/admin/issue-set-password-link.ts);
// only the token's SHA-256 is stored. After use the hash stays with no expiry, so a second visit can
// say "already used" rather than "unknown"; issuing a new link replaces it.
import "server-only";
import crypto from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appendAuditEvent } from "@/lib/audit/chain";
import { hashToken } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/password";
import { revokeAllApiTokens } from "@/lib/auth/api-tokens";
import { parseInput } from "@/lib/admin/parse";

export const SET_PASSWORD_TTL_MS = 72 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

// The form schemas live where the browser can import them too.
import { NewPassword, NewPasswordFields } from "@/lib/forms/account-schemas";
export { NewPassword, NewPasswordFields };

/** A fresh link: 256 random bits, shown once; the caller stores tokenHash and expires on the user. */
export function newSetPasswordLink(now = new Date()) {
  const token = crypto.randomBytes(32).toString("base64url");
  return {
    token,
    tokenHash: hashToken(token),
    expires: new Date(now.getTime() + SET_PASSWORD_TTL_MS),
    url: `${env().ZHIJI_PUBLIC_URL}/set-password/${token}`,
  };
}

/** A name for one link in the audit chain: a prefix of the token's hash (the token cannot be had from it). */
export const linkId = (tokenHash: string) => tokenHash.slice(0, 16);

/** Who issued the link with this hash: the admin event that carried its linkId (or null for links from before linkId). */
async function linkIssuer(tx: Tx, tokenHash: string) {
  const e = await tx.auditEvent.findFirst({
    where: { type: { in: ["ADMIN_SET_PASSWORD_LINK_ISSUED", "ADMIN_USER_CREATED"] }, payload: { contains: `"linkId":"${linkId(tokenHash)}"` } },
    orderBy: { seq: "desc" },
    select: { actorId: true, seq: true },
  });
  return e ? { linkIssuedBy: e.actorId, linkIssuedInSeq: e.seq } : {};
}

export type SetPasswordLinkState =
  | { status: "valid"; email: string; name: string; expires: Date }
  | { status: "used" | "expired" | "invalid" };

export async function inspectSetPasswordLink(token: string, now = new Date()): Promise<SetPasswordLinkState> {
  if (!TOKEN_SHAPE.test(token)) return { status: "invalid" };
  const u = await db().user.findUnique({ where: { setPasswordTokenHash: hashToken(token) } });
  if (!u || u.disabled) return { status: "invalid" };
  if (!u.setPasswordExpires) return { status: "used" };
  if (u.setPasswordExpires.getTime() < now.getTime()) return { status: "expired" };
  return { status: "valid", email: u.email, name: u.name, expires: u.setPasswordExpires };
}

const LINK_MESSAGES = {
  used: "This link has been used already. Ask the administrator for a new one if you need it.",
  expired: "This link has expired. Ask the administrator for a new one.",
  invalid: "This link is not valid. Ask the administrator for a new one.",
} as const;

/** Sets the password through a link; the link is spent in the same compare-and-set. */
export async function setPasswordWithLink(token: string, raw: unknown, now = new Date()) {
  const state = await inspectSetPasswordLink(token, now);
  if (state.status !== "valid") throw new AppError("CONFLICT", LINK_MESSAGES[state.status], { _: `link_${state.status}` });
  const input = parseInput(NewPasswordFields, raw, "The password is not valid");
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashToken(token);
  return db().$transaction(async (tx) => {
    // Only one of two concurrent submissions can match an unexpired link.
    const r = await tx.user.updateMany({
      where: { setPasswordTokenHash: tokenHash, setPasswordExpires: { gte: now }, disabled: false },
      data: { passwordHash, setPasswordExpires: null, sessionVersion: { increment: 1 } },
    });
    if (r.count !== 1) throw new AppError("CONFLICT", LINK_MESSAGES.used, { _: "link_used" });
    const u = await tx.user.findUniqueOrThrow({ where: { setPasswordTokenHash: tokenHash } });
    // A new password by link ends what the old one made: every API token of the person.
    const tokensRevoked = await revokeAllApiTokens(tx, u.id);
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: u.id,
      actorRole: u.role,
      type: "USER_PASSWORD_SET",
      payload: { userId: u.id, via: "set-password link", tokensRevoked, ...(await linkIssuer(tx, tokenHash)) },
    });
    return { id: u.id, email: u.email, role: u.role };
  });
}
