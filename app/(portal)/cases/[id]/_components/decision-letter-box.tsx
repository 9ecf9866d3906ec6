// The formal denial of a case (docs/domain.md#decision-letters): the ministry's reason, the items
// that did not meet their thresholds, and the signed decision letter to download. Shown to the
// vendor, the secretariat and the ministry once the case was denied; right after the DENY the
// outbox is still issuing the letter.
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/app/_components/ui/card";
import { buttonClass } from "@/app/_components/ui/button-class";
import type { SessionUser } from "@/lib/permissions";
import { decisionLetterSummary } from "@/lib/letters/get-letter";
import { APPEAL_WINDOW_DAYS } from "@/lib/domain";

const SHOWN_TO = new Set(["vendor", "secretariat", "ministry"]);

function num(n: number) {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

export async function DecisionLetterBox({ caseId, user }: { caseId: string; user: SessionUser }) {
  if (!SHOWN_TO.has(user.role)) return null;
  const summary = await decisionLetterSummary(user, caseId);
  if (!summary) return null;
  const t = await getTranslations("letters");
  const locale = await getLocale();
  const format = await getFormatter();
  const zh = locale.startsWith("zh");
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });
  const deadline = summary.decidedAt ? new Date(Date.parse(summary.decidedAt) + APPEAL_WINDOW_DAYS * 24 * 3600 * 1000).toISOString() : null;
  const items = summary.blockers?.items ?? [];
  return (
    <Card title={t("title")} testId="decision-letter-box" className="border-red-200">
      <div className="space-y-3 text-sm">
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("decidedAt")}</dt>
            <dd>{summary.decidedAt ? day(summary.decidedAt) : "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("labLevel")}</dt>
            <dd data-testid="decision-letter-level">{summary.labLevel ?? t("belowL1")}</dd>
          </div>
          {deadline && (
            <div>
              <dt className="text-slate-500">{t("appealUntil")}</dt>
              <dd>{t("appealWindow", { days: APPEAL_WINDOW_DAYS, date: day(deadline) })}</dd>
            </div>
          )}
        </dl>
        <div>
          <div className="text-slate-500">{t("reason")}</div>
          <p className="whitespace-pre-wrap break-words" data-testid="decision-letter-reason">
            {summary.reason ?? "—"}
          </p>
        </div>
        <div>
          <div className="text-slate-500">{summary.blockers ? t("blockersAt", { level: summary.blockers.level }) : t("blockers")}</div>
          {items.length === 0 ? (
            <p className="text-slate-600">{t("noBlockers")}</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 rounded border border-slate-200" data-testid="decision-letter-blockers">
              {items.map((b) => (
                <li key={b.item} className="px-2 py-1.5" data-testid="decision-letter-blocker" data-item={b.item}>
                  <div className="break-words">{zh ? b.title.zh : b.title.en}</div>
                  <div className="flex flex-wrap gap-x-3 text-xs text-slate-600">
                    <span className="break-all font-mono">{b.item}</span>
                    <span>
                    {t("measuredVsNeeded", {
                      measured: `${num(b.measured)} ${b.unit}`,
                      needed: `${b.better === "higher" ? "≥" : "≤"} ${num(b.needed)} ${b.unit}`,
                      level: b.neededAt,
                    })}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
        {summary.issued ? (
          <a href={`/api/v1/cases/${encodeURIComponent(caseId)}/decision-letter`} className={buttonClass("primary")} data-testid="decision-letter-download" download>
            {t("download")}
          </a>
        ) : (
          <p role="status" className="text-slate-700" data-testid="decision-letter-issuing">
            {t("issuing")}
          </p>
        )}
      </div>
    </Card>
  );
}
