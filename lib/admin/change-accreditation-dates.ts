import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, parseInput } from "./parse";
import { ChangeAccreditationDatesInput, scopeList } from "./schemas";

export async function changeAccreditationDates(actor: SessionUser, raw: unknown) {
  assertCan(actor, "accreditation:manage");
  const input = parseInput(ChangeAccreditationDatesInput, raw, "The dates are not valid");
  const database = db();
  const before = await database.labAccreditation.findUnique({ where: { id: input.accreditationId }, include: { lab: true } });
  if (!before) throw domainError("ACCREDITATION_NOT_FOUND");
  return database.$transaction(async (tx) => {
    const a = await tx.labAccreditation.update({
      where: { id: before.id },
      data: {
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        // Absent (an older client): the detail stays as it was.
        ...(input.number !== undefined ? { number: input.number || null } : {}),
        ...(input.body !== undefined ? { body: input.body || null } : {}),
        ...(input.scope !== undefined ? { scope: JSON.stringify(scopeList(input.scope)) } : {}),
      },
    });
    await auditAdmin(tx, actor, "ADMIN_ACCREDITATION_SET", {
      accreditationId: a.id,
      labOrgId: a.labOrgId,
      labName: before.lab.name,
      category: a.category,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      number: a.number,
      body: a.body,
      scope: JSON.parse(a.scope) as string[],
      previous: { validFrom: before.validFrom, validUntil: before.validUntil, number: before.number, body: before.body, scope: JSON.parse(before.scope) as string[] },
    });
    return a;
  });
}
