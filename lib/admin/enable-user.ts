import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, parseInput } from "./parse";
import { UserRef } from "./schemas";

/** Lets a disabled user sign in again; their old sessions stay ended (sessionVersion is not rolled back). */
export async function enableUser(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const { userId } = parseInput(UserRef, raw);
  const database = db();
  const before = await database.user.findUnique({ where: { id: userId } });
  if (!before) throw domainError("USER_NOT_FOUND");
  if (!before.disabled) return { id: before.id, disabled: false };
  return database.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: userId }, data: { disabled: false } });
    await auditAdmin(tx, actor, "ADMIN_USER_ENABLED", { userId: u.id, email: u.email });
    return { id: u.id, disabled: u.disabled };
  });
}
