// Disabling also bumps sessionVersion: every session and page of that user ends on its next request,
// and revokes every API token of theirs (enabling the account again does not bring them back).
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { AppError, domainError } from "@/lib/errors";
import { revokeAllApiTokens } from "@/lib/auth/api-tokens";
import { auditAdmin, parseInput } from "./parse";
import { UserRef } from "./schemas";

export async function disableUser(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const { userId } = parseInput(UserRef, raw);
  if (userId === actor.id) throw new AppError("FORBIDDEN", "You may not disable your own account", { _: "selfDisable" });
  const database = db();
  const before = await database.user.findUnique({ where: { id: userId } });
  if (!before) throw domainError("USER_NOT_FOUND");
  return database.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: userId }, data: { disabled: true, sessionVersion: { increment: 1 } } });
    const tokensRevoked = await revokeAllApiTokens(tx, u.id);
    await auditAdmin(tx, actor, "ADMIN_USER_DISABLED", { userId: u.id, email: u.email, wasDisabled: before.disabled, tokensRevoked });
    return { id: u.id, disabled: u.disabled, sessionVersion: u.sessionVersion };
  });
}
