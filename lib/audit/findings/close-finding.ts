// The ministry closes a finding — only once the secretariat has answered it.
import "server-only";
import { db } from "@/lib/db";
import { domainError, notFound } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { FINDING_INCLUDE, findingViews } from "./view";

export async function closeFinding(user: SessionUser, findingId: string) {
  assertCan(user, "finding:close");
  const at = new Date();
  return db().$transaction(async (tx) => {
    const f = await tx.finding.findUnique({ where: { id: findingId } });
    if (!f) throw notFound("FINDING_NOT_FOUND");
    if (f.status === "open") throw domainError("FINDING_NOT_ANSWERED");
    if (f.status === "closed") throw domainError("FINDING_CLOSED");
    const won = await tx.finding.updateMany({
      where: { id: findingId, status: "answered" },
      data: { status: "closed", closedById: user.id, closedAt: at },
    });
    if (won.count !== 1) throw domainError("FINDING_CHANGED");
    await appendAuditEvent(tx, {
      caseId: f.caseId,
      actorId: user.id,
      actorRole: user.role,
      type: "FINDING_CLOSED",
      payload: { findingId },
      at,
    });
    return (await findingViews(tx, [await tx.finding.findUniqueOrThrow({ where: { id: findingId }, include: FINDING_INCLUDE })]))[0];
  });
}
