import { getLocale, getTranslations } from "next-intl/server";
import { LEVELS, type Scheme } from "@/lib/grading";
import { formatNumber, levelName, pick, unitName } from "./text";

/** The levels with what a terminal at each does for its user (format v2 `levelSummaries`, when the scheme has them). */
async function LevelList({ scheme }: { scheme: Scheme }) {
  const t = await getTranslations("schemes");
  const locale = await getLocale();
  const summaries = scheme.levelSummaries ?? {};
  const levels = LEVELS.filter((l) => l !== "L4" || summaries.L4);
  return (
    <section aria-labelledby="levels-heading" data-testid="levels">
      <h2 id="levels-heading" className="mb-2 text-lg font-semibold">{t("public.levelsHeading")}</h2>
      <ol className="grid gap-2 sm:grid-cols-3">
        {levels.map((level) => (
          <li key={level} className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid={`level-${level}`}>
            <p className="font-semibold">
              {level} {levelName(level, locale)}
            </p>
            {summaries[level] && <p className="mt-1 text-slate-700">{pick(summaries[level], locale)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What is measured and the thresholds per level, element by element. Read-only; L4 is reserved. */
export async function SchemeView({ scheme }: { scheme: Scheme }) {
  const t = await getTranslations("schemes");
  const locale = await getLocale();
  return (
    <div className="space-y-8" data-testid="scheme-view">
      <LevelList scheme={scheme} />
      <p className="text-sm text-slate-600">{t("ruleExplained")}</p>
      {scheme.elements.map((element) => (
        <section key={element.key} aria-labelledby={`element-${element.key}`}>
          <h2 id={`element-${element.key}`} className="mb-2 text-lg font-semibold">
            {pick(element.title, locale)} <span className="font-mono text-xs text-slate-500">{element.key}</span>
          </h2>
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("itemsOf", { element: pick(element.title, locale) })}</caption>
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("item")}</th>
                  <th scope="col" className="px-3 py-2">{t("unit")}</th>
                  <th scope="col" className="px-3 py-2">{t("direction")}</th>
                  <th scope="col" className="px-3 py-2">{t("method")}</th>
                  {LEVELS.map((level) => (
                    <th key={level} scope="col" className="px-3 py-2 text-right">
                      {level} <span className="normal-case">{levelName(level, locale)}</span>
                      {level === "L4" && <span className="block normal-case text-slate-500">{t("reserved")}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {element.items.map((item) => (
                  <tr key={item.key} data-testid={`item-${item.key}`}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {pick(item.title, locale)}
                      <span className="block font-mono text-xs font-normal text-slate-500">{item.key}</span>
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {item.unit} <span className="text-slate-500">({unitName(item.unit, locale)})</span>
                    </td>
                    <td className="px-3 py-2">{t(item.better === "higher" ? "higherBetter" : "lowerBetter")}</td>
                    <td className="max-w-xs px-3 py-2 text-slate-700">
                      {pick(item.method, locale)}
                      {item.mode && (
                        <span className="block text-xs text-slate-500" data-testid="item-mode">
                          {t("public.mode")}: {t(`public.mode_${item.mode}`)}
                        </span>
                      )}
                      {item.testSet && (
                        <span className="block text-xs text-slate-500" data-testid="item-test-set">
                          {t("public.testSet")}: <span className="font-mono">{item.testSet.id}</span> v{item.testSet.version} · n = {item.testSet.size}
                        </span>
                      )}
                    </td>
                    {LEVELS.map((level) => (
                      <td key={level} className="px-3 py-2 text-right tabular-nums" data-level={level}>
                        {item.thresholds[level] !== undefined ? (
                          <>
                            <span className="text-slate-500">{item.better === "higher" ? "≥" : "≤"}</span> {formatNumber(item.thresholds[level])}
                          </>
                        ) : level === "L4" ? (
                          <span className="text-slate-400">{t("reserved")}</span>
                        ) : (
                          <span className="text-slate-400" aria-label={t("noThreshold")}>—</span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
