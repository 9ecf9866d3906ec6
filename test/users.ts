// Test helpers for the admin and account use cases: people of each role, as the session sees them.
import { db } from "@/lib/db";
import type { Role, SessionUser } from "@/lib/permissions";
import { ensureOrganization, ensureUser, uniqueSuffix, type OrgKind } from "@/prisma/seed/factories";

const KIND_BY_ROLE: Record<Role, OrgKind> = {
  vendor: "vendor", lab: "lab", expert: "working_group", secretariat: "working_group", ministry: "ministry", admin: "operator",
};

export async function makeOrg(kind: OrgKind, name = `${kind} ${uniqueSuffix()}`) {
  return ensureOrganization(db(), { name, kind });
}

export async function makeSessionUser(role: Role, opts: { password?: string; organizationId?: string } = {}): Promise<SessionUser> {
  const org = opts.organizationId
    ? await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId } })
    : await makeOrg(KIND_BY_ROLE[role]);
  const u = await ensureUser(db(), {
    email: `${role}-${uniqueSuffix()}@test.zhiji`,
    name: `${role} person`,
    role,
    organizationId: org.id,
    password: opts.password,
  });
  return { id: u.id, email: u.email, name: u.name, role, organizationId: org.id, organizationName: org.name };
}
