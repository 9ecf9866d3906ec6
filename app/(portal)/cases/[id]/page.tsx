// The case page: every role does its part of a case here. What the viewer sees and may do comes
// from getCase (visibility, blind votes, allowed events); each action goes back through the server.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { HOME_BY_ROLE } from "@/lib/permissions";
import { getCase } from "@/lib/cases/get-case";
import { listCaseEvents } from "@/lib/cases/case-events";
import { listCorrectiveEvidence, listEvidence } from "@/lib/cases/evidence";
import { currentLabReport } from "@/lib/cases/save-lab-report";
import { reportReadiness } from "@/lib/cases/report-readiness";
import { applicationProblems } from "@/lib/cases/facts";
import { eligibleExperts, eligibleLabs } from "@/lib/cases/eligible";
import { getScheme } from "@/lib/schemes";
import { reportRound } from "@/lib/domain";
import { LifecycleDiagram } from "@/app/_components/lifecycle-diagram";
import { CaseFindings } from "@/app/_components/case-findings";
import { Card } from "@/app/_components/ui/card";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { CaseHeader } from "./_components/case-header";
import { DueProcess } from "./_components/due-process";
import { CaseActions, type ActionContext } from "./_components/case-actions";
import { ApplicationCard } from "./_components/application-card";
import { LabSection, type ReportSummary } from "./_components/lab-section";
import { PanelSection } from "./_components/panel-section";
import { CertificateBox } from "./_components/certificate-box";
import { PublishResults } from "./_components/publish-results";
import { resultsPublication } from "@/lib/pilots/publish-results";
import { Timeline } from "./_components/timeline";
import { PanelExclusions } from "./_components/panel-exclusions";
import { DecisionLetterBox } from "./_components/decision-letter-box";
import { ChangesCard } from "./_components/changes-card";
import { ProficiencyAcceptFlags } from "@/app/(portal)/secretariat/proficiency/_components/accept-flags";

type Report = NonNullable<Awaited<ReturnType<typeof currentLabReport>>>;

