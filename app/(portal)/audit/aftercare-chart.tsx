"use client";
// After-care's chart on the dashboard: change cases by kind and by outcome, as horizontal bars
// (recharts), beside the figures the server counted (lib/aftercare/queries changeCounts).
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function AftercareChart({ rows, label, testId }: { rows: { key: string; name: string; count: number }[]; label: string; testId: string }) {
  const t = useTranslations("changes.dashboard");
  return (
    <figure data-testid={testId} aria-label={label} className="w-full" style={{ height: 40 + rows.length * 28 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="count" name={t("count")} fill="#1d4ed8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
