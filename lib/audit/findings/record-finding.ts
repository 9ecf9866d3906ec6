// The ministry records a finding on a case; the chain records that it did.
import "server-only";
import { db } from "@/lib/db";
import { invalidRequest, notFound } from "@/lib/errors";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { RecordFindingInput } from "./schemas";
import { FINDING_INCLUDE, findingViews } from "./view";

export async function recordFinding(user: SessionUser, raw: unknown) {
  assertCan(user, "finding:create");
  const parsed = RecordFindingInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The finding is not valid");
  const input = parsed.data;
  const database = db();
  return database.$transaction(async (tx) => {
    const c = await tx.case.findFirst({ where: { id: input.caseId, ...caseWhere(user) }, select: { id: true, pilotId: true } });
    if (!c) throw notFound("CASE_NOT_FOUND");
    const f = await tx.finding.create({
      data: { caseId: c.id, pilotId: c.pilotId, severity: input.severity, text: input.text, createdById: user.id },
      include: FINDING_INCLUDE,
    });
    await appendAuditEvent(tx, {
      caseId: c.id,
      actorId: user.id,
      actorRole: user.role,
      type: "FINDING_RECORDED",
      payload: { findingId: f.id, severity: f.severity, text: f.text },
    });
    return (await findingViews(tx, [f]))[0];
  });
}
