// The secretariat answers an open finding (once); the chain records the answer.
import "server-only";
import { db } from "@/lib/db";
import { domainError, invalidRequest, notFound } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { AnswerFindingInput } from "./schemas";
import { FINDING_INCLUDE, findingViews } from "./view";

export async function answerFinding(user: SessionUser, findingId: string, raw: unknown) {
  assertCan(user, "finding:answer");
  const parsed = AnswerFindingInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The answer is not valid");
  const { answer } = parsed.data;
  const at = new Date();
  return db().$transaction(async (tx) => {
    const f = await tx.finding.findUnique({ where: { id: findingId } });
    if (!f) throw notFound("FINDING_NOT_FOUND");
    if (f.status !== "open") throw domainError(f.status === "closed" ? "FINDING_CLOSED" : "FINDING_ALREADY_ANSWERED");
    // Compare-and-set: of two answers sent at once, one wins and the other gets 409.
    const won = await tx.finding.updateMany({
      where: { id: findingId, status: "open" },
      data: { status: "answered", answer, answeredById: user.id, answeredAt: at },
    });
    if (won.count !== 1) throw domainError("FINDING_CHANGED");
    await appendAuditEvent(tx, {
      caseId: f.caseId,
      actorId: user.id,
      actorRole: user.role,
      type: "FINDING_ANSWERED",
      payload: { findingId, answer },
      at,
    });
    return (await findingViews(tx, [await tx.finding.findUniqueOrThrow({ where: { id: findingId }, include: FINDING_INCLUDE })]))[0];
  });
}
