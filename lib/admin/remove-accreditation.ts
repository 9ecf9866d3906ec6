// Removing an accreditation only affects future lab choices: cases already at the lab stay there.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, parseInput } from "./parse";
import { AccreditationRef } from "./schemas";

export async function removeAccreditation(actor: SessionUser, raw: unknown) {
  assertCan(actor, "accreditation:manage");
  const { accreditationId } = parseInput(AccreditationRef, raw);
  const database = db();
  const before = await database.labAccreditation.findUnique({ where: { id: accreditationId }, include: { lab: true } });
  if (!before) throw domainError("ACCREDITATION_NOT_FOUND");
  await database.$transaction(async (tx) => {
    await tx.labAccreditation.delete({ where: { id: before.id } });
    await auditAdmin(tx, actor, "ADMIN_ACCREDITATION_REMOVED", {
      accreditationId: before.id,
      labOrgId: before.labOrgId,
      labName: before.lab.name,
      category: before.category,
      validFrom: before.validFrom,
      validUntil: before.validUntil,
    });
  });
}
