// Renaming changes the English and Chinese names only: the kind is fixed once created, because
// roles and accreditations depend on it.
import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, parseInput } from "./parse";
import { RenameOrganizationInput } from "./schemas";
import { nameTaken } from "./create-organization";

export async function renameOrganization(actor: SessionUser, raw: unknown) {
  assertCan(actor, "organization:manage");
  const input = parseInput(RenameOrganizationInput, raw, "The organisation is not valid");
  const database = db();
  const before = await database.organization.findUnique({ where: { id: input.organizationId } });
  if (!before) throw domainError("ORGANIZATION_NOT_FOUND");
  const other = await database.organization.findUnique({ where: { name: input.name } });
  if (other && other.id !== before.id) throw nameTaken();
  const nameZh = input.nameZh ?? null;
  if (before.name === input.name && before.nameZh === nameZh) return before;
  try {
    return await database.$transaction(async (tx) => {
      const org = await tx.organization.update({ where: { id: before.id }, data: { name: input.name, nameZh } });
      await auditAdmin(tx, actor, "ADMIN_ORG_RENAMED", {
        organizationId: org.id,
        from: { name: before.name, nameZh: before.nameZh },
        to: { name: org.name, nameZh: org.nameZh },
      });
      return org;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}
