// The dashboard figures from a real database: cases driven through the door with known event
// times, and the exact numbers the definitions in stats.ts give for them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, send, sampleReport, COMPLETE_APPLICATION, type World } from "@/test/world";
import { createCase } from "@/lib/cases/create-case";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "./chain";
import { getPilotStats } from "./get-pilot-stats";
import { eventFigures, loadOpenStages, loadOverdueSuspensions, loadStatsRows, type StatsFilter } from "./load-stats";
import { cachedStatsRows, clearStatsCache, statsCacheCounters } from "./stats-cache";
import { dialect } from "./sql";
import { computePilotStats, DAY_MS } from "./stats";

const T0 = Date.UTC(2026, 3, 1); // 1 April 2026
const day = (n: number, hours = 0) => new Date(T0 + n * DAY_MS + hours * 3_600_000);
const NOW = day(100);
const LIMITS = { screening: 10, testing: 45, review: 20, decision: 10 };

let t: TestDatabase;
let w: World;
const ids: Record<string, string> = {};

async function newCase(schemeId = "phone") {
  const c = await createCase(w.users.vendorA, {
    schemeId,
    product: { name: "Stats Probe", model: `SP-${Math.random().toString(36).slice(2, 8)}`, softwareVersion: "1.0" },
    claimedLevel: "L3",
    application: COMPLETE_APPLICATION,
  });
  return c.id;
}

async function report(lab: SessionUser, id: string, at: Date, level: "L1" | "L2" | "L3", schemeId = "phone") {
  await saveLabReport(lab, id, sampleReport(schemeId, level, "1.0"));
  await send(lab, id, "SUBMIT_REPORT", {}, at);
}

