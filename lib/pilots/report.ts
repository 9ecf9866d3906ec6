// The pilot report for the ministry (docs/domain.md#pilot-report): one pilot, one period (and
// optionally one category), as CSV or PDF. Every figure is the dashboard's: the report calls
// getPilotStats, the same function behind the /audit page and GET /api/v1/pilots/{id}/stats, and
// only lays its result out; nothing is counted twice.
import "server-only";
import { db } from "@/lib/db";
import { domainError } from "@/lib/errors";
import { getPilotStats, type PilotStatsReport } from "@/lib/audit/get-pilot-stats";
import { parseQuery, StatsQuery } from "@/lib/audit/filters";
import { CSV_BOM, csvLine } from "@/lib/audit/export";
import { DAY_MS } from "@/lib/audit/stats";
import { LEVELS } from "@/lib/domain";
import type { SessionUser } from "@/lib/permissions";
import { renderPilotReportPdf } from "./report-pdf";
import { z } from "zod";

/** A report covers at most this many days (about five years): a bounded query, a bounded document. */
export const REPORT_MAX_DAYS = 1830;

export const ReportFormat = z.enum(["csv", "pdf"]);

export type PilotReport = { stats: PilotStatsReport; categories: Record<string, { zh: string; en: string }> };

/** The report's figures: the dashboard's, for the same filter (bounded period). */
export async function pilotReport(user: SessionUser, pilotId: string, query: Record<string, string | undefined>, now = new Date()): Promise<PilotReport> {
  const q = parseQuery(StatsQuery, { category: query.category, from: query.from, to: query.to }, "The report's period is not valid");
  const from = q.from ?? null;
  const to = q.to ?? now;
  if (from && (to.getTime() - from.getTime()) / DAY_MS > REPORT_MAX_DAYS) throw domainError("REPORT_PERIOD_TOO_LONG", { days: REPORT_MAX_DAYS });
  const stats = await getPilotStats(user, pilotId, { category: query.category, from: query.from, to: query.to }, now);
  const categories = Object.fromEntries(
    (await db().category.findMany({ orderBy: [{ sortOrder: "asc" }, { key: "asc" }], take: 100 })).map((c) => [c.key, { zh: c.nameZh, en: c.nameEn }]),
  );
  return { stats, categories };
}

const days = (ms: number | null) => (ms === null ? null : Math.round((ms / DAY_MS) * 10) / 10);

/** The report as rows of (section, key, detail, value): one figure a line, easy to filter in a sheet. */
export function reportRows(r: PilotReport): (string | number | null)[][] {
  const s = r.stats;
  const rows: (string | number | null)[][] = [];
  const add = (section: string, key: string, detail: string | null, value: string | number | null) => rows.push([section, key, detail, value]);
  add("pilot", "name", null, s.pilot.name);
  add("pilot", "nameZh", null, s.pilot.nameZh);
  add("filter", "category", null, s.filter.category);
  add("filter", "from", null, s.filter.from);
  add("filter", "to", null, s.filter.to);
  add("report", "generatedAt", null, s.now);
  add("cases", "total", null, s.totalCases);
  for (const c of s.casesByState) add("casesByState", c.state, null, c.count);
  for (const c of s.levels.byCategory) {
    add("casesByCategory", c.category, "awarded", c.total);
    for (const l of LEVELS) add("levels", c.category, l, c[l]);
  }
  for (const e of s.levels.byElement) {
    for (const l of LEVELS) add("elementLevels", `${e.category}.${e.element}`, l, e[l]);
    add("elementLevels", `${e.category}.${e.element}`, "none", e.none);
  }
  for (const t of s.stageTimes) {
    add("stageTimes", t.stage, "samples", t.samples);
    add("stageTimes", t.stage, "medianDays", days(t.medianMs));
    add("stageTimes", t.stage, "p90Days", days(t.p90Ms));
    add("stageTimes", t.stage, "limitDays", t.limitDays);
    add("stageTimes", t.stage, "overLimitNow", s.overLimit.byStage[t.stage]);
  }
  add("overLimit", "total", null, s.overLimit.total);
  add("panels", "closed", null, s.panels.closed);
  add("panels", "unanimous", null, s.panels.unanimous);
  add("panels", "unanimousShare", null, s.panels.unanimousShare);
  add("panels", "meanMajorityShare", null, s.panels.meanMajorityShare);
  add("deviations", "total", null, s.deviations.total);
  for (const d of s.deviations.cases) add("deviation", d.caseId, `${d.product} ${d.awardedLevel} (${d.differsFrom.join("+")})`, d.decidedAt);
  add("appeals", "filed", null, s.appeals.filed);
  add("appeals", "upheld", null, s.appeals.upheld);
  add("appeals", "dismissed", null, s.appeals.dismissed);
  add("appeals", "pending", null, s.appeals.pending);
  add("complaints", "received", null, s.complaints.received);
  add("complaints", "open", null, s.complaints.open);
  add("complaints", "closed", null, s.complaints.closed);
  add("complaints", "medianCloseDays", null, days(s.complaints.medianCloseMs));
  for (const [k, v] of Object.entries(s.complaints.outcomes)) add("complaintOutcomes", k, null, v);
  add("overdueSuspensions", "total", null, s.overdueSuspensions.total);
  add("findings", "open", null, s.findings.open);
  add("findings", "answered", null, s.findings.answered);
  add("findings", "closed", null, s.findings.closed);
  return rows;
}

export function reportCsv(r: PilotReport): string {
  return CSV_BOM + csvLine(["section", "key", "detail", "value"]) + reportRows(r).map((row) => csvLine(row)).join("");
}

export function reportPdf(r: PilotReport): Promise<Buffer> {
  return renderPilotReportPdf(r);
}

/** A file name for the download: pilot-report-<pilot id>-<from>-<to>.<ext> (ASCII only). */
export function reportFilename(r: PilotReport, ext: "csv" | "pdf"): string {
  const d = (iso: string | null) => (iso ? iso.slice(0, 10) : "all");
  return `pilot-report-${r.stats.pilot.id.replace(/[^A-Za-z0-9_-]/g, "")}-${d(r.stats.filter.from)}-${d(r.stats.filter.to)}.${ext}`;
}
