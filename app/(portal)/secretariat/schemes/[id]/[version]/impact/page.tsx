import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { draftImpact, type DraftCaseImpact } from "@/lib/schemes";
import type { Level } from "@/lib/grading";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { levelName, pick } from "@/app/(portal)/schemes/_components/text";
import { VersionNav } from "../../../_components/version-nav";

const CHANGE_STYLE: Record<DraftCaseImpact["change"], string> = {
  rise: "bg-emerald-100 text-emerald-900",
  fall: "bg-rose-100 text-rose-900",
  same: "bg-slate-100 text-slate-700",
  incomplete: "bg-amber-100 text-amber-900",
};

export default async function DraftImpactPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const user = await requirePermission("scheme:manage");
  const { id, version } = await params;
  const t = await getTranslations("schemes");
  const tc = await getTranslations("case");
  const locale = await getLocale();
  const impact = await orNotFound(draftImpact(user, id, version));
  const { draft, totals, cases } = impact;
  const level = (l: Level | null) => (l ? `${l} ${levelName(l, locale)}` : t("belowL1"));

  return (
    <article className="space-y-6">
      <VersionNav schemeId={draft.schemeId} version={draft.version} current="impact" draft={draft.status === "draft"} published={draft.status === "published"} />
      <header>
        <h1 className="text-2xl font-semibold">{t("impactTitle", { scheme: pick(draft.scheme.title, locale), version: draft.version })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("impactExplained", { category: draft.category })}</p>
      </header>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="impact-totals">
        {(["cases", "rise", "fall", "same", "incomplete"] as const).map((key) => (
          <div key={key} className={`rounded border border-slate-200 p-3 ${key === "cases" ? "bg-white" : CHANGE_STYLE[key]}`}>
            <dt className="text-xs uppercase">{t(`total_${key}`)}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`total-${key}`}>{totals[key]}</dd>
          </div>
        ))}
      </dl>

      {cases.length === 0 ? (
        <p role="status" className="rounded bg-slate-100 px-3 py-2 text-sm">{t("noCasesAffected")}</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="impact-table">
            <caption className="sr-only">{t("impactCaption")}</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("case")}</th>
                <th scope="col" className="px-3 py-2">{t("vendor")}</th>
                <th scope="col" className="px-3 py-2">{t("pinnedVersion")}</th>
                <th scope="col" className="px-3 py-2">{t("awardedLevel")}</th>
                <th scope="col" className="px-3 py-2">{t("currentLevel")}</th>
                <th scope="col" className="px-3 py-2">{t("draftLevel")}</th>
                <th scope="col" className="px-3 py-2">{t("change")}</th>
                <th scope="col" className="px-3 py-2">{t("reasons")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {cases.map((c) => (
                <tr key={c.caseId} data-testid={`impact-${c.caseId}`} data-change={c.change}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {c.product.name}
                    <span className="block text-xs font-normal text-slate-500">
                      {c.product.model} · {c.product.softwareVersion} · {tc(`states.${c.state.replace(".", "_")}`)}
                    </span>
                    <span className="block font-mono text-xs font-normal text-slate-400">{c.caseId}</span>
                  </th>
                  <td className="px-3 py-2">{c.vendor}</td>
                  <td className="px-3 py-2">{c.pinned.version}</td>
                  <td className="px-3 py-2">{c.awardedLevel ? level(c.awardedLevel) : "—"}</td>
                  <td className="px-3 py-2">{level(c.currentLevel)}</td>
                  <td className="px-3 py-2">{c.change === "incomplete" ? "—" : level(c.draftLevel)}</td>
                  <td className="px-3 py-2">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${CHANGE_STYLE[c.change]}`}>{t(`change_${c.change}`)}</span>
                  </td>
                  <td className="px-3 py-2 text-xs">
                    <ul className="list-inside list-disc space-y-0.5">
                      {c.reasons.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {draft.status === "published" && <p className="text-sm text-slate-600">{t("alreadyPublished")}</p>}
    </article>
  );
}
