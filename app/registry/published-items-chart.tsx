"use client";
// The per-item comparison of published results (docs/domain.md#published-results): one small chart
// per item of the chosen category (small multiples, each on its own scale and unit), a horizontal
// bar per compared product, and the scheme's thresholds as vertical lines (L1, L2, L3 …). A product
// picker chooses which products are compared (at most COMPARED_MAX at once, so a chart stays
// readable at 375 px). The item table beside it holds the same numbers for assistive technology.
// recharts (./item-bars.tsx) is loaded after the page, into frames already sized, so the registry's
// first-load JavaScript does not carry it and nothing moves when a chart appears.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { afterLoad } from "@/app/_components/ui/after-load";

const ItemBars = afterLoad(() => import("./item-bars").then((m) => m.ItemBars));

export type ChartProduct = { id: string; label: string };
export type ChartItem = {
  key: string;
  title: string;
  unit: string;
  better: "higher" | "lower";
  thresholds: { level: string; value: number }[];
  /** caseId → the published value (null or absent: not reported). */
  values: Record<string, number | null>;
};

/** How many products one chart compares at once. */
export const COMPARED_MAX = 6;
const PRODUCT_COLORS = ["#1d4ed8", "#f59e0b", "#059669", "#db2777", "#7c3aed", "#0891b2"];

export function PublishedItemsChart({ products, items }: { products: ChartProduct[]; items: ChartItem[] }) {
  const t = useTranslations("pilots.published");
  const [chosen, setChosen] = useState<string[]>(() => products.slice(0, COMPARED_MAX).map((p) => p.id));
  const compared = products.filter((p) => chosen.includes(p.id));
  const color = (id: string) => PRODUCT_COLORS[products.findIndex((p) => p.id === id) % PRODUCT_COLORS.length];
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id].slice(-COMPARED_MAX) : c.filter((x) => x !== id)));

  return (
    <div className="space-y-3" data-testid="published-item-charts">
      <fieldset className="min-w-0">
        <legend className="text-sm font-medium">{t("compare", { max: COMPARED_MAX })}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {products.map((p) => (
            <label key={p.id} className="flex min-w-0 items-center gap-1.5 text-sm" data-testid="published-compare-option">
              <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
              <span aria-hidden className="inline-block h-3 w-3 shrink-0 rounded-sm" style={{ background: color(p.id) }} />
              <span className="[overflow-wrap:anywhere]">{p.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {compared.length === 0 ? (
        <p className="text-sm text-slate-600">{t("compareNone")}</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {items.map((item) => {
            const rows = compared.map((p) => ({ id: p.id, name: p.label, value: item.values[p.id] ?? null, fill: color(p.id) }));
            const values = [...rows.flatMap((r) => (r.value === null ? [] : [r.value])), ...item.thresholds.map((x) => x.value)];
            const lo = Math.min(0, ...values);
            const hi = Math.max(...values, 1);
            const height = 56 + rows.length * 26;
            return (
              <figure key={item.key} className="min-w-0 rounded border border-slate-200 p-2" data-testid="published-item-chart" data-item={item.key}>
                <figcaption className="text-sm font-medium">
                  {item.title} <span className="font-normal text-slate-600">({item.unit}; {t(item.better === "higher" ? "higherBetter" : "lowerBetter")})</span>
                </figcaption>
                <div style={{ height }} role="img" aria-label={t("itemChartLabel", { item: item.title })}>
                  <ItemBars rows={rows} title={item.title} unit={item.unit} thresholds={item.thresholds} domain={[lo, Math.ceil(hi * 1.05)]} />
                </div>
              </figure>
            );
          })}
        </div>
      )}
      <p className="text-xs text-slate-600">{t("itemChartCaption")}</p>
    </div>
  );
}
