"use client";
// The recharts drawings of the dashboard's charts (./charts.tsx holds their sized frames and loads
// this module after the page, so the dashboard's first-load JavaScript does not carry recharts).
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { LEVELS, type Level } from "@/lib/domain";

const LEVEL_COLORS: Record<Level, string> = { L1: "#94a3b8", L2: "#60a5fa", L3: "#1d4ed8", L4: "#1e3a8a" };
const COLORS = { none: "#e2e8f0", median: "#1d4ed8", p90: "#f59e0b", limit: "#dc2626" };

export function StateBars({ data }: { data: { state: string; count: number }[] }) {
  const t = useTranslations("audit.states");
  const states = useTranslations("case.states");
  const rows = data.map((d) => {
    const key = d.state.replace(/\./g, "_");
    return { name: states.has(key) ? states(key) : d.state, count: d.count };
  });
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 24, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {/* Slanted: thirteen state names side by side would overlap. */}
        <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} angle={-35} textAnchor="end" height={56} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="count" name={t("count")} fill={COLORS.median} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function StageTimeBars({ data }: { data: { stage: string; median: number | null; p90: number | null; limit: number | null }[] }) {
  const t = useTranslations("audit.stages");
  const rows = data.map((d) => ({ ...d, name: t(d.stage as "screening") }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} />
        <YAxis tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        <Bar dataKey="median" name={t("median")} fill={COLORS.median} isAnimationActive={false} />
        <Bar dataKey="p90" name={t("p90")} fill={COLORS.p90} isAnimationActive={false} />
        <Bar dataKey="limit" name={t("limit")} fill={COLORS.limit} fillOpacity={0.35} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export type LevelRow = { name: string; none?: number } & Record<Level, number>;

export function LevelBars({ data, withNone = false }: { data: LevelRow[]; withNone?: boolean }) {
  const t = useTranslations("audit.levels");
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        {LEVELS.map((l) => (
          <Bar key={l} dataKey={l} stackId="levels" name={l} fill={LEVEL_COLORS[l]} isAnimationActive={false} />
        ))}
        {withNone && <Bar dataKey="none" stackId="levels" name={t("none")} fill={COLORS.none} isAnimationActive={false} />}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function LabBars({ data }: { data: { name: string; reports: number; medianDays: number | null }[] }) {
  const t = useTranslations("audit.labs");
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} />
        <YAxis yAxisId="reports" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis yAxisId="days" orientation="right" tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        <Bar yAxisId="reports" dataKey="reports" name={t("reports")} fill={COLORS.median} isAnimationActive={false} />
        <Bar yAxisId="days" dataKey="medianDays" name={t("median")} fill={COLORS.p90} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ComplaintBars({ data }: { data: { received: number; open: number; closed: number } }) {
  const t = useTranslations("audit.dueProcess");
  const rows = [
    { name: t("received"), count: data.received, fill: COLORS.median },
    { name: t("open"), count: data.open, fill: COLORS.p90 },
    { name: t("closed"), count: data.closed, fill: LEVEL_COLORS.L1 },
  ];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={90} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="count" name={t("chart")} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
