"use client";
// The recharts drawing of one item of the published-results comparison (./published-items-chart.tsx
// holds the picker and the sized frame). Loaded lazily after the page, so that the registry's
// first-load JavaScript does not carry recharts (docs/performance.md, first-load JavaScript).
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const LEVEL_STROKE: Record<string, string> = { L1: "#64748b", L2: "#2563eb", L3: "#1e3a8a", L4: "#0f172a" };

export type ItemBarsProps = {
  rows: { id: string; name: string; value: number | null; fill: string }[];
  title: string;
  unit: string;
  thresholds: { level: string; value: number }[];
  domain: [number, number];
};

export function ItemBars({ rows, title, unit, thresholds, domain }: ItemBarsProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} layout="vertical" margin={{ top: 18, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={domain} tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="name" width={92} tick={{ fontSize: 11 }} tickFormatter={(s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s)} />
        <Tooltip formatter={(v) => (v === null || v === undefined ? "—" : `${v} ${unit}`)} />
        <Bar dataKey="value" name={title} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.id} fill={r.fill} />
          ))}
        </Bar>
        {thresholds.map((x) => (
          <ReferenceLine
            key={x.level}
            x={x.value}
            stroke={LEVEL_STROKE[x.level] ?? "#334155"}
            strokeDasharray="4 3"
            label={{ value: x.level, position: "top", fontSize: 10, fill: LEVEL_STROKE[x.level] ?? "#334155" }}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
