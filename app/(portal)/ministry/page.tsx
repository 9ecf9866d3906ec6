import Link from "next/link";
import { ChangeQueueCard } from "../changes/_components/queue-card";
import { PilotApprovals } from "./pilot-approvals";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { getMinistryHome, type MinistryHome as MinistryHomeData } from "@/lib/inbox/get-ministry-home";
import { CaseLink, Counted, DataTable, DateText, DueDate, Level, RoleHome, Waiting, linkButtonClass } from "@/app/_components/role-home";
import type { TablePaging } from "@/app/_components/ui/data-table";
import { Card } from "@/app/_components/ui/card";
import { Badge, StateBadge, type BadgeTone } from "@/app/_components/ui/badge";

type DecisionItem = MinistryHomeData["decisions"]["rows"][number];
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const VERDICT_TONES: Record<string, BadgeTone> = { approve: "success", reject: "danger", retest: "warning" };
const CERT_TONES: Record<string, BadgeTone> = { valid: "success", suspended: "warning", revoked: "danger", expired: "neutral" };

async function RecommendationSummary({ d }: { d: DecisionItem }) {
  const t = await getTranslations("homes.ministry");
  const r = d.recommendation;
  if (!r) return <span className="text-slate-700">{t("noRecommendation")}</span>;
  return (
    <span className="flex flex-col gap-1" data-testid="recommendation">
      <span>
        <Badge tone={VERDICT_TONES[r.verdict] ?? "neutral"}>
          {t(`verdicts.${r.verdict}`)}
          {r.level ? ` · ${r.level}` : ""}
        </Badge>
      </span>
      <span className="text-xs text-slate-700">{t("votes", { approve: r.approve, reject: r.reject, retest: r.retest })}</span>
    </span>
  );
}

