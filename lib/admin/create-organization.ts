import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { auditAdmin, fieldError, parseInput } from "./parse";
import { OrganizationInput } from "./schemas";

export const nameTaken = () => fieldError("name", "nameTaken", "An organisation with this name exists already");

export async function createOrganization(actor: SessionUser, raw: unknown) {
  assertCan(actor, "organization:manage");
  const input = parseInput(OrganizationInput, raw, "The organisation is not valid");
  const database = db();
  if (await database.organization.findUnique({ where: { name: input.name } })) throw nameTaken();
  try {
    return await database.$transaction(async (tx) => {
      const org = await tx.organization.create({ data: { name: input.name, nameZh: input.nameZh ?? null, kind: input.kind } });
      await auditAdmin(tx, actor, "ADMIN_ORG_CREATED", { organizationId: org.id, name: org.name, nameZh: org.nameZh, kind: org.kind });
      return org;
    });
  } catch (e) {
    // Two admins creating the same name at once: the unique index decides.
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}
