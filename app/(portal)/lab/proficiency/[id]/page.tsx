// One round for an invited lab: the sample and items, its own values (submit until the deadline),
// and once closed the round's statistics with its own z-scores.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { getRound, roundResults } from "@/lib/proficiency/rounds";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { Card } from "@/app/_components/ui/card";
import { Alert } from "@/app/_components/ui/alert";
import { RoundStatus } from "@/app/(portal)/secretariat/proficiency/_components/status";
import { RoundResultsView } from "@/app/(portal)/secretariat/proficiency/_components/results";
import { ValuesForm } from "../values-form";

export default async function LabRoundPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("proficiency:submit");
  const { id } = await params;
  const [round, t, format] = await Promise.all([orNotFound(getRound(user, id)), getTranslations("proficiency"), getFormatter()]);
  const results = round.closed ? await roundResults(user, id) : null;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  return (
    <article className="space-y-4" data-testid="pt-lab-round" data-round-id={round.id}>
      <nav className="text-sm">
        <Link href="/lab/proficiency" className="text-brand hover:underline">← {t("round.back")}</Link>
      </nav>
      <header className="space-y-1">
        <h1 className="break-words text-2xl font-semibold">{round.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span className="font-mono">{round.scheme.id} {round.scheme.version}</span>
          <span>· {t("list.deadline")}: {when(round.deadline)}</span>
          <RoundStatus round={round} />
        </p>
      </header>
      <Card title={t("round.sample")}>
        <p className="whitespace-pre-wrap break-words text-sm">{round.referenceSample}</p>
      </Card>
      <Card title={t("lab.values")} testId="pt-lab-values">
        {round.mine?.submittedAt && <p className="mb-2 text-sm text-slate-700" data-testid="pt-last-submitted">{t("lab.lastSubmitted", { at: when(round.mine.submittedAt) })}</p>}
        {round.closed ? (
          <>
            <Alert tone="info">{t("lab.closed")}</Alert>
            {round.myValues && (
              <ul className="mt-2 text-sm">
                {round.items.map((it) => (
                  <li key={it.key}><span className="font-mono">{it.key}</span>: {round.myValues?.[it.key] ?? "—"}</li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <ValuesForm roundId={round.id} items={round.items} mine={round.mine?.submittedAt ? round.myValues : null} submitted={!!round.mine?.submittedAt} />
        )}
      </Card>
      {results && <RoundResultsView items={results.items} csvHref={`/api/v1/proficiency/${round.id}/results?format=csv`} pdfHref={`/api/v1/proficiency/${round.id}/results?format=pdf`} />}
    </article>
  );
}