function summary(r: Report | null): ReportSummary | null {
  if (!r) return null;
  return {
    round: r.round,
    level: r.level,
    profile: JSON.parse(r.profile),
    blockers: JSON.parse(r.blockers),
    complete: r.complete,
    updatedAt: r.updatedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    results: Object.fromEntries(r.results.map((x) => [x.item, x.value])),
    extras: Object.fromEntries(r.results.map((x) => [x.item, { uncertainty: x.uncertainty, n: x.n }])),
  };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePermission("case:read");
  const view = await orNotFound(getCase(user, id));
  const publication = await resultsPublication(user, id);
  const t = await getTranslations("case");
  const locale = await getLocale();
  const format = await getFormatter();
  const day = (d: Date | string | number) => format.dateTime(new Date(d), { dateStyle: "long" });
  const when = (d: Date | string | number) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short" });
  const allowed = view.allowedEvents;

  const [events, evidence, scheme, labs, experts, corrective] = await Promise.all([
    listCaseEvents(user, id),
    listEvidence(user, id),
    getScheme(user, view.scheme.id, view.scheme.version),
    allowed.includes("ACCEPT") ? eligibleLabs(user, id) : Promise.resolve([]),
    allowed.includes("ASSIGN_PANEL") ? eligibleExperts(user, id) : Promise.resolve([]),
    // REINSTATE cites it; the vendor sees what it has uploaded since the suspension.
    view.state === "suspended" ? listCorrectiveEvidence(user, id) : Promise.resolve([]),
  ]);

  // getCase above has shown the case is visible to this user, so its lab reports may be read.
  // The report being filled is the one of the next round; once submitted, the latest submitted one is the case's.
  const [next, current] = await Promise.all([currentLabReport(id, reportRound(view)), currentLabReport(id, view.round)]);
  const inProgress = view.state === "testing" ? summary(next) : null;
  // The assigned lab's completeness list and envelope: the door's own checks on the saved draft.
  const readiness = allowed.includes("SUBMIT_REPORT")
    ? await reportReadiness(id, reportRound(view), { labOrgId: view.lab?.id ?? null, category: view.category, scheme: scheme.scheme, appliedVersion: view.product.softwareVersion, disclosedModels: view.product.models })
    : null;
  const submitted = summary(next?.submittedAt ? next : current?.submittedAt ? current : null);

  const problems = allowed.includes("SUBMIT")
    ? applicationProblems({
        id: view.id,
        claimedLevel: view.claimedLevel,
        application: JSON.stringify(view.application ?? {}),
        product: view.product,
        schemeVersion: { category: view.category },
      })
    : [];

  const context: ActionContext = {
    caseId: view.id,
    version: view.version,
    allowedEvents: allowed,
    labLevel: view.labLevel,
    awardedLevel: view.awardedLevel,
    recommendation: view.recommendation,
    panelSize: scheme.scheme.panelSize,
    applicationProblems: problems,
    // The window runs from the adverse decision appealed (docs/domain.md#due-process).
    appealDeadline: allowed.includes("APPEAL") && view.appealDeadline ? day(view.appealDeadline) : null,
    // The lab with its accreditation's number and body when recorded (docs/domain.md#lab-evidence).
    labs: labs.map((l) => ({
      id: l.id,
      name: `${locale.startsWith("zh") && l.nameZh ? l.nameZh : l.name}${l.accreditationNumber ? ` · ${[l.accreditationNumber, l.accreditationBody].filter(Boolean).join(" ")}` : ""}`,
      accreditedUntil: day(l.accreditedUntil),
    })),
    experts,
    report: inProgress ? { level: inProgress.level, complete: inProgress.complete, updatedAt: when(inProgress.updatedAt) } : null,
    corrective: corrective.map((e) => ({ id: e.id, name: e.originalName, size: e.size, createdAt: when(e.createdAt) })),
    mayUploadCorrective: view.state === "suspended" && user.role === "vendor",
  };

  const canEditApplication = allowed.includes("SUBMIT");
  const labMayReport = allowed.includes("SUBMIT_REPORT");

  return (
    <article className="space-y-6" data-testid="case-page" data-case-id={view.id} data-version={view.version} data-state={view.state}>
      <nav className="text-sm">
        <Link href={HOME_BY_ROLE[user.role]} className="text-brand hover:underline">
          ← {t("backHome")}
        </Link>
      </nav>
      <CaseHeader view={view} />

      {view.state === "draft" && view.returnReasons.length > 0 && (
        <Card title={t("returned.title")} testId="return-reasons" className="border-amber-300 bg-amber-50">
          <p className="text-sm text-amber-900">{t("returned.intro")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-sm text-amber-950">
            {view.returnReasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </Card>
      )}

      {(view.certificate || view.certificateBeingIssued) && (
        <CertificateBox certificate={view.certificate} beingIssued={view.certificateBeingIssued} validUntil={view.validUntil ? day(view.validUntil) : null} />
      )}

      {publication && <PublishResults caseId={view.id} publishable={publication.publishable} publishedAt={publication.publishedAt} />}

      <DueProcess view={view} />

      <DecisionLetterBox caseId={view.id} user={user} />

      <ChangesCard user={user} caseId={view.id} caseState={view.state} softwareVersion={view.product.softwareVersion} scheme={scheme.scheme} />

      <div className="grid gap-6 lg:grid-cols-5">
        <Card title={t("actions.title")} className="lg:col-span-3" testId="case-actions">
          {allowed.includes("ACCEPT") && <ProficiencyAcceptFlags user={user} labs={labs} />}
          <CaseActions context={context} />
        </Card>
        <div className="lg:col-span-2">
          <Timeline events={events} labName={view.lab?.name ?? null} />
        </div>
      </div>

      {allowed.includes("ASSIGN_PANEL") && <PanelExclusions experts={experts} />}

      {canEditApplication && <ApplicationCard view={view} editable />}

      <LabSection
        caseId={view.id}
        labName={view.lab?.name ?? null}
        labLevel={view.labLevel}
        labProfile={view.labProfile}
        submitted={submitted}
        inProgress={inProgress}
        mayReport={labMayReport}
        readiness={readiness}
        appliedVersion={view.product.softwareVersion}
        disclosedModels={view.product.models}
        reportPdf={submitted?.submittedAt ? `/api/v1/cases/${encodeURIComponent(view.id)}/lab-report/pdf` : null}
        scheme={scheme.scheme}
        evidence={evidence.map((e) => ({ id: e.id, name: e.originalName, size: e.size, sha256: e.sha256, mime: e.mime, createdAt: e.createdAt.toISOString() }))}
      />

      <PanelSection view={view} />

      <CaseFindings caseId={view.id} user={user} />

      {!canEditApplication && <ApplicationCard view={view} editable={false} />}

      <Card title={t("diagram.heading")}>
        <LifecycleDiagram state={view.state} allowedEvents={allowed} />
      </Card>
    </article>
  );
}
