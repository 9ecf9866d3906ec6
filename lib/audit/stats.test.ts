import { describe, expect, it } from "vitest";
import { appealFigures, complaintFigures, computePilotStats, median, percentile, DAY_MS, LIST_LIMIT, type StatsRows } from "./stats";

const H = 3_600_000;
const NOW = new Date("2026-07-01T00:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const EMPTY: StatsRows = {
  stateCounts: [],
  stageSamples: [],
  openStages: [],
  awardedLevels: [],
  awardedProfiles: [],
  labReports: [],
  panels: [],
  awards: [],
  findingCounts: [],
  overdueSuspensions: { total: 0, cases: [] },
  complaintStates: [],
  complaintCloseMs: [],
};

describe("median and 90th percentile", () => {
  it("median is the middle sample, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it("the 90th percentile is the nearest rank ⌈0.9·n⌉", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], 90)).toBe(10); // ⌈9.9⌉ = 10th of 11
    expect(percentile([7], 90)).toBe(7);
    expect(percentile(Array.from({ length: 30 }, (_, i) => i + 1), 90)).toBe(27);
    expect(percentile([], 90)).toBeNull();
  });
});

describe("computePilotStats on a fixture of known timings and levels", () => {
  const rows: StatsRows = {
    ...EMPTY,
    stateCounts: [
      { state: "certified", count: 3 },
      { state: "draft", count: 2 },
      { state: "review.voting", count: 1 },
      { state: "expired", count: 0 },
    ],
    stageSamples: [
      { stage: "screening", labOrgId: null, ms: [2 * DAY_MS, 4 * DAY_MS, 1 * DAY_MS, 3 * DAY_MS] },
      { stage: "testing", labOrgId: "lab-1", ms: [10 * DAY_MS, 20 * DAY_MS, 30 * DAY_MS] },
      { stage: "testing", labOrgId: "lab-2", ms: [5 * DAY_MS, 6 * H] },
      { stage: "review", labOrgId: "lab-1", ms: [3 * DAY_MS] },
    ],
    openStages: [
      { caseId: "exactly-at-limit", stage: "testing", enteredAt: ago(45 * DAY_MS), product: "P1" },
      { caseId: "one-ms-over", stage: "testing", enteredAt: ago(45 * DAY_MS + 1), product: "P2" },
      { caseId: "long-over", stage: "review", enteredAt: ago(40 * DAY_MS), product: "P3" },
      { caseId: "no-limit", stage: "decision", enteredAt: ago(400 * DAY_MS), product: "P4" },
    ],
    awardedLevels: [
      { category: "phone", level: "L3", count: 2 },
      { category: "phone", level: "L1", count: 1 },
      { category: "car", level: "L2", count: 4 },
    ],
    awardedProfiles: [
      { category: "phone", profile: JSON.stringify({ perception: "L3", memory: null, cognition: "L2" }), count: 2 },
      { category: "phone", profile: JSON.stringify({ perception: "L1", memory: "L1", cognition: "L1" }), count: 1 },
      { category: "phone", profile: null, count: 5 },
    ],
    labReports: [
      { labOrgId: "lab-2", labName: "Lab Two", reports: 2 },
      { labOrgId: "lab-1", labName: "Lab One", reports: 3 },
    ],
    panels: [
      { votes: 3, majority: 3, panels: 4 },
      { votes: 3, majority: 2, panels: 1 },
      { votes: 5, majority: 3, panels: 1 },
    ],
    awards: [
      { caseId: "agrees", product: "A", level: "L2", labLevel: "L2", recommendation: JSON.stringify({ verdict: "approve", level: "L2" }), justification: null, decidedAt: ago(3 * DAY_MS), decidedBy: "M1" },
      { caseId: "above-panel", product: "B", level: "L3", labLevel: "L3", recommendation: JSON.stringify({ verdict: "approve", level: "L2" }), justification: "Lab evidence", decidedAt: ago(2 * DAY_MS), decidedBy: "M1" },
      { caseId: "below-lab", product: "C", level: "L1", labLevel: "L2", recommendation: JSON.stringify({ verdict: "approve", level: "L1" }), justification: "Memory borderline", decidedAt: ago(DAY_MS), decidedBy: "M2" },
      { caseId: "against-reject", product: "D", level: "L1", labLevel: "L1", recommendation: JSON.stringify({ verdict: "reject", level: null }), justification: "Overruled", decidedAt: ago(4 * DAY_MS), decidedBy: "M2" },
    ],
    findingCounts: [
      { status: "open", count: 2 },
      { status: "answered", count: 1 },
      { status: "closed", count: 5 },
    ],
  };
  const s = computePilotStats(rows, { now: NOW, limits: { screening: 10, testing: 45, review: 20 } });

  it("counts cases per state in lifecycle order, leaving out empty states", () => {
    expect(s.totalCases).toBe(6);
    expect(s.casesByState).toEqual([
      { state: "draft", count: 2 },
      { state: "review.voting", count: 1 },
      { state: "certified", count: 3 },
    ]);
  });

  it("gives median and 90th percentile per stage over every lab's samples", () => {
    expect(s.stageTimes).toEqual([
      { stage: "screening", samples: 4, medianMs: 2.5 * DAY_MS, p90Ms: 4 * DAY_MS, limitDays: 10 },
      { stage: "testing", samples: 5, medianMs: 10 * DAY_MS, p90Ms: 30 * DAY_MS, limitDays: 45 },
      { stage: "review", samples: 1, medianMs: 3 * DAY_MS, p90Ms: 3 * DAY_MS, limitDays: 20 },
      { stage: "decision", samples: 0, medianMs: null, p90Ms: null, limitDays: null },
    ]);
  });

  it("a case is over the limit only when strictly longer than the limit; stages without a limit never are", () => {
    expect(s.overLimit.total).toBe(2);
    expect(s.overLimit.byStage).toEqual({ screening: 0, testing: 1, review: 1, decision: 0 });
    expect(s.overLimit.cases).toEqual([
      { caseId: "one-ms-over", product: "P2", stage: "testing", enteredAt: ago(45 * DAY_MS + 1).toISOString(), elapsedMs: 45 * DAY_MS + 1, limitDays: 45 },
      { caseId: "long-over", product: "P3", stage: "review", enteredAt: ago(40 * DAY_MS).toISOString(), elapsedMs: 40 * DAY_MS, limitDays: 20 },
    ]);
  });

  it("distributes awarded levels per category and element levels per category and element", () => {
    expect(s.levels.byCategory).toEqual([
      { category: "car", total: 4, L1: 0, L2: 4, L3: 0, L4: 0 },
      { category: "phone", total: 3, L1: 1, L2: 0, L3: 2, L4: 0 },
    ]);
    expect(s.levels.byElement).toEqual([
      { category: "phone", element: "perception", L1: 1, L2: 0, L3: 2, L4: 0, none: 0 },
      { category: "phone", element: "cognition", L1: 1, L2: 2, L3: 0, L4: 0, none: 0 },
      { category: "phone", element: "memory", L1: 1, L2: 0, L3: 0, L4: 0, none: 2 },
    ]);
  });

  it("gives each lab's submitted reports and median testing time", () => {
    expect(s.labs).toEqual([
      { labOrgId: "lab-1", labName: "Lab One", reportsSubmitted: 3, testingSamples: 3, medianTestingMs: 20 * DAY_MS },
      { labOrgId: "lab-2", labName: "Lab Two", reportsSubmitted: 2, testingSamples: 2, medianTestingMs: (5 * DAY_MS + 6 * H) / 2 },
    ]);
  });

  it("measures panel agreement over closed panels", () => {
    expect(s.panels.closed).toBe(6);
    expect(s.panels.unanimous).toBe(4);
    expect(s.panels.unanimousShare).toBeCloseTo(4 / 6, 12);
    // (4·1 + 2/3 + 3/5) / 6
    expect(s.panels.meanMajorityShare).toBeCloseTo((4 + 2 / 3 + 3 / 5) / 6, 12);
  });

  it("lists awards that differ from the panel or the lab, newest first, with the justification", () => {
    expect(s.deviations.total).toBe(3);
    expect(s.deviations.cases.map((c) => [c.caseId, c.differsFrom, c.justification, c.recommendedVerdict])).toEqual([
      ["below-lab", ["lab"], "Memory borderline", "approve"],
      ["above-panel", ["recommendation"], "Lab evidence", "approve"],
      ["against-reject", ["recommendation"], "Overruled", "reject"],
    ]);
  });

  it("counts findings by status", () => {
    expect(s.findings).toEqual({ open: 2, answered: 1, closed: 5 });
  });

  it("an empty pilot has no figures rather than made-up ones", () => {
    const e = computePilotStats(EMPTY, { now: NOW, limits: {} });
    expect(e.totalCases).toBe(0);
    expect(e.stageTimes.every((x) => x.medianMs === null && x.p90Ms === null && x.samples === 0)).toBe(true);
    expect(e.panels).toEqual({ closed: 0, unanimous: 0, unanimousShare: null, meanMajorityShare: null });
  });

  it("caps the lists but not the totals", () => {
    const many = computePilotStats(
      { ...EMPTY, openStages: Array.from({ length: LIST_LIMIT + 5 }, (_, i) => ({ caseId: `c${i}`, stage: "screening" as const, enteredAt: ago((11 + i) * DAY_MS), product: "P" })) },
      { now: NOW, limits: { screening: 10 } },
    );
    expect(many.overLimit.total).toBe(LIST_LIMIT + 5);
    expect(many.overLimit.cases).toHaveLength(LIST_LIMIT);
    expect(many.overLimit.cases[0].caseId).toBe(`c${LIST_LIMIT + 4}`);
  });
});

