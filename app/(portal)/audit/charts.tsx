"use client";
// The dashboard's charts: recharts drawing numbers the server computed (lib/audit/stats.ts).
// Each chart sits beside a table of the same numbers, which is what assistive technology reads.
// The frames are drawn with the page, at their final size; the drawings (./charts-drawn.tsx, with
// recharts) are loaded after it, so the dashboard's first-load JavaScript does not carry recharts
// and nothing moves when a chart appears (docs/performance.md, first-load JavaScript).
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { LevelRow } from "./charts-drawn";

const drawn = () => import("./charts-drawn");
const StateBars = dynamic(() => drawn().then((m) => m.StateBars), { ssr: false });
const StageTimeBars = dynamic(() => drawn().then((m) => m.StageTimeBars), { ssr: false });
const LevelBars = dynamic(() => drawn().then((m) => m.LevelBars), { ssr: false });
const LabBars = dynamic(() => drawn().then((m) => m.LabBars), { ssr: false });
const ComplaintBars = dynamic(() => drawn().then((m) => m.ComplaintBars), { ssr: false });

function Frame({ testId, label, height = 240, children }: { testId: string; label: string; height?: number; children: React.ReactNode }) {
  return (
    <figure data-testid={testId} aria-label={label} className="w-full" style={{ height }}>
      {children}
    </figure>
  );
}

export function StateChart({ data }: { data: { state: string; count: number }[] }) {
  const t = useTranslations("audit.states");
  return (
    <Frame testId="chart-states" label={t("title")}>
      <StateBars data={data} />
    </Frame>
  );
}

export function StageTimeChart({ data }: { data: { stage: string; median: number | null; p90: number | null; limit: number | null }[] }) {
  const t = useTranslations("audit.stages");
  return (
    <Frame testId="chart-stages" label={t("title")}>
      <StageTimeBars data={data} />
    </Frame>
  );
}

export function LevelChart({ data, testId, withNone = false }: { data: LevelRow[]; testId: string; withNone?: boolean }) {
  const t = useTranslations("audit.levels");
  const height = Math.max(200, 40 + data.length * 28);
  return (
    <Frame testId={testId} label={withNone ? t("elementsTitle") : t("title")} height={height}>
      <LevelBars data={data} withNone={withNone} />
    </Frame>
  );
}

export function LabChart({ data }: { data: { name: string; reports: number; medianDays: number | null }[] }) {
  const t = useTranslations("audit.labs");
  return (
    <Frame testId="chart-labs" label={t("title")}>
      <LabBars data={data} />
    </Frame>
  );
}

export function ComplaintChart({ data }: { data: { received: number; open: number; closed: number } }) {
  const t = useTranslations("audit.dueProcess");
  return (
    <Frame testId="chart-complaints" label={t("chart")} height={180}>
      <ComplaintBars data={data} />
    </Frame>
  );
}
