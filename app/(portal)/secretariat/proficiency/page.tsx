// Proficiency testing (docs/domain.md#proficiency-testing) for the secretariat (rounds and a new
// round) and the ministry (reading).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { can } from "@/lib/permissions";
import { listRoundsPage, PT_BOUNDS, roundChoices, type RoundSummary } from "@/lib/proficiency/rounds";
import { DataTable } from "@/app/_components/ui/data-table";
import { Card } from "@/app/_components/ui/card";
import { RoundForm } from "./_components/round-form";
import { RoundStatus } from "./_components/status";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProficiencyPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole("secretariat", "ministry");
  const manage = can(user, "proficiency:manage");
  const params = await searchParams;
  const [rounds, choices, t, format] = await Promise.all([listRoundsPage(user, params), manage ? roundChoices(user) : Promise.resolve([]), getTranslations("proficiency"), getFormatter()]);
  return (
    <section data-testid="pt-page" className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <Card>
        <DataTable<RoundSummary>
          caption={t("list.caption")}
          rows={rounds.rows}
          rowKey={(r) => r.id}
          empty={t("list.empty")}
          testId="pt-rounds"
          paging={{ page: rounds, path: "/secretariat/proficiency", searchParams: params }}
          columns={[
            { header: t("list.round"), sort: "title", cell: (r) => <Link href={`/secretariat/proficiency/${r.id}`} className="break-words text-brand hover:underline" data-testid="pt-round-link">{r.title}</Link> },
            { header: t("list.scheme"), cell: (r) => <span className="font-mono text-xs">{r.scheme.id} {r.scheme.version}</span> },
            { header: t("list.items"), cell: (r) => r.itemCount },
            { header: t("list.deadline"), sort: "deadline", className: "sm:whitespace-nowrap", cell: (r) => format.dateTime(new Date(r.deadline), { dateStyle: "medium" }) },
            { header: t("list.submitted"), cell: (r) => t("list.submittedOf", { submitted: r.submitted, invited: r.invited }) },
            { header: t("list.status"), cell: (r) => <RoundStatus round={r} /> },
          ]}
        />
      </Card>
      {manage && (
        <Card title={t("form.title")} testId="pt-new-round">
          <RoundForm choices={choices} bounds={PT_BOUNDS} />
        </Card>
      )}
    </section>
  );
}
