import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { getExpertHome, type ExpertHome as ExpertHomeData } from "@/lib/inbox/get-expert-home";
import { CaseLink, CategoryName, Counted, DataTable, DateText, DueDate, Level, RoleHome, linkButtonClass } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { Badge, StateBadge } from "@/app/_components/ui/badge";

type Seat = ExpertHomeData["due"]["rows"][number];
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function OwnVote({ s }: { s: Seat }) {
  const t = await getTranslations("homes.expert");
  if (!s.vote) return <span className="text-slate-700">{t("noVote")}</span>;
  return (
    <span className="flex flex-col" data-testid="own-vote">
      <span className="font-medium">
        {t(`verdicts.${s.vote.verdict}`)}
        {s.vote.level ? ` · ${s.vote.level}` : ""}
      </span>
      <span className="text-xs text-slate-600">
        <DateText at={s.vote.at} withTime />
      </span>
    </span>
  );
}

export default async function ExpertHome({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole("expert");
  const t = await getTranslations("homes");
  const params = await searchParams;
  const home = await getExpertHome(user, new Date(), params);
  const paging = (list: "due" | "done" | "recused") => ({ page: home[list], path: "/expert", searchParams: params, prefix: list });
  const product = { header: t("product"), sort: "product", cell: (s: Seat) => <CaseLink id={s.caseId} product={s.product} /> };
  const category = { header: t("scheme"), cell: (s: Seat) => <CategoryName category={s.category} /> };
  const round = { header: t("expert.round"), cell: (s: Seat) => s.round };
  return (
    <RoleHome user={user} actions={<Link href="/expert/conflicts" className={linkButtonClass("secondary")} data-testid="expert-conflicts-link">{(await getTranslations("conflicts"))("link")}</Link>}>
      <Card id="expert-due" testId="expert-due-card" title={<Counted title={t("expert.due")} count={home.due.total} />}>
        <DataTable
          caption={t("expert.dueCaption")}
          rows={home.due.rows}
          paging={paging("due")}
          rowKey={(s) => `${s.caseId}-${s.round}`}
          empty={t("expert.dueEmpty")}
          testId="expert-due"
          columns={[
            product,
            category,
            { header: t("labLevel"), cell: (s) => <Level level={s.labLevel} /> },
            round,
            { header: t("expert.assigned"), sort: "assigned", cell: (s) => <DateText at={s.assignedAt} /> },
            { header: t("due"), cell: (s) => <DueDate dueAt={s.dueAt} overdue={s.overdue} /> },
            {
              header: <span className="sr-only">{t("actions")}</span>,
              cell: (s) => (
                <Link href={`/cases/${s.caseId}`} className={linkButtonClass("primary")} aria-label={t("expert.voteOn", { product: s.product.name })}>
                  {t("expert.vote")}
                </Link>
              ),
            },
          ]}
        />
      </Card>
      <Card id="expert-done" testId="expert-done-card" title={<Counted title={t("expert.done")} count={home.done.total} />}>
        <DataTable
          caption={t("expert.doneCaption")}
          rows={home.done.rows}
          paging={paging("done")}
          rowKey={(s) => `${s.caseId}-${s.round}`}
          empty={t("expert.doneEmpty")}
          testId="expert-done"
          columns={[
            product,
            category,
            round,
            { header: t("expert.yourVote"), cell: (s) => <OwnVote s={s} /> },
            {
              header: t("expert.panel"),
              cell: (s) =>
                s.panelOpen ? <Badge tone="progress">{t("expert.panelOpen")}</Badge> : <Badge tone="neutral">{t("expert.panelClosed")}</Badge>,
            },
            { header: t("expert.caseNow"), cell: (s) => <StateBadge state={s.state} /> },
          ]}
        />
      </Card>
      <Card id="expert-recused" testId="expert-recused-card" title={<Counted title={t("expert.recused")} count={home.recused.total} />}>
        <DataTable
          caption={t("expert.recusedCaption")}
          rows={home.recused.rows}
          paging={paging("recused")}
          rowKey={(s) => `${s.caseId}-${s.round}`}
          empty={t("expert.recusedEmpty")}
          testId="expert-recused"
          columns={[product, category, round, { header: t("expert.recuseReason"), cell: (s) => s.recuseReason ?? "—" }]}
        />
      </Card>
    </RoleHome>
  );
}
