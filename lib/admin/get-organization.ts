import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";

/** One organisation with its users and accreditations. */
export async function getOrganization(actor: SessionUser, organizationId: string) {
  assertCan(actor, "organization:manage");
  const org = await db().organization.findUnique({
    where: { id: organizationId },
    include: { users: { orderBy: { email: "asc" } }, accreditations: { orderBy: { category: "asc" } } },
  });
  if (!org) throw domainError("ORGANIZATION_NOT_FOUND");
  return org;
}
