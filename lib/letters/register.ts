import { registerJobHandler } from "@/lib/outbox/worker";
import { ISSUE_DECISION_LETTER } from "./job";
import { issueDecisionLetter } from "./issue-letter";

export function registerLetterJobs() {
  registerJobHandler(ISSUE_DECISION_LETTER, async (payload) => {
    const { caseId, decisionSeq } = payload as { caseId: string; decisionSeq: number };
    await issueDecisionLetter(caseId, decisionSeq);
  });
}
