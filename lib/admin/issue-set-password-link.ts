// A new one-time link for an existing user (first sign-in lost, or a forgotten password). It
// replaces any earlier link; the current password keeps working until the link is used.
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { newSetPasswordLink } from "@/lib/auth/set-password";
import { auditAdmin, parseInput } from "./parse";
import { UserRef } from "./schemas";

export async function issueSetPasswordLink(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const { userId } = parseInput(UserRef, raw);
  const database = db();
  const user = await database.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  if (user.disabled) throw new AppError("CONFLICT", "Enable the user before giving them a new link", { _: "userDisabled" });
  const link = newSetPasswordLink();
  await database.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { setPasswordTokenHash: link.tokenHash, setPasswordExpires: link.expires } });
    await auditAdmin(tx, actor, "ADMIN_SET_PASSWORD_LINK_ISSUED", { userId, email: user.email, expires: link.expires });
  });
  return { setPasswordUrl: link.url, expires: link.expires };
}
