// The registry's comparison of published results (docs/domain.md#published-results): for one
// category, the certified products whose vendors chose to publish, with their level, element profile
// and item values: a server-drawn chart of the levels, a chart per item of the published values
// against the scheme's thresholds (recharts, ./published-items-chart.tsx), and two tables. Marked as
// pilot values (试点数据): a comparison of what was measured in the pilot, not a ranking. A plain GET
// form picks the category; the products are paged like the public API (at most 100 a page).
import { getLocale, getTranslations } from "next-intl/server";
import { comparisonScale, listPublishedResults } from "@/lib/pilots/published-results";
import { LEVEL_FILL } from "@/app/_components/public/figures-chart";
import { PublishedItemsChart } from "./published-items-chart";

const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";
const LEVEL_NUMBER: Record<string, number> = { L1: 1, L2: 2, L3: 3, L4: 4 };
/** Products a page of the comparison (the public API pages the same rows, at most 100 a page). */
const SHOWN = 20;

type SearchParams = Record<string, string | string[] | undefined>;

export async function PublishedResults({ categories, category, searchParams = {} }: { categories: { key: string; nameZh: string; nameEn: string }[]; category: string | undefined; searchParams?: SearchParams }) {
  const t = await getTranslations("pilots.published");
  const zh = (await getLocale()).startsWith("zh");
  const chosen = categories.find((c) => c.key === category) ?? categories[0];
  if (!chosen) return null;
  // A malformed or out-of-range page falls back to the first; past the end, the last.
  const asked = Number(typeof searchParams.resultsPage === "string" ? searchParams.resultsPage : "1");
  let page = Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked : 1;
  let data = await listPublishedResults({ category: chosen.key, size: String(SHOWN), page: String(page) });
  const pages = Math.max(1, Math.ceil(data.total / SHOWN));
  if (page > pages) {
    page = pages;
    data = await listPublishedResults({ category: chosen.key, size: String(SHOWN), page: String(page) });
  }
  const rows = data.results;
  const elements = [...new Set(rows.flatMap((r) => Object.keys(r.profile)))];
  // The items in the scheme's order with their thresholds; any item the scheme lacks, after them.
  const scale = await comparisonScale(rows);
  const scaled = scale?.items ?? [];
  const items = [...scaled.map((i) => i.key).filter((k) => rows.some((r) => r.results.some((x) => x.item === k))), ...[...new Set(rows.flatMap((r) => r.results.map((x) => x.item)))].filter((k) => !scaled.some((i) => i.key === k)).sort()];
  const scaleOf = (key: string) => scaled.find((i) => i.key === key);
  const label = (r: (typeof rows)[number]) => `${r.product} ${r.model}`;
  const chartItems = items.map((key) => {
    const s = scaleOf(key);
    const unit = rows.flatMap((r) => r.results).find((x) => x.item === key)?.unit ?? s?.unit ?? "";
    return {
      key,
      title: s ? (zh ? s.title.zh : s.title.en) : key,
      unit,
      better: s?.better ?? ("higher" as const),
      thresholds: s?.thresholds ?? [],
      values: Object.fromEntries(rows.map((r) => [r.caseId, r.results.find((x) => x.item === key)?.value ?? null])),
    };
  });
  const pageHref = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(searchParams)) if (typeof v === "string" && k !== "resultsPage") q.set(k, v);
    q.set("results", chosen.key);
    q.set("resultsPage", String(n));
    return `/registry?${q.toString()}#published-results`;
  };
  const rowH = 26;
  const labelW = 170;
  const width = 520;
  const barW = width - labelW - 50;
  const height = rows.length * rowH + 8;
  return (
    <section className="mt-8 rounded-lg border border-slate-200 bg-white p-4" data-testid="published-results" aria-labelledby="published-title">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="published-title" className="text-xl font-semibold">{t("title")}</h2>
        <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="pilot-values">{t("pilotValues")}</span>
      </div>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <form method="get" action="/registry#published-results" className="mt-3 flex flex-wrap items-end gap-2">
        <label className="text-sm font-medium">
          {t("category")}
          <select name="results" defaultValue={chosen.key} className={field} data-testid="published-category">
            {categories.map((c) => (
              <option key={c.key} value={c.key}>{zh ? c.nameZh : c.nameEn}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white">{t("show")}</button>
      </form>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600" data-testid="published-empty">{t("empty")}</p>
      ) : (
        <div className="mt-4 space-y-4">
          <figure className="min-w-0">
            <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t("chartLabel")} className="h-auto w-full max-w-2xl" data-testid="published-chart">
              {rows.map((r, i) => {
                const y = i * rowH + 4;
                const n = LEVEL_NUMBER[r.level] ?? 0;
                return (
                  <g key={r.caseId} data-case={r.caseId} data-level={r.level}>
                    <text x={labelW - 8} y={y + 14} textAnchor="end" fontSize="11" fill="#334155">{label(r).slice(0, 26)}</text>
                    <rect x={labelW} y={y} width={(n / 4) * barW} height={18} fill={LEVEL_FILL[r.level as keyof typeof LEVEL_FILL] ?? "#94a3b8"} />
                    <text x={labelW + (n / 4) * barW + 6} y={y + 14} fontSize="11" fill="#334155">{r.level}</text>
                  </g>
                );
              })}
            </svg>
            <figcaption className="text-xs text-slate-600">{t("chartCaption")}</figcaption>
          </figure>
          {chartItems.length > 0 && (
            <section aria-labelledby="published-items-title" className="space-y-2">
              <h3 id="published-items-title" className="text-base font-semibold">{t("itemsTitle")}</h3>
              <PublishedItemsChart products={rows.map((r) => ({ id: r.caseId, label: label(r) }))} items={chartItems} />
            </section>
          )}
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("profileTable")}>
            <table className="w-full text-sm" data-testid="published-profiles">
              <caption className="sr-only">{t("profileTable")}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-1 pr-2 font-medium">{t("product")}</th>
                  <th scope="col" className="px-2 py-1 font-medium">{t("level")}</th>
                  {elements.map((e) => <th key={e} scope="col" className="px-2 py-1 font-medium">{e}</th>)}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.caseId} className="border-b border-slate-100" data-testid="published-row">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      <a href={`/verify/${r.publicId}`} className="text-brand hover:underline">{label(r)}</a>
                      <span className="block text-xs text-slate-600">{zh && r.vendorZh ? r.vendorZh : r.vendor}</span>
                    </th>
                    <td className="px-2 py-1 font-semibold">{r.level}</td>
                    {elements.map((e) => <td key={e} className="px-2 py-1">{r.profile[e] ?? "—"}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("itemsTable")}>
            <table className="w-full text-sm" data-testid="published-items">
              <caption className="sr-only">{t("itemsTable")}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-1 pr-2 font-medium">{t("item")}</th>
                  <th scope="col" className="px-2 py-1 font-medium">{t("thresholds")}</th>
                  {rows.map((r) => <th key={r.caseId} scope="col" className="px-2 py-1 text-right font-medium">{label(r)}</th>)}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item} className="border-b border-slate-100">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      {scaleOf(item) ? (zh ? scaleOf(item)!.title.zh : scaleOf(item)!.title.en) : item}
                      <span className="block font-mono text-xs text-slate-500">{item}</span>
                    </th>
                    <td className="px-2 py-1 text-xs whitespace-nowrap text-slate-600">
                      {scaleOf(item)?.thresholds.map((x) => `${x.level} ${scaleOf(item)!.better === "higher" ? "≥" : "≤"} ${x.value}`).join(" · ") || "—"}
                    </td>
                    {rows.map((r) => {
                      const x = r.results.find((v) => v.item === item);
                      return <td key={r.caseId} className="px-2 py-1 text-right">{x && x.value !== null ? `${x.value} ${x.unit}` : "—"}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav aria-label={t("pages")} className="flex flex-wrap items-center gap-3 text-sm" data-testid="published-pages">
              {page > 1 && <a href={pageHref(page - 1)} className="text-brand hover:underline">{t("previous")}</a>}
              <span className="text-slate-600">{t("pageOf", { page, pages, total: data.total })}</span>
              {page < pages && <a href={pageHref(page + 1)} className="text-brand hover:underline">{t("next")}</a>}
            </nav>
          )}
          <p className="text-xs text-slate-600">{t("api")}</p>
        </div>
      )}
    </section>
  );
}
