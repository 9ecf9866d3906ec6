// A signed-in person changes their own password. Success bumps sessionVersion, which ends every
// session of theirs, this one included: they sign in again with the new password.
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { checkPassword, hashPassword } from "@/lib/auth/password";
import { accountKey, lockedForMinutes, recordAttempt } from "@/lib/auth/throttle";
import { NewPassword } from "@/lib/auth/set-password";
import { auditAdmin, fieldError, parseInput } from "@/lib/admin/parse";

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string({ message: "required" }).min(1, "required").max(200, "tooLong"),
    password: NewPassword,
    confirm: z.string({ message: "required" }),
  })
  .refine((p) => p.password === p.confirm, { path: ["confirm"], message: "passwordMismatch" })
  .refine((p) => p.password !== p.currentPassword, { path: ["password"], message: "passwordUnchanged" });
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

export async function changePassword(actor: SessionUser, raw: unknown) {
  assertCan(actor, "token:own");
  const input = parseInput(ChangePasswordInput, raw, "The password is not valid");
  const database = db();
  // Wrong current passwords count against the account like failed sign-ins, so a borrowed session
  // cannot be used to guess the password.
  const keys = [accountKey(actor.email)];
  const wait = await lockedForMinutes(database, keys);
  if (wait > 0) throw new AppError("RATE_LIMITED", `Too many wrong passwords. Try again in ${wait} minutes.`, { _: "throttled", minutes: wait });
  const user = await database.user.findUnique({ where: { id: actor.id } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  if (!(await checkPassword(input.currentPassword, user.passwordHash))) {
    await recordAttempt(database, keys, false);
    throw fieldError("currentPassword", "passwordWrong", "The current password is not right");
  }
  const passwordHash = await hashPassword(input.password);
  await database.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await auditAdmin(tx, actor, "USER_PASSWORD_CHANGED", { userId: user.id });
  });
}
