import "server-only";
import type { Tx } from "@/lib/db";

export const ISSUE_CERTIFICATE = "issue-certificate";

/** Enqueued in the AWARD transaction; the dedupe key makes a second enqueue for one award impossible. */
export async function enqueueIssueCertificate(tx: Tx, caseId: string, awardSeq: number) {
  await tx.outboxJob.create({
    data: { kind: ISSUE_CERTIFICATE, dedupeKey: `${ISSUE_CERTIFICATE}:${awardSeq}`, payload: JSON.stringify({ caseId, awardSeq }) },
  });
}
