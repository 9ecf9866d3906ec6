// A lab's proficiency-testing rounds (docs/domain.md#proficiency-testing): the rounds it is invited to.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listRoundsPage, type RoundSummary } from "@/lib/proficiency/rounds";
import { DataTable } from "@/app/_components/ui/data-table";
import { Card } from "@/app/_components/ui/card";
import { RoundStatus } from "@/app/(portal)/secretariat/proficiency/_components/status";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LabProficiencyPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("proficiency:submit");
  const params = await searchParams;
  const [rounds, t, format] = await Promise.all([listRoundsPage(user, params), getTranslations("proficiency"), getFormatter()]);
  return (
    <section data-testid="pt-lab-page" className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <Card>
        <DataTable<RoundSummary>
          caption={t("list.caption")}
          rows={rounds.rows}
          rowKey={(r) => r.id}
          empty={t("list.empty")}
          testId="pt-lab-rounds"
          paging={{ page: rounds, path: "/lab/proficiency", searchParams: params }}
          columns={[
            { header: t("list.round"), sort: "title", cell: (r) => <Link href={`/lab/proficiency/${r.id}`} className="break-words text-brand hover:underline" data-testid="pt-round-link">{r.title}</Link> },
            { header: t("list.scheme"), cell: (r) => <span className="font-mono text-xs">{r.scheme.id} {r.scheme.version}</span> },
            { header: t("list.deadline"), sort: "deadline", className: "sm:whitespace-nowrap", cell: (r) => format.dateTime(new Date(r.deadline), { dateStyle: "medium" }) },
            { header: t("list.mine"), cell: (r) => (r.mine?.submittedAt ? format.dateTime(new Date(r.mine.submittedAt), { dateStyle: "medium", timeStyle: "short" }) : t("round.notSubmitted")) },
            { header: t("list.status"), cell: (r) => <RoundStatus round={r} /> },
          ]}
        />
      </Card>
    </section>
  );
}
