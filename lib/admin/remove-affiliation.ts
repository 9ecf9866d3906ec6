import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { auditAdmin, parseInput } from "./parse";
import { AffiliationRef } from "./schemas";

export async function removeAffiliation(actor: SessionUser, raw: unknown) {
  assertCan(actor, "user:manage");
  const { affiliationId } = parseInput(AffiliationRef, raw);
  const database = db();
  const before = await database.expertAffiliation.findUnique({ where: { id: affiliationId }, include: { organization: true, user: true } });
  if (!before) throw domainError("AFFILIATION_NOT_FOUND");
  await database.$transaction(async (tx) => {
    await tx.expertAffiliation.delete({ where: { id: before.id } });
    await auditAdmin(tx, actor, "ADMIN_AFFILIATION_REMOVED", {
      affiliationId: before.id,
      userId: before.userId,
      email: before.user.email,
      organizationId: before.organizationId,
      organizationName: before.organization.name,
      note: before.note,
    });
  });
  return { userId: before.userId };
}
