// The outbox job that issues a decision letter after a DENY commits (docs/domain.md#decision-letters).
import "server-only";
import type { Tx } from "@/lib/db";

export const ISSUE_DECISION_LETTER = "issue-decision-letter";

/** Enqueued in the DENY's transaction; the dedupe key makes a second enqueue for one decision impossible. */
export async function enqueueDecisionLetter(tx: Tx, caseId: string, decisionSeq: number) {
  await tx.outboxJob.create({
    data: { kind: ISSUE_DECISION_LETTER, dedupeKey: `${ISSUE_DECISION_LETTER}:${decisionSeq}`, payload: JSON.stringify({ caseId, decisionSeq }) },
  });
}
