import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, parseInput } from "./parse";
import { ChangeAccreditationDatesInput } from "./schemas";

export async function changeAccreditationDates(actor: SessionUser, raw: unknown) {
  assertCan(actor, "accreditation:manage");
  const input = parseInput(ChangeAccreditationDatesInput, raw, "The dates are not valid");
  const database = db();
  const before = await database.labAccreditation.findUnique({ where: { id: input.accreditationId }, include: { lab: true } });
  if (!before) throw domainError("ACCREDITATION_NOT_FOUND");
  return database.$transaction(async (tx) => {
    const a = await tx.labAccreditation.update({
      where: { id: before.id },
      data: { validFrom: input.validFrom, validUntil: input.validUntil },
    });
    await auditAdmin(tx, actor, "ADMIN_ACCREDITATION_SET", {
      accreditationId: a.id,
      labOrgId: a.labOrgId,
      labName: before.lab.name,
      category: a.category,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      previous: { validFrom: before.validFrom, validUntil: before.validUntil },
    });
    return a;
  });
}
