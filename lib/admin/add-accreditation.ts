import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { auditAdmin, fieldError, parseInput } from "./parse";
import { AddAccreditationInput, scopeList } from "./schemas";

const exists = () => fieldError("category", "accreditationExists", "This lab is accredited for this category already: change its dates instead");

export async function addAccreditation(actor: SessionUser, raw: unknown) {
  assertCan(actor, "accreditation:manage");
  const input = parseInput(AddAccreditationInput, raw, "The accreditation is not valid");
  const database = db();
  const lab = await database.organization.findUnique({ where: { id: input.labOrgId } });
  if (!lab) throw fieldError("labOrgId", "unknownOrganization", "No such organisation");
  if (lab.kind !== "lab") throw fieldError("labOrgId", "notALab", "Only a lab organisation can be accredited");
  if (!(await database.category.findUnique({ where: { key: input.category } }))) throw fieldError("category", "categoryInvalid", "No such category");
  const key = { labOrgId_category: { labOrgId: lab.id, category: input.category } };
  if (await database.labAccreditation.findUnique({ where: key })) throw exists();
  try {
    return await database.$transaction(async (tx) => {
      const a = await tx.labAccreditation.create({
        data: {
          labOrgId: lab.id,
          category: input.category,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          number: input.number || null,
          body: input.body || null,
          scope: JSON.stringify(scopeList(input.scope)),
        },
      });
      await auditAdmin(tx, actor, "ADMIN_ACCREDITATION_SET", {
        accreditationId: a.id,
        labOrgId: lab.id,
        labName: lab.name,
        category: a.category,
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        number: a.number,
        body: a.body,
        scope: scopeList(input.scope),
        previous: null,
      });
      return a;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw exists();
    throw e;
  }
}