/** The ministry's three due-process tasks, each a count linking to its list below. */
async function TaskSummary({ tasks }: { tasks: MinistryHomeData["tasks"] }) {
  const t = await getTranslations("homes.ministry");
  const format = await getFormatter();
  const items = [
    { key: "overdueSuspensions", label: t("taskOverdue"), count: tasks.overdueSuspensions, href: "#ministry-overdue", urgent: true },
    { key: "appeals", label: t("taskAppeals"), count: tasks.appeals, href: "#ministry-appeals", urgent: false },
    { key: "recommendedSuspensions", label: t("taskComplaints"), count: tasks.recommendedSuspensions, href: "#ministry-complaints", urgent: false },
  ];
  return (
    <ul className="grid gap-2 sm:grid-cols-3" aria-label={t("tasks")}>
      {items.map((i) => (
        <li key={i.key}>
          <a
            href={i.href}
            data-testid="ministry-task"
            data-task={i.key}
            data-count={i.count}
            className={`flex items-center justify-between gap-3 rounded border px-3 py-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand ${
              i.count && i.urgent ? "border-red-300 bg-red-50" : i.count ? "border-slate-300 bg-white" : "border-slate-200 bg-slate-50"
            }`}
          >
            <span className="text-sm">{i.label}</span>
            <span className="text-lg font-semibold tabular-nums">{format.number(i.count)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export default async function MinistryHome({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole("ministry");
  const t = await getTranslations("homes");
  const params = await searchParams;
  const home = await getMinistryHome(user, new Date(), params);
  const paging = (page: TablePaging["page"], prefix: string): TablePaging => ({ page, path: "/ministry", searchParams: params, prefix });
  return (
    <RoleHome
      user={user}
      actions={
        <Link href="/audit" className={linkButtonClass("secondary")}>
          {t("ministry.audit")}
        </Link>
      }
    >
      <Card id="ministry-tasks" testId="ministry-tasks" title={t("ministry.tasks")}>
        <p className="mb-3 text-sm text-slate-600">{t("ministry.tasksIntro")}</p>
        <TaskSummary tasks={home.tasks} />
      </Card>

      <ChangeQueueCard user={user} path="/ministry" searchParams={params} />

      <PilotApprovals user={user} />

      <Card id="ministry-overdue" testId="ministry-overdue-card" title={<Counted title={t("ministry.overdue")} count={home.overdueSuspensions.total} />}>
        <DataTable
          caption={t("ministry.overdueCaption")}
          rows={home.overdueSuspensions.rows}
          paging={paging(home.overdueSuspensions, "overdue")}
          rowKey={(o) => o.caseId}
          empty={t("ministry.overdueEmpty")}
          testId="ministry-overdue"
          columns={[
            { header: t("product"), sort: "product", cell: (o) => <CaseLink id={o.caseId} product={o.product} /> },
            { header: t("vendorName"), cell: (o) => o.vendor.name },
            {
              header: t("ministry.correctBy"),
              sort: "correctBy",
              cell: (o) => (
                <span className="flex flex-col gap-1">
                  <DateText at={o.correctBy} />
                  <span data-testid="days-overdue" data-days={o.daysOverdue}>
                    <Badge tone="danger">{t("ministry.daysOverdue", { days: o.daysOverdue })}</Badge>
                  </span>
                </span>
              ),
            },
            { header: t("ministry.grounds"), cell: (o) => (o.reason ? <span className="text-xs">{t("ministry.suspendedFor", { reason: o.reason })}</span> : "—") },
            {
              header: <span className="sr-only">{t("actions")}</span>,
              cell: (o) => (
                <Link href={`/cases/${o.caseId}`} className={linkButtonClass("primary")} aria-label={t("ministry.reviewOn", { product: o.product.name })}>
                  {t("ministry.review")}
                </Link>
              ),
            },
          ]}
        />
      </Card>

      <Card id="ministry-appeals" testId="ministry-appeals-card" title={<Counted title={t("ministry.appeals")} count={home.appeals.total} />}>
        <DataTable
          caption={t("ministry.appealsCaption")}
          rows={home.appeals.rows}
          paging={paging(home.appeals, "appeals")}
          rowKey={(a) => a.caseId}
          empty={t("ministry.appealsEmpty")}
          testId="ministry-appeals"
          columns={[
            { header: t("product"), cell: (a) => <CaseLink id={a.caseId} product={a.product} /> },
            { header: t("vendorName"), cell: (a) => a.vendor.name },
            {
              header: t("ministry.grounds"),
              cell: (a) => (
                <span className="flex flex-col gap-1 text-xs">
                  {a.appealKind && <span className="font-medium">{t("ministry.appealOf", { kind: t(`ministry.appealKinds.${a.appealKind}`) })}</span>}
                  {a.rejectionReason && <span>{t("ministry.rejectedFor", { reason: a.rejectionReason })}</span>}
                  {a.appealReason && <span>{t("ministry.appealedFor", { reason: a.appealReason })}</span>}
                </span>
              ),
            },
            { header: t("waiting"), sort: "since", cell: (a) => <Waiting since={a.since} days={a.waitingDays} /> },
            {
              header: t("ministry.whoDecides"),
              cell: (a) =>
                a.mayDecide ? (
                  <Link href={`/cases/${a.caseId}`} className={linkButtonClass("primary")} aria-label={t("ministry.decideAppealOn", { product: a.product.name })}>
                    {t("ministry.decideAppeal")}
                  </Link>
                ) : (
                  <span className="text-xs text-slate-700" data-testid="appeal-not-yours">
                    {t("ministry.deniedByYou")}
                  </span>
                ),
            },
          ]}
        />
      </Card>

      <Card id="ministry-complaints" testId="ministry-complaints-card" title={<Counted title={t("ministry.complaints")} count={home.recommendedSuspensions.total} />}>
        <DataTable
          caption={t("ministry.complaintsCaption")}
          rows={home.recommendedSuspensions.rows}
          paging={paging(home.recommendedSuspensions, "complaints")}
          rowKey={(c) => c.complaintId}
          empty={t("ministry.complaintsEmpty")}
          testId="ministry-complaints"
          columns={[
            {
              header: t("ministry.complaint"),
              cell: (c) => (
                <span className="flex flex-col">
                  <span className="font-mono text-xs">{c.reference}</span>
                  <span className="font-medium">{c.subject}</span>
                  {c.summary && <span className="text-xs text-slate-700">{c.summary}</span>}
                </span>
              ),
            },
            { header: t("product"), cell: (c) => <CaseLink id={c.case.caseId} product={c.case.product} /> },
            { header: t("vendorName"), cell: (c) => c.case.vendor.name },
            { header: t("ministry.received"), sort: "received", cell: (c) => <DateText at={c.receivedAt} /> },
            { header: t("ministry.closed"), sort: "closed", cell: (c) => <DateText at={c.closedAt} /> },
            {
              header: <span className="sr-only">{t("actions")}</span>,
              cell: (c) => (
                <Link href={`/cases/${c.case.caseId}`} className={linkButtonClass("primary")} aria-label={t("ministry.reviewOn", { product: c.case.product.name })}>
                  {t("ministry.review")}
                </Link>
              ),
            },
          ]}
        />
      </Card>

      <Card id="ministry-decisions" testId="ministry-decisions-card" title={<Counted title={t("ministry.decisions")} count={home.decisions.total} />}>
        <DataTable
          caption={t("ministry.decisionsCaption")}
          rows={home.decisions.rows}
          paging={paging(home.decisions, "decisions")}
          rowKey={(d) => d.caseId}
          empty={t("ministry.decisionsEmpty")}
          testId="ministry-decisions"
          columns={[
            { header: t("product"), cell: (d) => <CaseLink id={d.caseId} product={d.product} /> },
            { header: t("vendorName"), cell: (d) => d.vendor.name },
            { header: t("ministry.recommendation"), cell: (d) => <RecommendationSummary d={d} /> },
            {
              header: t("levels"),
              cell: (d) => (
                <span className="flex flex-col text-xs">
                  <span>
                    {t("levelLine", { label: t("labLevel"), level: d.labLevel ?? "—" })}
                  </span>
                  <span>
                    {t("levelLine", { label: t("claimedLevel"), level: d.claimedLevel ?? "—" })}
                  </span>
                </span>
              ),
            },
            { header: t("waiting"), sort: "since", cell: (d) => <Waiting since={d.since} days={d.waitingDays} /> },
            { header: t("due"), cell: (d) => <DueDate dueAt={d.dueAt} overdue={d.overdue} /> },
            {
              header: <span className="sr-only">{t("actions")}</span>,
              cell: (d) =>
                d.mayDecide ? (
                  <Link href={`/cases/${d.caseId}`} className={linkButtonClass("primary")} aria-label={t("ministry.decideOn", { product: d.product.name })}>
                    {t("ministry.decide")}
                  </Link>
                ) : (
                  <span className="text-xs text-slate-700">{t("ministry.notYours")}</span>
                ),
            },
          ]}
        />
      </Card>

      <Card id="ministry-certified" testId="ministry-certified-card" title={<Counted title={t("ministry.certified")} count={home.certified.total} />}>
        <DataTable
          caption={t("ministry.certifiedCaption")}
          rows={home.certified.rows}
          paging={paging(home.certified, "certified")}
          rowKey={(c) => c.caseId}
          empty={t("ministry.certifiedEmpty")}
          testId="ministry-certified"
          columns={[
            { header: t("product"), cell: (c) => <CaseLink id={c.caseId} product={c.product} /> },
            { header: t("vendorName"), cell: (c) => c.vendor.name },
            { header: t("awardedLevel"), cell: (c) => <Level level={c.awardedLevel} /> },
            {
              header: t("ministry.certificate"),
              cell: (c) =>
                c.certificate ? (
                  <span className="flex flex-wrap items-center gap-2">
                    <Link href={`/verify/${c.certificate.publicId}`} className="font-mono text-brand underline">
                      {c.certificate.number}
                    </Link>
                    <Badge tone={CERT_TONES[c.certificate.status] ?? "neutral"}>{t(`certStatus.${c.certificate.status}`)}</Badge>
                  </span>
                ) : (
                  <span className="text-slate-700">{t("ministry.beingIssued")}</span>
                ),
            },
            { header: t("ministry.validUntil"), sort: "validUntil", cell: (c) => <DateText at={c.validUntil} /> },
            { header: t("state"), cell: (c) => <StateBadge state={c.state} /> },
          ]}
        />
      </Card>

      <Card id="ministry-recent" testId="ministry-recent-card" title={t("ministry.recent")}>
        <DataTable
          caption={t("ministry.recentCaption")}
          rows={home.recentDecisions}
          rowKey={(d) => `${d.caseId}-${d.type}-${d.at.toISOString()}`}
          empty={t("ministry.recentEmpty")}
          testId="ministry-recent"
          columns={[
            { header: t("ministry.when"), cell: (d) => <DateText at={d.at} withTime /> },
            { header: t("product"), cell: (d) => <CaseLink id={d.caseId} product={d.product} /> },
            {
              header: t("ministry.decision"),
              cell: (d) => (
                <span className="flex flex-col">
                  <span className="font-medium">
                    {t(`ministry.decisionTypes.${d.type}`)}
                    {d.level ? ` · ${d.level}` : ""}
                  </span>
                  {d.reason && <span className="text-xs text-slate-700">{d.reason}</span>}
                </span>
              ),
            },
            { header: t("ministry.decidedBy"), cell: (d) => d.decidedBy ?? t("ministry.system") },
          ]}
        />
      </Card>
    </RoleHome>
  );
}
