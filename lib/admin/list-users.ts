import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import type { Organization, User } from "@/lib/generated/sqlite/client";

/** Every user with organisation, role and status; never the password or link hashes. */
export async function listUsers(actor: SessionUser) {
  assertCan(actor, "user:manage");
  const users = await db().user.findMany({
    orderBy: [{ organization: { name: "asc" } }, { email: "asc" }],
    include: { organization: true },
  });
  return users.map(publicUser);
}

type UserRow = User & { organization: Organization };

export function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organization: { id: u.organization.id, name: u.organization.name, nameZh: u.organization.nameZh, kind: u.organization.kind },
    disabled: u.disabled,
    isDemo: u.isDemo,
    hasPassword: u.passwordHash !== null,
    // A link is pending while it has an expiry in the future (a used link has none).
    setPasswordPendingUntil: u.setPasswordExpires,
    createdAt: u.createdAt,
  };
}
export type AdminUserView = ReturnType<typeof publicUser>;
