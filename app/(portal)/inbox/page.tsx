import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { getInbox, type Inbox } from "@/lib/inbox/get-inbox";
import { UPDATE_DAYS } from "@/lib/inbox/list-updates";
import { listSchemeTasks } from "@/lib/inbox/scheme-tasks";
import { SchemeTasks } from "./_components/scheme-tasks";
import { CaseLink, Counted, DataTable, DateText, DueDate, linkButtonClass } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { StateBadge, stateKey } from "@/app/_components/ui/badge";

type Update = Inbox["updates"][number];

async function UpdateText({ u }: { u: Update }) {
  const t = await getTranslations("inbox");
  const states = await getTranslations("case.states");
  return (
    <span className="flex flex-col">
      <span className="font-medium" data-testid="update-type" data-type={u.type}>
        {t(`updateTypes.${u.type}`)}
        {u.level ? ` · ${u.level}` : ""}
        {u.certificateNumber ? ` · ${u.certificateNumber}` : ""}
      </span>
      {u.to && <span className="text-xs text-slate-700">{t("nowIn", { state: states(stateKey(u.to)) })}</span>}
      {u.reason && <span className="text-xs text-slate-700">{t("reason", { reason: u.reason })}</span>}
    </span>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("case:list");
  const t = await getTranslations("inbox");
  const h = await getTranslations("homes");
  const params = await searchParams;
  const now = new Date();
  const [{ tasks, updates }, schemeTasks] = await Promise.all([getInbox(user, now, params), listSchemeTasks(user, now)]);
  return (
    <section aria-labelledby="inbox-title" data-testid="inbox">
      <h1 id="inbox-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      <div className="mt-6 space-y-6">
        <Card id="inbox-tasks" testId="inbox-tasks-card" title={<Counted title={t("tasks")} count={tasks.total} />}>
          <DataTable
            caption={t("tasksCaption")}
            rows={tasks.rows}
            paging={{ page: tasks, path: "/inbox", searchParams: params, prefix: "tasks" }}
            rowKey={(x) => x.caseId}
            empty={t("tasksEmpty")}
            testId="inbox-tasks"
            columns={[
              {
                header: t("task"),
                cell: (x) => (
                  <span className="font-medium" data-testid="task-kind" data-kind={x.kind}>
                    {t(`kinds.${x.kind}`)}
                  </span>
                ),
              },
              { header: h("product"), sort: "product", cell: (x) => <CaseLink id={x.caseId} product={x.product} /> },
              { header: h("vendorName"), cell: (x) => x.vendor },
              { header: h("state"), cell: (x) => <StateBadge state={x.state} /> },
              { header: t("since"), sort: "since", cell: (x) => <DateText at={x.since} /> },
              { header: h("due"), sort: "due", cell: (x) => <DueDate dueAt={x.dueAt} overdue={x.overdue} /> },
              {
                header: <span className="sr-only">{h("actions")}</span>,
                cell: (x) => (
                  <Link href={`/cases/${x.caseId}`} className={linkButtonClass("secondary")} aria-label={t("openTask", { task: t(`kinds.${x.kind}`), product: x.product.name })}>
                    {t("open")}
                  </Link>
                ),
              },
            ]}
          />
        </Card>
        <SchemeTasks tasks={schemeTasks} />
        <Card id="inbox-updates" testId="inbox-updates-card" title={t("updates")}>
          <DataTable
            caption={t("updatesCaption", { days: UPDATE_DAYS })}
            rows={updates}
            rowKey={(u) => String(u.seq)}
            empty={t("updatesEmpty", { days: UPDATE_DAYS })}
            testId="inbox-updates"
            columns={[
              { header: t("when"), cell: (u) => <DateText at={u.at} withTime /> },
              { header: h("product"), cell: (u) => <CaseLink id={u.caseId} product={u.product} /> },
              { header: t("what"), cell: (u) => <UpdateText u={u} /> },
            ]}
          />
        </Card>
      </div>
    </section>
  );
}
