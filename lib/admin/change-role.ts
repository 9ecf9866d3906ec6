// A role change takes effect on the user's next request (the session is re-read from the database).
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Role, type SessionUser } from "@/lib/permissions";
import { assertRecentAuth } from "@/lib/auth/reauth";
import { AppError, domainError } from "@/lib/errors";
import { auditAdmin, fieldError, parseInput } from "./parse";
import { ChangeRoleInput, roleFitsOrganization } from "./schemas";

export async function changeRole(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  // A role change decides what a person may do: it needs a recent password (lib/auth/reauth.ts).
  assertRecentAuth(actor, "Changing a role");
  const input = parseInput(ChangeRoleInput, raw, "The role is not valid");
  // The acting admin stays an admin: the portal can never lose its last administrator this way.
  if (input.userId === actor.id && input.role !== "admin") {
    throw new AppError("FORBIDDEN", "You may not take the administrator role from yourself", { _: "selfDemote" });
  }
  const database = db();
  const before = await database.user.findUnique({ where: { id: input.userId }, include: { organization: true } });
  if (!before) throw domainError("USER_NOT_FOUND");
  if (before.role === input.role) return { id: before.id, role: before.role as Role };
  if (!roleFitsOrganization(input.role as Role, before.organization.kind)) {
    throw fieldError("role", "orgKindMismatch", `A ${input.role} user cannot belong to a ${before.organization.kind} organisation`);
  }
  return database.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: before.id }, data: { role: input.role } });
    await auditAdmin(tx, actor, "ADMIN_ROLE_CHANGED", { userId: u.id, email: u.email, from: before.role, to: u.role });
    return { id: u.id, role: u.role as Role };
  });
}
