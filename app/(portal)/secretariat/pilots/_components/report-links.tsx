// The pilot report's download form: a pilot and a period (days, Beijing time, inclusive), then CSV
// or PDF from GET /api/v1/pilots/{id}/report. A plain GET form: no script needed.
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/app/_components/ui/button-class";

const CONTROL = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand";

export async function ReportLinks({ pilots, pilotId }: { pilots: { id: string; name: string }[]; pilotId?: string }) {
  const t = await getTranslations("pilots.report");
  if (pilots.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  // One GET form per pilot (its id is in the path); its two buttons choose the format.
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ul className="space-y-2" data-testid="pilot-report-links">
        {pilots.map((p) => (
          <li key={p.id} className="flex flex-col gap-2 rounded border border-slate-200 p-3 sm:flex-row sm:items-end" data-pilot={p.id}>
            <span className="min-w-0 flex-1 break-words text-sm font-medium sm:self-center">{p.name}</span>
            <form method="get" action={`/api/v1/pilots/${encodeURIComponent(p.id)}/report`} className="flex flex-wrap items-end gap-2">
              <label className="text-xs font-medium text-slate-800">
                {t("from")}
                <input type="date" name="from" className={CONTROL} />
              </label>
              <label className="text-xs font-medium text-slate-800">
                {t("to")}
                <input type="date" name="to" className={CONTROL} />
              </label>
              <button type="submit" name="format" value="pdf" className={buttonClass("primary")} data-testid="pilot-report-pdf" data-default={pilotId === p.id || undefined}>
                {t("pdf")}
              </button>
              <button type="submit" name="format" value="csv" className={buttonClass("secondary")} data-testid="pilot-report-csv">
                {t("csv")}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">{t("hint")}</p>
    </div>
  );
}
