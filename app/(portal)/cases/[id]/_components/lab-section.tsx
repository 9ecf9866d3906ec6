// The lab's part of the case: the determination of the submitted report, the results, the
// evidence, and, for the assigned lab while testing, the workbench to enter and save results.
import { getFormatter, getTranslations } from "next-intl/server";
import type { Determination as Det, Scheme } from "@/lib/grading";
import { Card } from "@/app/_components/ui/card";
import { Determination } from "./determination";
import { LabWorkbench } from "./lab-workbench";
import { EvidencePanel, type EvidenceRow } from "./evidence";
import { ResultsTable } from "./results-table";

export type ReportSummary = {
  round: number;
  level: string | null;
  profile: Record<string, string | null>;
  blockers: Det["blockers"];
  complete: boolean;
  updatedAt: string;
  submittedAt: string | null;
  results: Record<string, number>;
};

export async function LabSection(props: {
  caseId: string;
  labName: string | null;
  labLevel: string | null;
  labProfile: Record<string, string | null> | null;
  submitted: ReportSummary | null;
  inProgress: ReportSummary | null;
  mayReport: boolean;
  scheme: Scheme;
  evidence: (Omit<EvidenceRow, "createdAt"> & { createdAt: string })[];
}) {
  const t = await getTranslations("case");
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const { submitted, inProgress } = props;
  return (
    <Card title={props.labName ? t("lab.titleWith", { lab: props.labName }) : t("lab.title")} testId="lab-section">
      <div className="space-y-5">
        {!props.labName && <p className="text-sm text-slate-600">{t("lab.noLab")}</p>}

        {props.labLevel && (
          <section aria-labelledby="lab-determination-title" className="space-y-2">
            <h3 id="lab-determination-title" className="font-medium">
              {t("lab.determination")}
              {submitted?.submittedAt && <span className="ml-2 text-xs font-normal text-slate-500">{t("lab.submittedAt", { date: when(submitted.submittedAt) })}</span>}
            </h3>
            <Determination scheme={props.scheme} level={props.labLevel} profile={props.labProfile} blockers={submitted?.blockers ?? null} testId="lab-determination" />
            {submitted && <ResultsTable scheme={props.scheme} results={submitted.results} />}
          </section>
        )}

        {props.mayReport && (
          <section aria-labelledby="lab-workbench-title" className="space-y-2">
            <h3 id="lab-workbench-title" className="font-medium">{t("lab.workbench")}</h3>
            {inProgress && (
              <p className="text-sm text-slate-600" data-testid="saved-report">
                {t("lab.savedStatus", { date: when(inProgress.updatedAt), level: inProgress.level ?? "—" })}
              </p>
            )}
            <LabWorkbench caseId={props.caseId} scheme={props.scheme} saved={inProgress?.results ?? null} />
          </section>
        )}

        {(props.labName || props.evidence.length > 0) && (
          <EvidencePanel
            caseId={props.caseId}
            mayUpload={props.mayReport}
            evidence={props.evidence.map((e) => ({ ...e, createdAt: when(e.createdAt) }))}
          />
        )}
      </div>
    </Card>
  );
}
