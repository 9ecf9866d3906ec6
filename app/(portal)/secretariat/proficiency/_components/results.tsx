// The results of a round, per item: x*, s*, the z-score table (it scrolls inside its card on a
// narrow screen) and a chart of the labs on the z axis with the ±2 and ±3 bands.
import { getLocale, getTranslations } from "next-intl/server";
import type { ItemResult, LabScore } from "@/lib/proficiency/rounds";
import { Card } from "@/app/_components/ui/card";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";

const TONE: Record<NonNullable<LabScore["class"]>, BadgeTone> = { satisfactory: "success", questionable: "warning", unsatisfactory: "danger" };

const fmt = (v: number | null, digits = 4) => (v === null ? "—" : Number(v.toPrecision(8)).toLocaleString("en-US", { maximumFractionDigits: digits, useGrouping: false }));

export async function ClassBadge({ score }: { score: LabScore }) {
  const t = await getTranslations("proficiency.classes");
  if (score.value === null) return <span className="text-slate-600">{t("notSubmitted")}</span>;
  if (!score.class) return <span className="text-slate-600">—</span>;
  return <Badge tone={TONE[score.class]} testId={`pt-class-${score.class}`}>{t(score.class)}</Badge>;
}

/** Labs as dots on the z axis; the bands |z| ≤ 2, 2–3 and ≥ 3 shaded. Drawn in SVG, scales with its box. */
function ZChart({ item, label, zh }: { item: ItemResult; label: string; zh: boolean }) {
  const scored = item.scores.filter((s): s is LabScore & { z: number } => s.z !== null);
  const span = Math.max(4, Math.ceil(Math.max(0, ...scored.map((s) => Math.abs(s.z))) + 0.5));
  const W = 600;
  const left = 150;
  const right = 20;
  const rowH = 26;
  const top = 10;
  const H = top + Math.max(1, scored.length) * rowH + 30;
  const x = (z: number) => left + ((z + span) / (2 * span)) * (W - left - right);
  const ticks = Array.from({ length: 2 * span + 1 }, (_, i) => i - span).filter((v) => span <= 6 || v % 2 === 0);
  const band = (from: number, to: number, fill: string, key: string) => <rect key={key} x={x(from)} y={top} width={x(to) - x(from)} height={H - top - 30} fill={fill} />;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="h-auto w-full" data-testid="pt-chart">
      <title>{label}</title>
      {band(-span, -3, "#fee2e2", "l3")}
      {band(-3, -2, "#fef3c7", "l2")}
      {band(-2, 2, "#dcfce7", "ok")}
      {band(2, 3, "#fef3c7", "r2")}
      {band(3, span, "#fee2e2", "r3")}
      {[-3, -2, 0, 2, 3].map((v) => (
        <line key={v} x1={x(v)} x2={x(v)} y1={top} y2={H - 30} stroke={v === 0 ? "#475569" : "#94a3b8"} strokeDasharray={v === 0 ? undefined : "4 3"} />
      ))}
      {ticks.map((v) => (
        <text key={v} x={x(v)} y={H - 12} fontSize="12" textAnchor="middle" fill="#334155">
          {v}
        </text>
      ))}
      {scored.map((s, i) => {
        const y = top + i * rowH + rowH / 2;
        const color = s.class === "unsatisfactory" ? "#b91c1c" : s.class === "questionable" ? "#b45309" : "#15803d";
        const name = zh && s.nameZh ? s.nameZh : s.name;
        return (
          <g key={s.labId} data-testid="pt-dot" data-lab={s.name} data-z={s.z.toFixed(4)}>
            <text x={left - 8} y={y + 4} fontSize="12" textAnchor="end" fill="#0f172a">
              {name.length > 20 ? `${name.slice(0, 19)}…` : name}
            </text>
            <circle cx={x(s.z)} cy={y} r={6} fill={color}>
              <title>{`${name}: z = ${s.z.toFixed(2)}`}</title>
            </circle>
          </g>
        );
      })}
    </svg>
  );
}

export async function RoundResultsView({ items, csvHref, pdfHref }: { items: ItemResult[]; csvHref?: string; pdfHref?: string }) {
  const t = await getTranslations("proficiency.results");
  const zh = (await getLocale()).startsWith("zh");
  return (
    <section className="space-y-4" data-testid="pt-results">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        {csvHref && (
          <a href={csvHref} className="text-sm text-brand hover:underline" data-testid="pt-csv" download>
            {t("csv")}
          </a>
        )}
        {pdfHref && (
          <a href={pdfHref} className="text-sm text-brand hover:underline" data-testid="pt-pdf" download>
            {t("pdf")}
          </a>
        )}
      </div>
      <p className="text-sm text-slate-700">{t("method")}</p>
      {items.map((it) => {
        const title = zh ? it.title.zh : it.title.en;
        return (
          <Card key={it.key} title={<span className="break-words">{title} <span className="font-mono text-xs text-slate-600">{it.key}{it.unit ? ` (${it.unit})` : ""}</span></span>} testId={`pt-item-result-${it.key}`}>
            <dl className="mb-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
              <div><dt className="text-slate-600">{t("robustMean")}</dt><dd className="font-mono" data-testid="pt-robust-mean">{fmt(it.robustMean)}</dd></div>
              <div><dt className="text-slate-600">{t("robustSd")}</dt><dd className="font-mono" data-testid="pt-robust-sd">{fmt(it.robustSd)}</dd></div>
              <div><dt className="text-slate-600">{t("participants")}</dt><dd className="font-mono">{it.n}</dd></div>
              <div><dt className="text-slate-600">{t("iterations")}</dt><dd className="font-mono">{it.iterations}</dd></div>
            </dl>
            {it.n === 0 ? (
              <p className="text-sm text-slate-700">{t("noValues")}</p>
            ) : !(it.robustSd && it.robustSd > 0) ? (
              <p className="text-sm text-amber-900" data-testid="pt-no-sd">{t("noSd")}</p>
            ) : null}
            <div className="max-w-full overflow-x-auto" data-testid="pt-table-scroll">
              <table className="min-w-[28rem] text-sm">
                <caption className="sr-only">{t("caption", { item: title })}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-slate-600">
                    <th scope="col" className="py-1 pr-4 font-medium">{t("lab")}</th>
                    <th scope="col" className="py-1 pr-4 text-right font-medium">{t("value")}</th>
                    <th scope="col" className="py-1 pr-4 text-right font-medium">{t("z")}</th>
                    <th scope="col" className="py-1 font-medium">{t("class")}</th>
                  </tr>
                </thead>
                <tbody>
                  {it.scores.map((s) => (
                    <tr key={s.labId} className="border-b border-slate-100" data-testid="pt-score-row" data-lab={s.name} data-class={s.class ?? ""}>
                      <th scope="row" className="py-1 pr-4 text-left font-normal">{zh && s.nameZh ? s.nameZh : s.name}</th>
                      <td className="py-1 pr-4 text-right font-mono">{fmt(s.value)}</td>
                      <td className="py-1 pr-4 text-right font-mono">{s.z === null ? t("none") : s.z.toFixed(2)}</td>
                      <td className="py-1"><ClassBadge score={s} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {it.scores.some((s) => s.z !== null) && (
              <div className="mt-3">
                <ZChart item={it} label={t("chart", { item: title })} zh={zh} />
              </div>
            )}
          </Card>
        );
      })}
    </section>
  );
}
