// Certificates in force by category and level, as a stacked bar per category drawn in SVG on the
// server (no script shipped), with the same numbers in a table beside it for anyone who would
// rather read. Bars scale to the largest category.
import type { CategoryFigure } from "@/lib/certificates/public-figures";
import { LEVELS } from "@/lib/grading/levels";

export const LEVEL_FILL = { L1: "#94a3b8", L2: "#0ea5e9", L3: "#4f46e5", L4: "#059669" } as const;

export function FiguresChart({ figures, label, zh, categoryLabel, totalLabel }: {
  figures: CategoryFigure[];
  label: string;
  zh: boolean;
  categoryLabel: string;
  totalLabel: string;
}) {
  const max = Math.max(1, ...figures.map((f) => f.total));
  const row = 28;
  const labelWidth = 120;
  const width = 520;
  const barWidth = width - labelWidth - 40;
  const height = figures.length * row + 30;
  return (
    <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
      <figure className="min-w-0">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full" data-testid="figures-chart">
          {figures.map((f, i) => {
            let x = labelWidth;
            const y = i * row + 4;
            return (
              <g key={f.key} data-category={f.key} data-total={f.total}>
                <text x={labelWidth - 8} y={y + 15} textAnchor="end" fontSize="12" fill="#334155">{zh ? f.nameZh : f.nameEn}</text>
                {LEVELS.map((level) => {
                  const w = (f.byLevel[level] / max) * barWidth;
                  const rect = w > 0 ? <rect key={level} x={x} y={y} width={w} height={20} fill={LEVEL_FILL[level]} /> : null;
                  x += w;
                  return rect;
                })}
                <text x={x + 6} y={y + 15} fontSize="12" fill="#334155">{f.total}</text>
              </g>
            );
          })}
          <g transform={`translate(${labelWidth}, ${figures.length * row + 12})`}>
            {LEVELS.map((level, i) => (
              <g key={level} transform={`translate(${i * 70}, 0)`}>
                <rect width="12" height="12" fill={LEVEL_FILL[level]} />
                <text x="16" y="11" fontSize="12" fill="#334155">{level}</text>
              </g>
            ))}
          </g>
        </svg>
      </figure>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
        <table className="w-full text-sm" data-testid="figures-table">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-1 pr-2 font-medium">{categoryLabel}</th>
              {LEVELS.map((l) => <th key={l} scope="col" className="px-2 py-1 text-right font-medium">{l}</th>)}
              <th scope="col" className="py-1 pl-2 text-right font-medium">{totalLabel}</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.key} className="border-b border-slate-100">
                <th scope="row" className="whitespace-nowrap py-1 pr-2 text-left font-normal">{zh ? f.nameZh : f.nameEn}</th>
                {LEVELS.map((l) => <td key={l} className="px-2 py-1 text-right tabular-nums">{f.byLevel[l]}</td>)}
                <td className="py-1 pl-2 text-right font-medium tabular-nums">{f.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
