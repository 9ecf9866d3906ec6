// A lab's proficiency-testing rounds (docs/domain.md#proficiency-testing): the rounds it is invited to.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listRounds, type RoundSummary } from "@/lib/proficiency/rounds";
import { DataTable } from "@/app/_components/ui/data-table";
import { Card } from "@/app/_components/ui/card";
import { RoundStatus } from "@/app/(portal)/secretariat/proficiency/_components/status";

export default async function LabProficiencyPage() {
  const user = await requirePermission("proficiency:submit");
  const [rounds, t, format] = await Promise.all([listRounds(user), getTranslations("proficiency"), getFormatter()]);
  return (
    <section data-testid="pt-lab-page" className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <Card>
        <DataTable<RoundSummary>
          caption={t("list.caption")}
          rows={rounds}
          rowKey={(r) => r.id}
          empty={t("list.empty")}
          testId="pt-lab-rounds"
          columns={[
            { header: t("list.round"), cell: (r) => <Link href={`/lab/proficiency/${r.id}`} className="break-words text-brand hover:underline" data-testid="pt-round-link">{r.title}</Link> },
            { header: t("list.scheme"), cell: (r) => <span className="font-mono text-xs">{r.scheme.id} {r.scheme.version}</span> },
            { header: t("list.deadline"), className: "sm:whitespace-nowrap", cell: (r) => format.dateTime(new Date(r.deadline), { dateStyle: "medium" }) },
            { header: t("list.mine"), cell: (r) => (r.mine?.submittedAt ? format.dateTime(new Date(r.mine.submittedAt), { dateStyle: "medium", timeStyle: "short" }) : t("round.notSubmitted")) },
            { header: t("list.status"), cell: (r) => <RoundStatus round={r} /> },
          ]}
        />
      </Card>
    </section>
  );
}
