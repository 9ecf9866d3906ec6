"use client";
// After-care's chart on the dashboard: change cases by kind and by outcome, as horizontal bars
// (recharts), beside the figures the server counted (lib/aftercare/queries changeCounts). The frame
// comes with the page at its final size; the drawing (./aftercare-bars.tsx) is loaded after it, so
// the dashboard's first-load JavaScript does not carry recharts (docs/performance.md).
import dynamic from "next/dynamic";

const AftercareBars = dynamic(() => import("./aftercare-bars").then((m) => m.AftercareBars), { ssr: false });

export function AftercareChart({ rows, label, testId }: { rows: { key: string; name: string; count: number }[]; label: string; testId: string }) {
  return (
    <figure data-testid={testId} aria-label={label} className="w-full" style={{ height: 40 + rows.length * 28 }}>
      <AftercareBars rows={rows} />
    </figure>
  );
}
