import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";

/** Every organisation with how many users and accreditations it has. */
export async function listOrganizations(actor: SessionUser) {
  assertCan(actor, "organization:manage");
  return db().organization.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { users: true, accreditations: true } } },
  });
}
