import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, fieldError, parseInput } from "./parse";
import { AddAffiliationInput } from "./schemas";

const already = () => fieldError("organizationId", "alreadyAffiliated", "The expert is affiliated with this organisation already");

/** Ties an expert to one more organisation (employer, consultancy, board seat) for conflict checks. */
export async function addAffiliation(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const input = parseInput(AddAffiliationInput, raw, "The affiliation is not valid");
  const database = db();
  const expert = await database.user.findUnique({ where: { id: input.userId } });
  if (!expert) throw domainError("USER_NOT_FOUND");
  if (expert.role !== "expert") throw fieldError("userId", "notAnExpert", "Affiliations are kept for experts only");
  const org = await database.organization.findUnique({ where: { id: input.organizationId } });
  if (!org) throw fieldError("organizationId", "unknownOrganization", "No such organisation");
  if (org.id === expert.organizationId) throw fieldError("organizationId", "ownOrganization", "This is the expert's own organisation already");
  const key = { userId_organizationId: { userId: expert.id, organizationId: org.id } };
  if (await database.expertAffiliation.findUnique({ where: key })) throw already();
  try {
    return await database.$transaction(async (tx) => {
      const a = await tx.expertAffiliation.create({ data: { userId: expert.id, organizationId: org.id, note: input.note ?? null } });
      await auditAdmin(tx, actor, "ADMIN_AFFILIATION_ADDED", {
        affiliationId: a.id,
        userId: expert.id,
        email: expert.email,
        organizationId: org.id,
        organizationName: org.name,
        note: a.note,
      });
      return a;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw already();
    throw e;
  }
}
