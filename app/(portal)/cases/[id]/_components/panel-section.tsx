// The review panel as this viewer may see it (lib/cases/view applies the blind-vote rules):
// who sits on it, the votes, and the panel's recommendation once it has closed.
import { getLocale, getTranslations } from "next-intl/server";
import type { CaseView } from "@/lib/cases/view";
import { Card } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { levelLabel } from "../../_lib/text";

type AnyVote = { expertId?: string; expertName?: string | null; verdict?: string; level?: string | null; rationale?: string; voted?: boolean };

export async function PanelSection({ view }: { view: CaseView }) {
  const t = await getTranslations("case");
  const locale = await getLocale();
  const votes = view.votes as AnyVote[];
  const open = view.state === "review.voting";
  if (!view.panel?.length && votes.length === 0 && !view.recommendation) {
    return null;
  }
  const cast = votes.filter((v) => v.verdict);
  return (
    <Card title={t("panel.title", { round: view.round })} testId="panel-section">
      <div className="space-y-4 text-sm">
        {open && <p className="text-slate-600" data-testid="blind-note">{t("panel.blind")}</p>}
        {view.panel && view.panel.length > 0 && (
          <ul className="flex flex-wrap gap-2" aria-label={t("panel.members")}>
            {view.panel.map((p) => {
              const voted = votes.some((v) => v.expertId === p.expertId);
              return (
                <li key={p.expertId} className="rounded border border-slate-200 px-2 py-1" data-testid="panel-member" data-expert-name={p.name ?? ""}>
                  <span className={p.active ? "" : "line-through"}>{p.name}</span>{" "}
                  {!p.active && <Badge tone="warning" title={p.recuseReason ?? undefined}>{t("panel.recused")}</Badge>}
                  {p.active && open && voted && <Badge tone="success">{t("panel.voted")}</Badge>}
                </li>
              );
            })}
          </ul>
        )}
        {cast.length > 0 && (
          <ul className="space-y-2" data-testid="votes">
            {cast.map((v, i) => (
              <li key={v.expertId ?? i} className="rounded border border-slate-200 p-2" data-testid="vote" data-expert-name={v.expertName ?? ""}>
                <div className="flex flex-wrap items-center gap-2">
                  {v.expertName && <span className="font-medium">{v.expertName}</span>}
                  <Badge tone={v.verdict === "approve" ? "success" : v.verdict === "reject" ? "danger" : "progress"}>{t(`verdicts.${v.verdict}`)}</Badge>
                  {v.level && <span>{levelLabel(v.level, locale)}</span>}
                </div>
                {v.rationale && <p className="mt-1 whitespace-pre-line text-slate-700">{v.rationale}</p>}
              </li>
            ))}
          </ul>
        )}
        {view.recommendation && (
          <p data-testid="recommendation">
            {t("panel.recommendation", {
              verdict: t(`verdicts.${view.recommendation.verdict}`),
              level: levelLabel(view.recommendation.level, locale),
              approve: view.recommendation.approve,
              reject: view.recommendation.reject,
              retest: view.recommendation.retest,
            })}
          </p>
        )}
      </div>
    </Card>
  );
}
