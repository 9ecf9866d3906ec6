// The case's audit history, as listCaseEvents lets this viewer read it (blind votes stay blind),
// in the reader's language.
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { listCaseEvents } from "@/lib/cases/case-events";
import { Card } from "@/app/_components/ui/card";
import { stateKey } from "@/app/_components/ui/badge";
import { levelLabel } from "../../_lib/text";

type Event = Awaited<ReturnType<typeof listCaseEvents>>[number];

export async function Timeline({ events, labName }: { events: Event[]; labName: string | null }) {
  const t = await getTranslations("case");
  const format = await getFormatter();
  const locale = await getLocale();
  const stateName = (s: unknown) => (typeof s === "string" && t.has(`states.${stateKey(s)}`) ? t(`states.${stateKey(s)}`) : String(s));
  const title = (type: string) => (t.has(`events.${type}`) ? t(`events.${type}`) : t.has(`records.${type}`) ? t(`records.${type}`) : type);
  const role = (r: string) => (t.has(`roles.${r}`) ? t(`roles.${r}`) : r);

  return (
    <Card title={t("timeline.title")} testId="timeline">
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">{t("timeline.empty")}</p>
      ) : (
        // A long history scrolls inside its own box, which keyboard users can focus and scroll too.
        <div tabIndex={0} role="region" aria-label={t("timeline.title")} className="max-h-[36rem] overflow-y-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand">
        <ol className="relative space-y-3 border-l border-slate-200 pl-4 text-sm">
          {[...events].reverse().map((e) => {
            const p = e.payload as Record<string, unknown>;
            const details: string[] = [];
            if (typeof p.from === "string" && typeof p.to === "string" && p.from !== p.to) details.push(t("timeline.moved", { from: stateName(p.from), to: stateName(p.to) }));
            if (Array.isArray(p.reasons)) details.push(t("timeline.reasons", { reasons: p.reasons.join("; ") }));
            if (typeof p.reason === "string" && p.reason) details.push(t("timeline.reason", { reason: p.reason }));
            if (typeof p.verdict === "string") details.push(t("timeline.verdict", { verdict: t.has(`verdicts.${p.verdict}`) ? t(`verdicts.${p.verdict}`) : p.verdict }));
            if (typeof p.level === "string") details.push(t("timeline.level", { level: levelLabel(p.level, locale) }));
            if (typeof p.labLevel === "string") details.push(t("timeline.labLevel", { level: levelLabel(p.labLevel, locale) }));
            if (typeof p.rationale === "string") details.push(t("timeline.rationale", { rationale: p.rationale }));
            if (e.type === "VOTE" && e.sealed) details.push(t("timeline.sealed"));
            if (typeof p.justification === "string" && p.justification) details.push(t("timeline.justification", { justification: p.justification }));
            if (e.type === "ACCEPT" && labName) details.push(t("timeline.lab", { lab: labName }));
            if (e.type === "EVIDENCE_ADDED" && typeof p.name === "string") details.push(t("timeline.file", { name: p.name }));
            if (e.type === "CERTIFICATE_ISSUED" && typeof p.number === "string") details.push(t("timeline.certificate", { number: p.number }));
            return (
              <li key={e.seq} data-testid="timeline-event" data-type={e.type}>
                <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border border-white bg-slate-400" aria-hidden="true" />
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium">{title(e.type)}</span>
                  <time dateTime={new Date(e.at).toISOString()} className="text-xs text-slate-500">
                    {format.dateTime(new Date(e.at), { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                  <span className="text-xs text-slate-500">
                    {e.actorName ? `${e.actorName} · ${role(e.actorRole)}` : role(e.actorRole)}
                  </span>
                </div>
                {details.length > 0 && (
                  <ul className="mt-0.5 text-slate-700">
                    {details.map((d, i) => (
                      <li key={i}>{d}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
        </div>
      )}
    </Card>
  );
}
