// What the round's lab report still lacks before SUBMIT_REPORT (docs/domain.md#lab-evidence): the
// same envelope, version, model and scope checks the door applies (lib/cases/facts.ts), for the workbench's
// completeness list. The caller has shown the case is visible to the reader.
import "server-only";
import { db } from "@/lib/db";
import { outOfScope } from "@/lib/admin/accreditations";
import { envelopeProblems, storedEnvelope, type EnvelopeDraft, type EnvelopeProblem, type SampleModel } from "@/lib/grading/envelope";
import type { Scheme } from "@/lib/grading";
import { currentLabReport } from "./save-lab-report";

export type ReportReadiness = { envelope: EnvelopeDraft; problems: EnvelopeProblem[]; savedItems: string[] };

export async function reportReadiness(
  caseId: string,
  round: number,
  c: { labOrgId: string | null; category: string; scheme: Scheme; appliedVersion: string; disclosedModels?: readonly SampleModel[] },
  at = new Date(),
): Promise<ReportReadiness> {
  const report = await currentLabReport(caseId, round);
  const envelope: EnvelopeDraft = report ? storedEnvelope(report) : {};
  const problems = envelopeProblems(envelope, { appliedVersion: c.appliedVersion, today: at.toISOString().slice(0, 10), disclosedModels: c.disclosedModels });
  if (c.labOrgId) {
    for (const o of await outOfScope(db(), c.labOrgId, c.category, c.scheme, at)) {
      problems.push({ field: `results.${o.item}`, reason: "LAB_SCOPE_EXCLUDES_ITEM", params: { item: o.item, testSet: o.testSet ?? o.item } });
    }
  }
  return { envelope, problems, savedItems: report?.complete ? report.results.map((r) => r.item) : [] };
}
