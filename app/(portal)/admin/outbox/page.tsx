import { getFormatter, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listDeadLetters, outboxFigures } from "@/lib/outbox/dead-letters";
import { AdminNav } from "../_components/admin-nav";
import { RetryJobButton } from "./retry-button";

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ retried?: string }> }) {
  const actor = await requirePermission("outbox:manage");
  const t = await getTranslations("admin");
  const format = await getFormatter();
  const [{ jobs, total }, figures] = await Promise.all([listDeadLetters(actor), outboxFigures(actor)]);
  const retried = (await searchParams).retried === "1";
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <>
      <AdminNav />
      <h1 className="text-2xl font-semibold">{t("outbox.title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("outbox.help")}</p>
      {retried && (
        <p role="status" data-testid="outbox-retried" className="mt-3 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t("outbox.retried")}</p>
      )}
      <p className="mt-3 text-sm" data-testid="outbox-figures">{t("home.outbox", { pending: figures.pending, failed: figures.failed })}</p>
      <section aria-labelledby="dead-letters" className="mt-6">
        <h2 id="dead-letters" className="mb-3 text-lg font-semibold">{t("outbox.listTitle", { shown: jobs.length, total })}</h2>
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-500">{t("outbox.none")}</p>
        ) : (
          <ul className="space-y-3" data-testid="dead-letters">
            {jobs.map((j) => (
              <li key={j.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`dead-letter-${j.id}`}>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                  <dt className="text-slate-500">{t("outbox.kind")}</dt>
                  <dd className="font-medium">{j.kind}</dd>
                  <dt className="text-slate-500">{t("outbox.dedupeKey")}</dt>
                  <dd className="break-all font-mono text-xs">{j.dedupeKey}</dd>
                  <dt className="text-slate-500">{t("outbox.attempts")}</dt>
                  <dd>{j.attempts}</dd>
                  <dt className="text-slate-500">{t("outbox.failedAt")}</dt>
                  <dd>{when(j.failedAt)}</dd>
                  <dt className="text-slate-500">{t("outbox.createdAt")}</dt>
                  <dd>{when(j.createdAt)}</dd>
                  <dt className="text-slate-500">{t("outbox.lastError")}</dt>
                  <dd className="whitespace-pre-wrap break-words font-mono text-xs text-red-800">{j.lastError ?? "—"}</dd>
                </dl>
                <div className="mt-3">
                  <RetryJobButton jobId={j.id} label={`${j.kind} ${j.dedupeKey}`} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