async function panel(id: string, at: Date, votes: { verdict: "approve" | "reject" | "retest"; level?: string }[], voteDays: Date[]) {
  const experts = [w.users.expert1, w.users.expert2, w.users.expert3];
  await send(w.users.secretariat, id, "ASSIGN_PANEL", { expertIds: experts.map((e) => e.id) }, at);
  for (let i = 0; i < votes.length; i++) {
    await send(experts[i], id, "VOTE", { verdict: votes[i].verdict, level: votes[i].level ?? null, rationale: `vote ${i + 1}` }, voteDays[i]);
  }
}

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  const { users, orgs } = w;
  const lab1 = orgs["Lab One"].id;
  const lab2 = orgs["Lab Two"].id;
  await db().pilot.update({ where: { id: w.pilot.id }, data: { stageLimits: JSON.stringify(LIMITS) } });

  // A: screening 2d, testing 10d, review 4d, decision 1d; unanimous approve L3; awarded L3.
  ids.A = await newCase();
  await send(users.vendorA, ids.A, "SUBMIT", {}, day(0));
  await send(users.secretariat, ids.A, "ACCEPT", { labId: lab1 }, day(2));
  await report(users.lab1, ids.A, day(12), "L3");
  await panel(ids.A, day(13), [{ verdict: "approve", level: "L3" }, { verdict: "approve", level: "L3" }, { verdict: "approve", level: "L3" }], [day(14), day(15), day(16)]);
  await send(users.ministry1, ids.A, "AWARD", { level: "L3" }, day(17));

  // B: 4d, 20d, 3d, 3d; approve L2/L2/L3 → recommends L2; awarded L3 (differs from the panel).
  ids.B = await newCase();
  await send(users.vendorA, ids.B, "SUBMIT", {}, day(0));
  await send(users.secretariat, ids.B, "ACCEPT", { labId: lab1 }, day(4));
  await report(users.lab1, ids.B, day(24), "L3");
  await panel(ids.B, day(25), [{ verdict: "approve", level: "L2" }, { verdict: "approve", level: "L2" }, { verdict: "approve", level: "L3" }], [day(26), day(26, 1), day(27)]);
  await send(users.ministry1, ids.B, "AWARD", { level: "L3", justification: "Lab evidence supports L3" }, day(30));

  // C (Lab Two): 1d, 5d, 3d, 10d; approve/approve/reject → approve L2; awarded L1 (differs from both).
  ids.C = await newCase();
  await send(users.vendorA, ids.C, "SUBMIT", {}, day(0));
  await send(users.secretariat, ids.C, "ACCEPT", { labId: lab2 }, day(1));
  await report(users.lab2, ids.C, day(6), "L2");
  await panel(ids.C, day(7), [{ verdict: "approve", level: "L2" }, { verdict: "approve", level: "L2" }, { verdict: "reject" }], [day(8), day(8, 2), day(9)]);
  await send(users.ministry1, ids.C, "AWARD", { level: "L1", justification: "Memory items borderline" }, day(19));

  // D: 3d, 30d, then retest (review pass not a sample), testing again 4d, review 4d, decision 6d: denied.
  ids.D = await newCase();
  await send(users.vendorA, ids.D, "SUBMIT", {}, day(0));
  await send(users.secretariat, ids.D, "ACCEPT", { labId: lab1 }, day(3));
  await report(users.lab1, ids.D, day(33), "L2");
  await panel(ids.D, day(34), [{ verdict: "retest" }, { verdict: "retest" }, { verdict: "approve", level: "L2" }], [day(35), day(35, 3), day(36)]);
  await report(users.lab1, ids.D, day(40), "L2");
  await panel(ids.D, day(41), [{ verdict: "reject" }, { verdict: "reject" }, { verdict: "reject" }], [day(42), day(43), day(44)]);
  await send(users.ministry1, ids.D, "DENY", { reason: "Evidence inconsistent" }, day(50));

  // E: accepted on day 1, still testing on day 100 (over the 45-day limit by 54 days).
  ids.E = await newCase();
  await send(users.vendorA, ids.E, "SUBMIT", {}, day(0));
  await send(users.secretariat, ids.E, "ACCEPT", { labId: lab1 }, day(1));

  // F: in screening since day 95: within its 10 days.
  ids.F = await newCase();
  await send(users.vendorA, ids.F, "SUBMIT", {}, day(95));

  // G: returned once (screening counts from the second SUBMIT: 1d), testing 2d, in review since day 8.
  ids.G = await newCase();
  await send(users.vendorA, ids.G, "SUBMIT", {}, day(0));
  await send(users.secretariat, ids.G, "RETURN", { reasons: ["Photo missing"] }, day(2));
  await send(users.vendorA, ids.G, "SUBMIT", {}, day(5));
  await send(users.secretariat, ids.G, "ACCEPT", { labId: lab1 }, day(6));
  await report(users.lab1, ids.G, day(8), "L2");
  await send(users.secretariat, ids.G, "ASSIGN_PANEL", { expertIds: [users.expert1.id, users.expert2.id, users.expert3.id] }, day(9));

  // H (tv, Lab Two): 2d, 2d, 2d, 2d; unanimous approve L1; awarded L1.
  ids.H = await newCase("tv");
  await send(users.vendorA, ids.H, "SUBMIT", {}, day(0));
  await send(users.secretariat, ids.H, "ACCEPT", { labId: lab2 }, day(2));
  await report(users.lab2, ids.H, day(4), "L1", "tv");
  await panel(ids.H, day(5), [{ verdict: "approve", level: "L1" }, { verdict: "approve", level: "L1" }, { verdict: "approve", level: "L1" }], [day(5, 6), day(5, 12), day(6)]);
  await send(users.ministry1, ids.H, "AWARD", { level: "L1" }, day(8));
}, 180_000);
afterAll(async () => t?.drop());

const d = (n: number) => n * DAY_MS;

