import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { getMinistryHome, type MinistryHome as MinistryHomeData } from "@/lib/inbox/get-ministry-home";
import { CaseLink, Counted, DataTable, DateText, DueDate, Level, RoleHome, Waiting, linkButtonClass } from "@/app/_components/role-home";
import { Card } from "@/app/_components/ui/card";
import { Badge, StateBadge, type BadgeTone } from "@/app/_components/ui/badge";

type DecisionItem = MinistryHomeData["decisions"][number];

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

export default async function MinistryHome() {
  const user = await requireRole("ministry");
  const t = await getTranslations("homes");
  const home = await getMinistryHome(user);
  return (
    <RoleHome
      user={user}
      actions={
        <Link href="/audit" className={linkButtonClass("secondary")}>
          {t("ministry.audit")}
        </Link>
      }
    >
      <Card id="ministry-decisions" testId="ministry-decisions-card" title={<Counted title={t("ministry.decisions")} count={home.decisions.length} />}>
        <DataTable
          caption={t("ministry.decisionsCaption")}
          rows={home.decisions}
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
            { header: t("waiting"), cell: (d) => <Waiting since={d.since} days={d.waitingDays} /> },
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

      <Card id="ministry-appeals" testId="ministry-appeals-card" title={<Counted title={t("ministry.appeals")} count={home.appeals.length} />}>
        <DataTable
          caption={t("ministry.appealsCaption")}
          rows={home.appeals}
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
                  {a.rejectionReason && <span>{t("ministry.rejectedFor", { reason: a.rejectionReason })}</span>}
                  {a.appealReason && <span>{t("ministry.appealedFor", { reason: a.appealReason })}</span>}
                </span>
              ),
            },
            { header: t("waiting"), cell: (a) => <Waiting since={a.since} days={a.waitingDays} /> },
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

      <Card id="ministry-certified" testId="ministry-certified-card" title={<Counted title={t("ministry.certified")} count={home.certified.length} />}>
        <DataTable
          caption={t("ministry.certifiedCaption")}
          rows={home.certified}
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
            { header: t("ministry.validUntil"), cell: (c) => <DateText at={c.validUntil} /> },
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
