import { getTranslations } from "next-intl/server";
import { ChangeQueueCard } from "../changes/_components/queue-card";
import { ProficiencyQueueCard } from "./proficiency/queue-card";
import { AccreditationsCard } from "./accreditations-card";
import { requireRole } from "@/lib/auth/page-guards";
import { getLabHome, type LabHome as LabHomeData } from "@/lib/inbox/get-lab-home";
import { CaseLink, CategoryName, Counted, DataTable, DateText, DueDate, Level, RoleHome, Waiting } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { Badge, StateBadge } from "@/app/_components/ui/badge";

type QueueItem = LabHomeData["queue"]["rows"][number];
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function ReportProgress({ q }: { q: QueueItem }) {
  const t = await getTranslations("homes.lab");
  return (
    <span className="flex flex-col gap-1" data-testid="report-progress">
      {q.retest && (
        <span>
          <Badge tone="warning">{t("retest")}</Badge>
        </span>
      )}
      {!q.report ? (
        <span className="text-slate-700">{t("report.none")}</span>
      ) : q.report.complete ? (
        <span className="font-medium text-slate-900">{t("report.complete", { level: q.report.level ?? "—" })}</span>
      ) : (
        <span className="text-slate-700">{t("report.saved")}</span>
      )}
      {q.report && (
        <span className="text-xs text-slate-600">
          {t("report.savedAt")} <DateText at={q.report.savedAt} withTime />
        </span>
      )}
    </span>
  );
}

export default async function LabHome({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole("lab");
  const t = await getTranslations("homes");
  const params = await searchParams;
  const home = await getLabHome(user, new Date(), params);
  return (
    <RoleHome user={user}>
      <ChangeQueueCard user={user} path="/lab" searchParams={params} />
      <ProficiencyQueueCard user={user} />
      <AccreditationsCard user={user} />
      <Card id="lab-queue" testId="lab-queue-card" title={<Counted title={t("lab.queue")} count={home.queue.total} />}>
        <DataTable
          caption={t("lab.queueCaption")}
          rows={home.queue.rows}
          paging={{ page: home.queue, path: "/lab", searchParams: params, prefix: "queue" }}
          rowKey={(q) => q.caseId}
          empty={t("lab.queueEmpty")}
          testId="lab-queue"
          columns={[
            { header: t("product"), cell: (q) => <CaseLink id={q.caseId} product={q.product} /> },
            { header: t("vendorName"), cell: (q) => q.vendor.name },
            {
              header: t("scheme"),
              cell: (q) => (
                <span className="flex flex-col">
                  <CategoryName category={q.category} />
                  <span className="text-xs text-slate-600">
                    {q.scheme.id} {q.scheme.version}
                  </span>
                </span>
              ),
            },
            { header: t("claimedLevel"), sort: "claimedLevel", cell: (q) => <Level level={q.claimedLevel} /> },
            { header: t("lab.inTesting"), sort: "since", cell: (q) => <Waiting since={q.since} days={q.waitingDays} /> },
            { header: t("due"), cell: (q) => <DueDate dueAt={q.dueAt} overdue={q.overdue} /> },
            { header: t("lab.reportColumn"), cell: (q) => <ReportProgress q={q} /> },
          ]}
        />
      </Card>
      <Card id="lab-submitted" testId="lab-submitted-card" title={<Counted title={t("lab.submitted")} count={home.submitted.length} />}>
        <DataTable
          caption={t("lab.submittedCaption")}
          rows={home.submitted}
          rowKey={(s) => `${s.caseId}-${s.round}`}
          empty={t("lab.submittedEmpty")}
          testId="lab-submitted"
          columns={[
            { header: t("product"), cell: (s) => <CaseLink id={s.caseId} product={s.product} /> },
            { header: t("vendorName"), cell: (s) => s.vendor.name },
            { header: t("lab.reportLevel"), cell: (s) => <Level level={s.reportLevel} /> },
            { header: t("lab.submittedAt"), cell: (s) => <DateText at={s.submittedAt} withTime /> },
            { header: t("lab.caseNow"), cell: (s) => <StateBadge state={s.state} /> },
          ]}
        />
      </Card>
    </RoleHome>
  );
}