describe(`pilot dashboard figures from the database (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("gives the exact figures of the fixture", async () => {
    const s = await getPilotStats(w.users.ministry1, w.pilot.id, {}, NOW);
    expect(s.totalCases).toBe(8);
    expect(s.casesByState).toEqual([
      { state: "screening", count: 1 },
      { state: "testing", count: 1 },
      { state: "review.voting", count: 1 },
      { state: "certified", count: 4 },
      { state: "rejected", count: 1 },
    ]);
    expect(s.stageTimes).toEqual([
      // screening [1,1,1,2,2,3,4]; testing [2,2,4,5,10,20,30]; review [2,3,3,4,4]; decision [1,2,3,6,10]
      { stage: "screening", samples: 7, medianMs: d(2), p90Ms: d(4), limitDays: 10 },
      { stage: "testing", samples: 7, medianMs: d(5), p90Ms: d(30), limitDays: 45 },
      { stage: "review", samples: 5, medianMs: d(3), p90Ms: d(4), limitDays: 20 },
      { stage: "decision", samples: 5, medianMs: d(3), p90Ms: d(10), limitDays: 10 },
    ]);
    expect(s.overLimit.total).toBe(2);
    expect(s.overLimit.byStage).toEqual({ screening: 0, testing: 1, review: 1, decision: 0 });
    expect(s.overLimit.cases.map((c) => [c.caseId, c.stage, c.elapsedMs, c.limitDays])).toEqual([
      [ids.E, "testing", d(99), 45],
      // In review since its report on day 8, though its state changed on day 9 (panel assigned).
      [ids.G, "review", d(92), 20],
    ]);
    expect(s.labs).toEqual([
      { labOrgId: w.orgs["Lab One"].id, labName: "Lab One", reportsSubmitted: 5, testingSamples: 5, medianTestingMs: d(10) },
      { labOrgId: w.orgs["Lab Two"].id, labName: "Lab Two", reportsSubmitted: 2, testingSamples: 2, medianTestingMs: d(3.5) },
    ]);
    expect(s.panels.closed).toBe(6);
    expect(s.panels.unanimous).toBe(4);
    expect(s.panels.unanimousShare).toBeCloseTo(4 / 6, 12);
    expect(s.panels.meanMajorityShare).toBeCloseTo(8 / 9, 12);
    expect(s.deviations.total).toBe(2);
    expect(s.deviations.cases.map((c) => [c.caseId, c.awardedLevel, c.recommendedLevel, c.labLevel, c.differsFrom, c.justification])).toEqual([
      [ids.B, "L3", "L2", "L3", ["recommendation"], "Lab evidence supports L3"],
      [ids.C, "L1", "L2", "L2", ["recommendation", "lab"], "Memory items borderline"],
    ]);
    expect(s.levels.byCategory).toEqual([
      { category: "phone", total: 3, L1: 1, L2: 0, L3: 2, L4: 0 },
      { category: "tv", total: 1, L1: 1, L2: 0, L3: 0, L4: 0 },
    ]);
  });

  it("counts element levels from the awarded cases' lab profiles", async () => {
    const s = await getPilotStats(w.users.secretariat, w.pilot.id, {}, NOW);
    const awarded = await db().case.findMany({ where: { awardedLevel: { not: null } }, include: { schemeVersion: true } });
    const expected = new Map<string, Record<string, number>>();
    for (const c of awarded) {
      for (const [element, level] of Object.entries(JSON.parse(c.labProfile!) as Record<string, string | null>)) {
        const key = `${c.schemeVersion.category}/${element}`;
        const e = expected.get(key) ?? { L1: 0, L2: 0, L3: 0, L4: 0, none: 0 };
        e[level ?? "none"]++;
        expected.set(key, e);
      }
    }
    expect(expected.size).toBeGreaterThan(0);
    expect(new Map(s.levels.byElement.map(({ category, element, ...counts }) => [`${category}/${element}`, counts]))).toEqual(expected);
    // Every phone element of the fixture is profiled once per awarded phone case.
    for (const e of s.levels.byElement.filter((x) => x.category === "phone")) expect(e.L1 + e.L2 + e.L3 + e.L4 + e.none).toBe(3);
  });

  it("filters by category and by the period the cases were opened in", async () => {
    const tv = await getPilotStats(w.users.ministry1, w.pilot.id, { category: "tv" }, NOW);
    expect(tv.totalCases).toBe(1);
    expect(tv.stageTimes.map((x) => x.medianMs)).toEqual([d(2), d(2), d(2), d(2)]);
    expect(tv.deviations.total).toBe(0);
    const created = await db().case.findUniqueOrThrow({ where: { id: ids.A } });
    // Filter days are Beijing days (UTC+8): take the case's day there, not its UTC day, or the test
    // fails from 16:00 UTC on.
    const beijingDay = (t: number) => new Date(t + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const today = beijingDay(created.createdAt.getTime());
    const future = beijingDay(created.createdAt.getTime() + 3 * DAY_MS);
    expect((await getPilotStats(w.users.ministry1, w.pilot.id, { from: today, to: today }, NOW)).totalCases).toBe(8);
    const none = await getPilotStats(w.users.ministry1, w.pilot.id, { from: future }, NOW);
    expect(none.totalCases).toBe(0);
    expect(none.stageTimes.every((x) => x.samples === 0 && x.medianMs === null)).toBe(true);
  });

  it("reading the events by table scan or by case index gives the same figures", async () => {
    for (const f of [{ pilotId: w.pilot.id }, { pilotId: w.pilot.id, category: "tv" }]) {
      const scan = await eventFigures(db(), dialect(), f, true);
      const probe = await eventFigures(db(), dialect(), f, false);
      const sorted = (x: typeof scan) => ({
        stageSamples: x.stageSamples.map((r) => ({ ...r, ms: [...r.ms].sort((a, b) => a - b) })).sort((a, b) => `${a.stage}${a.labOrgId}`.localeCompare(`${b.stage}${b.labOrgId}`)),
        labReports: [...x.labReports].sort((a, b) => a.labOrgId.localeCompare(b.labOrgId)),
        panels: [...x.panels].sort((a, b) => a.votes - b.votes || a.majority - b.majority),
      });
      expect(scan.stageSamples.length).toBeGreaterThan(0);
      expect(sorted(probe)).toEqual(sorted(scan));
    }
  });

  it("only the ministry and the secretariat get the figures; bad filters and unknown pilots are refused", async () => {
    for (const u of [w.users.vendorA, w.users.lab1, w.users.expert1, w.users.admin]) {
      const e = await getPilotStats(u, w.pilot.id).catch((x) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("FORBIDDEN");
    }
    const bad = await getPilotStats(w.users.ministry1, w.pilot.id, { from: "2026-13-45" }).catch((x) => x);
    expect((bad as AppError).code).toBe("INVALID_INPUT");
    expect((bad as AppError).details).toHaveProperty("from");
    expect(((await getPilotStats(w.users.ministry1, "no-such-pilot").catch((x) => x)) as AppError).code).toBe("NOT_FOUND");
  });
});

// The kept rows (stats-cache.ts) brought up to date with the events after the cached head must give
// exactly the figures a fresh full load gives (loadStatsRows, the same definitions).
describe(`incremental dashboard loads (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  // The cases are opened now (createCase takes the clock), so this period holds them all.
  const period = { from: new Date(Date.now() - DAY_MS), to: new Date(Date.now() + 7 * DAY_MS) };
  const filters = (): StatsFilter[] => [
    { pilotId: w.pilot.id },
    { pilotId: w.pilot.id, category: "phone" },
    { pilotId: w.pilot.id, category: "tv" },
    { pilotId: w.pilot.id, ...period },
  ];
  const fresh = async (f: StatsFilter) => {
    const [settled, openStages, overdueSuspensions] = await Promise.all([
      loadStatsRows(db(), dialect(), f),
      loadOpenStages(db(), f, NOW, LIMITS),
      loadOverdueSuspensions(db(), f, NOW),
    ]);
    return computePilotStats({ ...settled, openStages, overdueSuspensions }, { now: NOW, limits: LIMITS });
  };
  const kept = async (f: StatsFilter) => computePilotStats(await cachedStatsRows(db(), dialect(), f, NOW, LIMITS), { now: NOW, limits: LIMITS });
  const same = async (step: string) => {
    for (const f of filters()) expect(await kept(f), `${step} ${JSON.stringify(f)}`).toEqual(await fresh(f));
  };

  it("a load, new events through the door, a load: the figures of a fresh full load, read incrementally", async () => {
    const { users, orgs } = w;
    clearStatsCache();
    await same("first load");
    const incremental = statsCacheCounters.incremental;
    const full = statsCacheCounters.full;
    const id = await newCase();
    await same("created");
    await send(users.vendorA, id, "SUBMIT", {}, day(60));
    await send(users.secretariat, id, "ACCEPT", { labId: orgs["Lab Two"].id }, day(61));
    await same("accepted");
    await report(users.lab2, id, day(70), "L2");
    // Another case's events between two loads too: E leaves testing.
    await report(users.lab1, ids.E, day(71), "L3");
    await same("reports");
    await panel(id, day(72), [{ verdict: "approve", level: "L2" }, { verdict: "approve", level: "L2" }, { verdict: "reject" }], [day(73), day(74), day(75)]);
    await same("panel closed");
    await send(users.ministry1, id, "AWARD", { level: "L1", justification: "Incremental probe" }, day(76));
    const stats = await kept({ pilotId: w.pilot.id });
    expect(stats.deviations.cases.map((c) => c.caseId)).toContain(id);
    expect(stats.deviations.cases.find((c) => c.caseId === id)).toMatchObject({ justification: "Incremental probe", decidedBy: users.ministry1.name });
    await same("awarded");
    expect(statsCacheCounters.incremental - incremental).toBeGreaterThanOrEqual(5 * filters().length);
    expect(statsCacheCounters.full).toBe(full);
  });

  it("a case whose lab changes takes its earlier testing passes and reports to the new lab", async () => {
    const lab1 = w.orgs["Lab One"].id;
    const lab2 = w.orgs["Lab Two"].id;
    await same("before the move");
    const before = await kept({ pilotId: w.pilot.id });
    // What the door does when an event assigns another lab (stats-projection.ts): the case row and
    // its facts, with an event that names the case.
    const move = (to: string) =>
      db().$transaction(async (tx) => {
        await tx.case.update({ where: { id: ids.A }, data: { labOrgId: to } });
        await tx.statsFact.updateMany({ where: { caseId: ids.A }, data: { labOrgId: to } });
        await appendAuditEvent(tx, { caseId: ids.A, actorId: null, actorRole: "system", type: "ACCEPT", payload: { labId: to } });
      });
    await move(lab2);
    try {
      await same("moved");
      const after = await kept({ pilotId: w.pilot.id });
      const lab = (x: typeof after, id: string) => x.labs.find((l) => l.labOrgId === id)!;
      expect(lab(after, lab2).reportsSubmitted).toBe(lab(before, lab2).reportsSubmitted + 1);
      expect(lab(after, lab2).testingSamples).toBe(lab(before, lab2).testingSamples + 1);
      expect(lab(after, lab1).testingSamples).toBe(lab(before, lab1).testingSamples - 1);
    } finally {
      await move(lab1);
    }
    await same("moved back");
  });

  it("events written while a load reads, and a head that went backwards, are not missed", async () => {
    const { users } = w;
    await same("before");
    const id = await newCase("tv");
    // Loads and writes interleaved: whatever a load saw, the next one gives the full load's figures.
    const loading = Promise.all(filters().map((f) => cachedStatsRows(db(), dialect(), f, NOW, LIMITS)));
    await send(users.vendorA, id, "SUBMIT", {}, day(80));
    await loading;
    await send(users.secretariat, id, "ACCEPT", { labId: w.orgs["Lab Two"].id }, day(81));
    await same("interleaved");
    // A restored database: the head is lower than the cached one.
    const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const full = statsCacheCounters.full;
    await db().auditHead.update({ where: { id: 1 }, data: { seq: head.seq - 1 } });
    try {
      await kept({ pilotId: w.pilot.id });
      expect(statsCacheCounters.full).toBe(full + 1);
    } finally {
      await db().auditHead.update({ where: { id: 1 }, data: { seq: head.seq } });
    }
    await same("head restored");
  });
});
