import { registerJobHandler } from "@/lib/outbox/worker";
import { ISSUE_CERTIFICATE } from "./issue-job";
import { issueCertificate } from "./issue-certificate";

export function registerCertificateJobs() {
  registerJobHandler(ISSUE_CERTIFICATE, async (payload) => {
    const { caseId, awardSeq } = payload as { caseId: string; awardSeq: number };
    await issueCertificate(caseId, awardSeq);
  });
}
