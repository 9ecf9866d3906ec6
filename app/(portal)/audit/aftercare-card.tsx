// The dashboard's after-care section (docs/domain.md#after-care): change cases by kind and by
// outcome, and surveillance due, overdue and done (changeCounts, counted at request time over
// every change case the portal holds).
import { getFormatter, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { changeCounts } from "@/lib/aftercare/queries";
import { CHANGE_FINAL_STATES, CHANGE_KINDS } from "@/lib/domain";
import { Card } from "@/app/_components/ui/card";
import { AftercareChart } from "./aftercare-chart";

export async function AftercareCard({ user }: { user: SessionUser }) {
  const [counts, t, format] = await Promise.all([changeCounts(user), getTranslations("changes"), getFormatter()]);
  const byKind = CHANGE_KINDS.map((k) => ({ key: k, name: t(`kinds.${k}`), count: counts.byKind[k] ?? 0 }));
  const byOutcome = CHANGE_FINAL_STATES.map((s) => ({ key: s, name: t(`states.${s}`), count: counts.byOutcome[s] ?? 0 }));
  const total = byKind.reduce((n, r) => n + r.count, 0);
  const surveillance = [
    ["due", counts.surveillance.due],
    ["overdue", counts.surveillance.overdue],
    ["done", counts.surveillance.done],
  ] as const;
  return (
    <Card title={t("dashboard.title")} testId="card-aftercare">
      <dl className="mb-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="aftercare-figures">
        <div data-testid="aftercare-total">
          <dt className="text-xs text-slate-500">{t("dashboard.total")}</dt>
          <dd className="text-xl font-semibold">{format.number(total)}</dd>
        </div>
        {surveillance.map(([k, v]) => (
          <div key={k} data-testid={`surveillance-${k}`} data-count={v}>
            <dt className="text-xs text-slate-500">{t(`dashboard.surveillance_${k}`)}</dt>
            <dd className={`text-xl font-semibold ${k === "overdue" && v > 0 ? "text-red-700" : ""}`}>{format.number(v)}</dd>
          </div>
        ))}
      </dl>
      {total === 0 ? (
        <p className="text-sm text-slate-600">{t("dashboard.empty")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {(
            [
              ["byKind", byKind],
              ["byOutcome", byOutcome],
            ] as const
          ).map(([k, rows]) => (
            <section key={k} aria-labelledby={`aftercare-${k}`}>
              <h3 id={`aftercare-${k}`} className="text-sm font-medium">
                {t(`dashboard.${k}`)}
              </h3>
              <AftercareChart rows={rows} label={t(`dashboard.${k}`)} testId={`chart-aftercare-${k}`} />
              <table className="mt-2 w-full text-sm" data-testid={`aftercare-${k}`}>
                <caption className="sr-only">{t(`dashboard.${k}`)}</caption>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key} className="border-t border-slate-100" data-key={r.key}>
                      <th scope="row" className="py-1 text-left font-normal">{r.name}</th>
                      <td className="py-1 text-right tabular-nums">{format.number(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("dashboard.hint")}</p>
    </Card>
  );
}
