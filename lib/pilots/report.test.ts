// The pilot report (docs/domain.md#pilot-report) shows the dashboard's figures for the same filter:
// every number in its CSV equals getPilotStats' (the function behind the /audit page and GET
// /api/v1/pilots/{id}/stats), and its PDF reads with pdftotext. Opt-in publication of results
// (docs/domain.md#published-results) is checked here too. SQLite, and PostgreSQL with TEST_DATABASE_URL.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { getPilotStats } from "@/lib/audit/get-pilot-stats";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { pilotReport, reportCsv, reportPdf, reportRows } from "./report";
import { setResultsPublication } from "./publish-results";
import { comparisonScale, listPublishedResults } from "./published-results";

let t: TestDatabase;
let w: World;
let certified: string;

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  certified = await caseIn(w, "certified", { level: "L2" });
  await caseIn(w, "certified", { level: "L3", schemeId: "pc", lab: "Lab Two" });
  await caseIn(w, "decision");
  const denied = await caseIn(w, "decision", { level: "L1" });
  await send(w.users.ministry1, denied, "DENY", { reason: "Below the claimed level" });
  await send(w.users.vendorA, denied, "APPEAL", { grounds: "The lab misread item 3" });
  await caseIn(w, "testing");
  await runOutboxOnce(50);
}, 300_000);
afterAll(async () => t?.drop());

describe("the pilot report", () => {
  it.each([
    ["no filter", {}],
    ["one category and a period", { category: "phone", from: "2026-01-01", to: "2029-12-31" }],
  ])("has the dashboard's figures (%s)", async (_, filter) => {
    const now = new Date();
    const stats = await getPilotStats(w.users.ministry1, w.pilot.id, filter, now);
    const report = await pilotReport(w.users.ministry1, w.pilot.id, filter, now);
    expect(report.stats).toEqual(stats);
    const rows = parse(reportCsv(report), { bom: true, columns: true }) as { section: string; key: string; detail: string; value: string }[];
    const value = (section: string, key: string, detail = "") => rows.find((r) => r.section === section && r.key === key && r.detail === detail)?.value;
    expect(Number(value("cases", "total"))).toBe(stats.totalCases);
    expect(stats.totalCases).toBeGreaterThan(0);
    for (const s of stats.casesByState) expect(Number(value("casesByState", s.state))).toBe(s.count);
    for (const c of stats.levels.byCategory) for (const l of ["L1", "L2", "L3", "L4"] as const) expect(Number(value("levels", c.category, l))).toBe(c[l]);
    for (const s of stats.stageTimes) expect(Number(value("stageTimes", s.stage, "samples"))).toBe(s.samples);
    expect(Number(value("panels", "closed"))).toBe(stats.panels.closed);
    expect(Number(value("deviations", "total"))).toBe(stats.deviations.total);
    expect(Number(value("appeals", "filed"))).toBe(stats.appeals.filed);
    expect(Number(value("complaints", "received"))).toBe(stats.complaints.received);
    expect(Number(value("findings", "open"))).toBe(stats.findings.open);
    // Every CSV line is a figure of the same report (nothing computed beside it).
    expect(rows.length).toBe(reportRows(report).length);
  });

  it("counts appeals and their ends", async () => {
    const stats = await getPilotStats(w.users.ministry1, w.pilot.id, {});
    expect(stats.appeals).toEqual({ filed: 1, upheld: 0, dismissed: 0, pending: 1 });
  });

  it("refuses a period over the bound, a bad date and a role without the dashboard", async () => {
    await expect(pilotReport(w.users.ministry1, w.pilot.id, { from: "2020-01-01", to: "2099-01-01" })).rejects.toMatchObject({ reason: "REPORT_PERIOD_TOO_LONG" });
    await expect(pilotReport(w.users.ministry1, w.pilot.id, { from: "not a date" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(pilotReport(w.users.vendorA, w.pilot.id, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(pilotReport(w.users.ministry1, "no-such-pilot", {})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is a PDF that pdftotext reads, with its sections and figures", async () => {
    const report = await pilotReport(w.users.ministry1, w.pilot.id, {});
    const pdf = await reportPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pilot-report-"));
    const file = path.join(dir, "report.pdf");
    fs.writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const s of ["Pilot report", "试点报告", "Cases by state", "Level distribution", "Stage durations", "Panel agreement", "Deviations", "Appeals and complaints", "Findings"]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(report.stats.pilot.name);
  });
});

describe("opt-in publication of results", () => {
  it("the vendor publishes a certified case's results, the registry lists them by category, and may withdraw them", async () => {
    expect((await listPublishedResults({ category: "phone" })).total).toBe(0);
    await expect(setResultsPublication(w.users.vendorB, certified, { publish: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setResultsPublication(w.users.secretariat, certified, { publish: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setResultsPublication(w.users.vendorA, certified, { publish: false })).rejects.toMatchObject({ reason: "RESULTS_NOT_PUBLISHED" });
    const r = await setResultsPublication(w.users.vendorA, certified, { publish: true });
    expect(r.resultsPublishedAt).not.toBeNull();
    await expect(setResultsPublication(w.users.vendorA, certified, { publish: true })).rejects.toMatchObject({ reason: "RESULTS_ALREADY_PUBLISHED" });
    const listed = await listPublishedResults({ category: "phone" });
    expect(listed.total).toBe(1);
    expect(listed.results[0]).toMatchObject({ caseId: certified, level: "L2" });
    expect(listed.results[0].results.length).toBeGreaterThan(0);
    expect(Object.keys(listed.results[0].profile).length).toBeGreaterThan(0);
    // The chart's scale: the items of the case's scheme version with their thresholds, each published value among them.
    const scale = await comparisonScale(listed.results);
    expect(scale?.scheme).toEqual(listed.results[0].scheme);
    const keys = new Set(scale!.items.map((i) => i.key));
    expect(listed.results[0].results.every((x) => keys.has(x.item))).toBe(true);
    expect(scale!.items.some((i) => i.thresholds.some((x) => x.level === "L1"))).toBe(true);
    expect(await comparisonScale([])).toBeNull();
    expect((await listPublishedResults({ category: "pc" })).total).toBe(0);
    await expect(listPublishedResults({ category: "../x" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(listPublishedResults({ category: "phone", size: "1000" })).rejects.toMatchObject({ code: "INVALID_INPUT" });

    // A case without a valid certificate may not publish.
    const open = await caseIn(w, "decision");
    await expect(setResultsPublication(w.users.vendorA, open, { publish: true })).rejects.toMatchObject({ reason: "RESULTS_NOT_PUBLISHABLE" });

    await setResultsPublication(w.users.vendorA, certified, { publish: false });
    expect((await listPublishedResults({ category: "phone" })).total).toBe(0);
    const events = await db().auditEvent.findMany({ where: { caseId: certified, type: { in: ["RESULTS_PUBLISHED", "RESULTS_WITHDRAWN"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["RESULTS_PUBLISHED", "RESULTS_WITHDRAWN"]);
  });
});