describe("due process on the dashboard: overdue suspensions and complaints", () => {
  it("gives each overdue suspension its whole days past the date to correct by, keeping the loader's total", () => {
    const stats = computePilotStats(
      {
        ...EMPTY,
        overdueSuspensions: {
          total: 3,
          cases: [
            { caseId: "a", product: "Aurora A1", correctBy: ago(10 * DAY_MS + H) },
            { caseId: "b", product: "Borealis B1", correctBy: ago(H) },
          ],
        },
      },
      { now: NOW, limits: {} },
    );
    expect(stats.overdueSuspensions.total).toBe(3);
    expect(stats.overdueSuspensions.cases).toEqual([
      { caseId: "a", product: "Aurora A1", correctBy: ago(10 * DAY_MS + H).toISOString(), daysOverdue: 10 },
      { caseId: "b", product: "Borealis B1", correctBy: ago(H).toISOString(), daysOverdue: 0 },
    ]);
  });

  it("counts complaints received, open and closed, with the median time to close over an odd count", () => {
    const figures = complaintFigures({
      complaintStates: [
        { state: "received", count: 2 },
        { state: "investigating", count: 1 },
        { state: "closed", count: 3 },
      ],
      complaintCloseMs: [9 * DAY_MS, 2 * DAY_MS, 4 * DAY_MS],
    });
    expect(figures).toEqual({ received: 6, open: 3, closed: 3, medianCloseMs: 4 * DAY_MS, outcomes: {} });
  });

  it("takes the mean of the two middle closing times over an even count", () => {
    const figures = complaintFigures({ complaintStates: [{ state: "closed", count: 4 }], complaintCloseMs: [1, 3, 10, 5].map((d) => d * DAY_MS) });
    expect(figures).toEqual({ received: 4, open: 0, closed: 4, medianCloseMs: 4 * DAY_MS, outcomes: {} });
  });

  it("has no median when no complaint was closed, and zeros when there are none", () => {
    expect(complaintFigures({ complaintStates: [{ state: "received", count: 2 }], complaintCloseMs: [] })).toEqual({ received: 2, open: 2, closed: 0, medianCloseMs: null, outcomes: {} });
    expect(computePilotStats(EMPTY, { now: NOW, limits: {} }).complaints).toEqual({ received: 0, open: 0, closed: 0, medianCloseMs: null, outcomes: {} });
    expect(computePilotStats(EMPTY, { now: NOW, limits: {} }).appeals).toEqual({ filed: 0, upheld: 0, dismissed: 0, pending: 0 });
    expect(computePilotStats(EMPTY, { now: NOW, limits: {} }).overdueSuspensions).toEqual({ total: 0, cases: [] });
  });

  it("counts closed complaints by outcome, and appeals filed, upheld, dismissed and pending", () => {
    const figures = complaintFigures({
      complaintStates: [{ state: "closed", count: 3 }],
      complaintCloseMs: [1, 2, 3].map((d) => d * DAY_MS),
      complaintOutcomes: [{ outcome: "no_action", count: 2 }, { outcome: "surveillance", count: 1 }, { outcome: null, count: 0 }],
    });
    expect(figures.outcomes).toEqual({ no_action: 2, surveillance: 1 });
    expect(appealFigures({ appealEvents: [{ type: "APPEAL", count: 4 }, { type: "UPHOLD_APPEAL", count: 1 }, { type: "DISMISS_APPEAL", count: 2 }] })).toEqual({ filed: 4, upheld: 1, dismissed: 2, pending: 1 });
  });
});
