// The secretariat answers an open finding (once); the chain records the answer.
import "server-only";
import { db } from "@/lib/db";
import { AppError, conflict, fieldErrors, notFound } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { AnswerFindingInput } from "./schemas";
import { FINDING_INCLUDE, findingViews } from "./view";

export async function answerFinding(user: SessionUser, findingId: string, raw: unknown) {
  assertCan(user, "finding:answer");
  const parsed = AnswerFindingInput.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The answer is not valid", fieldErrors(parsed.error.issues));
  const { answer } = parsed.data;
  const at = new Date();
  return db().$transaction(async (tx) => {
    const f = await tx.finding.findUnique({ where: { id: findingId } });
    if (!f) throw notFound("FINDING_NOT_FOUND");
    if (f.status !== "open") throw conflict(`This finding is ${f.status} already; only an open finding can be answered`);
    // Compare-and-set: of two answers sent at once, one wins and the other gets 409.
    const won = await tx.finding.updateMany({
      where: { id: findingId, status: "open" },
      data: { status: "answered", answer, answeredById: user.id, answeredAt: at },
    });
    if (won.count !== 1) throw conflict("This finding was answered meanwhile; reload to see the answer");
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
