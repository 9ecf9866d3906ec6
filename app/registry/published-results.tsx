// The registry's comparison of published results (docs/domain.md#published-results): for one
// category, the certified products whose vendors chose to publish, with their level, element profile
// and item values, as a server-drawn chart and two tables. Marked as pilot values (试点数据): a
// comparison of what was measured in the pilot, not a ranking. A plain GET form picks the category.
import { getLocale, getTranslations } from "next-intl/server";
import { listPublishedResults } from "@/lib/pilots/published-results";
import { LEVEL_FILL } from "@/app/_components/public/figures-chart";

const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";
const LEVEL_NUMBER: Record<string, number> = { L1: 1, L2: 2, L3: 3, L4: 4 };
/** The comparison shows at most this many products (the public API pages through the rest). */
const SHOWN = 12;

export async function PublishedResults({ categories, category }: { categories: { key: string; nameZh: string; nameEn: string }[]; category: string | undefined }) {
  const t = await getTranslations("pilots.published");
  const zh = (await getLocale()).startsWith("zh");
  const chosen = categories.find((c) => c.key === category) ?? categories[0];
  if (!chosen) return null;
  const data = await listPublishedResults({ category: chosen.key, size: String(SHOWN) });
  const rows = data.results;
  const elements = [...new Set(rows.flatMap((r) => Object.keys(r.profile)))];
  const items = [...new Set(rows.flatMap((r) => r.results.map((x) => x.item)))].sort();
  const label = (r: (typeof rows)[number]) => `${r.product} ${r.model}`;
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
                  {rows.map((r) => <th key={r.caseId} scope="col" className="px-2 py-1 text-right font-medium">{label(r)}</th>)}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item} className="border-b border-slate-100">
                    <th scope="row" className="py-1 pr-2 text-left font-mono text-xs font-normal">{item}</th>
                    {rows.map((r) => {
                      const x = r.results.find((v) => v.item === item);
                      return <td key={r.caseId} className="px-2 py-1 text-right">{x && x.value !== null ? `${x.value} ${x.unit}` : "—"}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.total > rows.length && <p className="text-xs text-slate-600">{t("more", { shown: rows.length, total: data.total })}</p>}
        </div>
      )}
    </section>
  );
}
