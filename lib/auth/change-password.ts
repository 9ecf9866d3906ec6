// A signed-in person changes their own password. Success bumps sessionVersion, which ends every
// session of theirs, this one included (they sign in again with the new password), and revokes
// every API token they made.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { hashPassword } from "@/lib/auth/password";
import { ChangePasswordInput } from "@/lib/forms/account-schemas";
import { confirmOwnPassword, revokeAllApiTokens } from "@/lib/auth/api-tokens";
import { auditAdmin, parseInput } from "@/lib/admin/parse";

export { ChangePasswordInput };

export async function changePassword(actor: SessionUser, raw: unknown) {
  assertCan(actor, "token:own");
  const input = parseInput(ChangePasswordInput, raw, "The password is not valid");
  // Wrong current passwords slow down like failed sign-ins, so a borrowed session cannot be used
  // to guess the password.
  const user = await confirmOwnPassword(actor, input.currentPassword, "currentPassword");
  const passwordHash = await hashPassword(input.password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    const tokensRevoked = await revokeAllApiTokens(tx, user.id);
    await auditAdmin(tx, actor, "USER_PASSWORD_CHANGED", { userId: user.id, tokensRevoked });
  });
}
