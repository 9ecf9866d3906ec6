// The lab's part of the case: the determination of the submitted report, the results, the
// evidence, and, for the assigned lab while testing, the workbench to enter and save results.
import { getFormatter, getTranslations } from "next-intl/server";
import type { Determination as Det, Scheme } from "@/lib/grading";
import { Card } from "@/app/_components/ui/card";
import { Determination } from "./determination";
import { EvidencePanel, type EvidenceRow } from "./evidence";
import { ResultsTable } from "./results-table";
import type { EnvelopeInitial } from "./report-envelope-form";
import { ReportCompleteness } from "./report-completeness";
import type { ReportReadiness } from "@/lib/cases/report-readiness";
// Loaded only where rendered (./lab-loaders.tsx).
import { LabWorkbench, ReportEnvelopeForm } from "./lab-loaders";
import type { EnvelopeDraft } from "@/lib/grading/envelope";
import type { DisclosedModel } from "@/lib/cases/models";
import { modelRowOf } from "@/app/(portal)/_lib/model-rows";

export type ReportSummary = {
  round: number;
  level: string | null;
  profile: Record<string, string | null>;
  blockers: Det["blockers"];
  complete: boolean;
  updatedAt: string;
  submittedAt: string | null;
  results: Record<string, number>;
  /** The uncertainty U and n as saved, by item (absent: not reported). */
  extras?: Record<string, { uncertainty: number | null; n: number | null }>;
};

function envelopeInitial(e: EnvelopeDraft): EnvelopeInitial {
  return {
    reportNumber: e.reportNumber ?? "",
    serials: (e.sample?.serials ?? []).join("\n"),
    buildFingerprint: e.sample?.buildFingerprint ?? "",
    softwareVersion: e.sample?.softwareVersion ?? "",
    models: (e.sample?.models ?? []).map(modelRowOf),
    testedFrom: e.testedFrom ?? "",
    testedTo: e.testedTo ?? "",
    environment: e.environment ?? "",
    signatory: e.signatory ?? "",
  };
}

export async function LabSection(props: {
  caseId: string;
  labName: string | null;
  labLevel: string | null;
  labProfile: Record<string, string | null> | null;
  submitted: ReportSummary | null;
  inProgress: ReportSummary | null;
  mayReport: boolean;
  /** The round's draft against the door's checks (the assigned lab while testing); null otherwise. */
  readiness: ReportReadiness | null;
  appliedVersion: string;
  /** The models the case discloses (docs/domain.md#model-disclosure): the sample's must be these. */
  disclosedModels?: DisclosedModel[];
  /** The submitted report's PDF (docs/domain.md#lab-evidence); null before one is submitted. */
  reportPdf: string | null;
  scheme: Scheme;
  evidence: (Omit<EvidenceRow, "createdAt"> & { createdAt: string })[];
}) {
  const t = await getTranslations("case");
  const te = await getTranslations("labEvidence");
  const ta = await getTranslations("apply");
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
            {props.reportPdf && (
              <p className="text-sm">
                <a href={props.reportPdf} className="text-brand hover:underline" data-testid="lab-report-pdf" download>
                  {te("reportPdf.download")}
                </a>
              </p>
            )}
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
            {props.readiness && (
              <div className="grid gap-4 lg:grid-cols-2">
                <ReportEnvelopeForm
                  caseId={props.caseId}
                  appliedVersion={props.appliedVersion}
                  disclosed={(props.disclosedModels ?? []).map((m) => `${m.name} ${m.version} (${ta(`models.deployments.${m.deployment}`)})`)}
                  initial={envelopeInitial(props.readiness.envelope)}
                  formKey={inProgress?.updatedAt ?? "new"}
                />
                <ReportCompleteness scheme={props.scheme} problems={props.readiness.problems} savedItems={props.readiness.savedItems} />
              </div>
            )}
            <LabWorkbench caseId={props.caseId} scheme={props.scheme} saved={inProgress?.results ?? null} savedExtras={inProgress?.extras ?? null} />
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
