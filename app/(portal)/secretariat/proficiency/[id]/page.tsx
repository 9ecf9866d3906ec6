// One proficiency-testing round for the secretariat and ministry: the sample, items, invited labs
// and who has submitted (never the values before the close), closing, and the results.
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/page-guards";
import { can } from "@/lib/permissions";
import { getRound, roundResults } from "@/lib/proficiency/rounds";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { Card } from "@/app/_components/ui/card";
import { RoundStatus } from "../_components/status";
import { CloseRoundForm } from "../_components/close-form";
import { RoundResultsView } from "../_components/results";

export default async function RoundPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("secretariat", "ministry");
  const { id } = await params;
  const [round, t, format, locale] = await Promise.all([orNotFound(getRound(user, id)), getTranslations("proficiency"), getFormatter(), getLocale()]);
  const zh = locale.startsWith("zh");
  const results = round.closed ? await roundResults(user, id) : null;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  return (
    <article className="space-y-4" data-testid="pt-round" data-round-id={round.id}>
      <nav className="text-sm">
        <Link href="/secretariat/proficiency" className="text-brand hover:underline">← {t("round.back")}</Link>
      </nav>
      <header className="space-y-1">
        <h1 className="break-words text-2xl font-semibold">{round.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span className="font-mono">{round.scheme.id} {round.scheme.version}</span>
          <span>· {t("list.deadline")}: {when(round.deadline)}</span>
          <RoundStatus round={round} />
          {round.closedAt && <span>{t("round.closedAt", { at: when(round.closedAt) })}</span>}
        </p>
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("round.sample")}>
          <p className="whitespace-pre-wrap break-words text-sm">{round.referenceSample}</p>
          <h3 className="mt-3 text-sm font-semibold">{t("round.items")}</h3>
          <ul className="list-disc pl-5 text-sm">
            {round.items.map((it) => (
              <li key={it.key} className="break-words">{zh ? it.title.zh : it.title.en} <span className="font-mono text-xs text-slate-600">{it.key} ({it.unit})</span></li>
            ))}
          </ul>
        </Card>
        <Card title={t("round.labs")} testId="pt-invited">
          <ul className="space-y-1 text-sm">
            {round.labs.map((l) => (
              <li key={l.id} className="flex flex-wrap justify-between gap-2" data-testid="pt-invited-lab" data-submitted={l.submittedAt ? "yes" : "no"}>
                <span>{zh && l.nameZh ? l.nameZh : l.name}</span>
                <span className="text-slate-600">{l.submittedAt ? t("round.submittedAt", { at: when(l.submittedAt) }) : t("round.notSubmitted")}</span>
              </li>
            ))}
          </ul>
          {round.status === "open" && can(user, "proficiency:manage") && (
            <div className="mt-4">
              <CloseRoundForm roundId={round.id} />
            </div>
          )}
        </Card>
      </div>
      {results ? <RoundResultsView items={results.items} csvHref={`/api/v1/proficiency/${round.id}/results?format=csv`} pdfHref={`/api/v1/proficiency/${round.id}/results?format=pdf`} /> : <p className="text-sm text-slate-700">{t("round.notReady")}</p>}
    </article>
  );
}
