// The pilot dashboard's figures, computed purely from plain rows (load-stats.ts fetches them, with
// the heavy reductions done in SQL). Definitions, so that every number can be re-derived:
// - A stage sample is one completed pass through a stage, from the event that entered it to the
//   event that completed it: screening SUBMIT→ACCEPT; testing ACCEPT (or a retest) →SUBMIT_REPORT;
//   review SUBMIT_REPORT (or REMAND, UPHOLD_APPEAL) → the VOTE or RECUSE that closed the panel into
//   decision; decision → AWARD or DENY. Passes that ended otherwise (returned, withdrawn, sent to
//   retest, remanded) are not samples.
// - Median: the middle sample, or the mean of the two middle ones. 90th percentile: nearest rank,
//   the ⌈0.9·n⌉-th smallest sample.
// - A case is over a stage's limit when it has been in that stage (its current pass) for longer
//   than the pilot's limit in days.
// - Panel agreement over closed panels: the share of panels whose votes were all the same
//   verdict, and the mean over panels of (votes for the most common verdict ÷ votes).
// - An overdue suspension is a suspended case whose date to correct by (Case.correctBy) has passed;
//   its days overdue are whole days since that date.
// - Complaints (about the filtered cases): received is every complaint, open those not closed, and
//   the median time to close is over the closed ones, from receipt to closing (same median as above).
// - A deviation is an AWARD whose level differs from the panel's recommendation (or the panel did
//   not recommend approval), or from the lab's determined level.
import { STAGES, type Stage, type StageLimits } from "@/lib/pilots/stage-limits";
import { DAY_MS, isLevel as isDomainLevel, LEVELS, type Level } from "@/lib/domain";

export { DAY_MS } from "@/lib/domain";
export const LIST_LIMIT = 100;
type LevelKey = Level;
const ELEMENT_ORDER = ["perception", "cognition", "execution", "memory", "learning"];
const STATE_ORDER = [
  "draft", "screening", "testing", "review.forming", "review.voting", "decision", "certified", "suspended",
  "rejected", "appeal", "withdrawn", "revoked", "expired",
];

export type StatsRows = {
  stateCounts: { state: string; count: number }[];
  /** Completed stage passes, in milliseconds, grouped by stage and the case's lab. */
  stageSamples: { stage: Stage; labOrgId: string | null; ms: number[] }[];
  /** Cases now in a timed stage (the loader may leave out those that cannot be over the limit). */
  openStages: { caseId: string; stage: Stage; enteredAt: Date; product: string }[];
  awardedLevels: { category: string; level: string; count: number }[];
  /** labProfile (JSON element → level) of awarded cases, with how many cases share it. */
  awardedProfiles: { category: string; profile: string | null; count: number }[];
  labReports: { labOrgId: string; labName: string; reports: number }[];
  /** Closed panels grouped by size and the size of their majority. */
  panels: { votes: number; majority: number; panels: number }[];
  /** Awards (the loader may leave out those that deviate from nothing). */
  awards: {
    caseId: string;
    product: string;
    level: string;
    labLevel: string | null;
    /** Case.recommendation: JSON {verdict, level, approve, reject, retest}. */
    recommendation: string | null;
    justification: string | null;
    decidedAt: Date;
    decidedBy: string | null;
  }[];
  findingCounts: { status: string; count: number }[];
  /** Overdue suspensions: how many, and the longest overdue (the loader lists at most LIST_LIMIT). */
  overdueSuspensions: { total: number; cases: { caseId: string; product: string; correctBy: Date }[] };
  /** Complaints per state (received | investigating | closed). */
  complaintStates: { state: string; count: number }[];
  /** Receipt to closing of each closed complaint, in milliseconds. */
  complaintCloseMs: number[];
  /** Appeal events on the filtered cases (APPEAL, UPHOLD_APPEAL, DISMISS_APPEAL), counted by type. */
  appealEvents?: { type: string; count: number }[];
  /** Closed complaints by outcome (no_action | vendor_response | surveillance | suspension_recommended). */
  complaintOutcomes?: { outcome: string | null; count: number }[];
  /**
   * The stage samples' figures, when the loader keeps the samples sorted itself (stats-cache.ts,
   * incremental): then stageSamples is not read. Same definitions (sampleFiguresOfSorted).
   */
  sampleFigures?: SampleFigures;
  /** The deviations, when the loader keeps them listed itself (stats-cache.ts): then awards is not read. */
  deviations?: PilotStats["deviations"];
};

export type StageTime = { stage: Stage; samples: number; medianMs: number | null; p90Ms: number | null; limitDays: number | null };

export type PilotStats = {
  now: string;
  totalCases: number;
  casesByState: { state: string; count: number }[];
  stageTimes: StageTime[];
  overLimit: {
    total: number;
    byStage: Record<Stage, number>;
    /** The longest-overdue first, at most LIST_LIMIT. */
    cases: { caseId: string; product: string; stage: Stage; enteredAt: string; elapsedMs: number; limitDays: number }[];
  };
  levels: {
    byCategory: ({ category: string; total: number } & Record<LevelKey, number>)[];
    byElement: ({ category: string; element: string; none: number } & Record<LevelKey, number>)[];
  };
  labs: { labOrgId: string; labName: string; reportsSubmitted: number; testingSamples: number; medianTestingMs: number | null }[];
  panels: { closed: number; unanimous: number; unanimousShare: number | null; meanMajorityShare: number | null };
  deviations: {
    total: number;
    cases: {
      caseId: string;
      product: string;
      awardedLevel: string;
      recommendedVerdict: string | null;
      recommendedLevel: string | null;
      labLevel: string | null;
      differsFrom: ("recommendation" | "lab")[];
      justification: string | null;
      decidedAt: string;
      decidedBy: string | null;
    }[];
  };
  findings: { open: number; answered: number; closed: number };
  overdueSuspensions: { total: number; cases: { caseId: string; product: string; correctBy: string; daysOverdue: number }[] };
  complaints: { received: number; open: number; closed: number; medianCloseMs: number | null; outcomes: Record<string, number> };
  /** Appeals filed on the filtered cases, and how they ended: upheld, dismissed, or still pending. */
  appeals: { filed: number; upheld: number; dismissed: number; pending: number };
};

/** Ascending, numerically (a typed array sorts numbers without a comparator, and fast). */
function sorted(samples: readonly number[]): Float64Array {
  return Float64Array.from(samples).sort();
}

function medianOfSorted(s: Float64Array): number | null {
  if (s.length === 0) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function percentileOfSorted(s: Float64Array, p: number): number | null {
  if (s.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p * s.length) / 100));
  return s[Math.min(rank, s.length) - 1];
}

/** Median of samples (mean of the two middle ones for an even count); null when empty. */
export function median(samples: readonly number[]): number | null {
  return medianOfSorted(sorted(samples));
}

/** Nearest-rank percentile (p in 1…100): the ⌈p·n/100⌉-th smallest sample; null when empty. */
export function percentile(samples: readonly number[], p: number): number | null {
  return percentileOfSorted(sorted(samples), p);
}

function emptyLevels(): Record<LevelKey, number> {
  return Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<LevelKey, number>;
}

const isLevel = isDomainLevel;

function parseObject(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const elementRank = (e: string) => {
  const i = ELEMENT_ORDER.indexOf(e);
  return i < 0 ? ELEMENT_ORDER.length : i;
};
const stateRank = (s: string) => {
  const i = STATE_ORDER.indexOf(s);
  return i < 0 ? STATE_ORDER.length : i;
};

/** What an award deviates from (nothing: an empty list), by the definition above. */
export function deviationOf(a: Pick<StatsRows["awards"][number], "level" | "labLevel" | "recommendation">) {
  const rec = parseObject(a.recommendation);
  const recommendedVerdict = typeof rec?.verdict === "string" ? rec.verdict : null;
  const recommendedLevel = typeof rec?.level === "string" ? rec.level : null;
  const differsFrom: ("recommendation" | "lab")[] = [];
  if (recommendedVerdict !== "approve" || recommendedLevel !== a.level) differsFrom.push("recommendation");
  if (a.labLevel !== a.level) differsFrom.push("lab");
  return { recommendedVerdict, recommendedLevel, differsFrom };
}

/** The order deviations are listed in: the latest decision first, then by case id. */
export function byLatestDecision(a: { decidedAt: string; caseId: string }, b: { decidedAt: string; caseId: string }): number {
  // ISO times (toISOString, one format) differ only in digits, so comparing their code units orders
  // them as localeCompare does, without its cost (10k deviations are sorted on a full load).
  if (a.decidedAt !== b.decidedAt) return a.decidedAt < b.decidedAt ? 1 : -1;
  return a.caseId.localeCompare(b.caseId);
}

export type SampleFigures = {
  byStage: Record<Stage, { samples: number; medianMs: number | null; p90Ms: number | null }>;
  testingByLab: Map<string, { samples: number; medianMs: number | null }>;
};

/** The figures of samples already sorted ascending: per stage, and the testing passes per lab. */
export function sampleFiguresOfSorted(byStage: Record<Stage, Float64Array>, testingByLab: Map<string, Float64Array>): SampleFigures {
  const out = {} as SampleFigures["byStage"];
  for (const stage of STAGES) {
    const ms = byStage[stage];
    out[stage] = { samples: ms.length, medianMs: medianOfSorted(ms), p90Ms: percentileOfSorted(ms, 90) };
  }
  const labs = new Map<string, { samples: number; medianMs: number | null }>();
  for (const [lab, ms] of testingByLab) if (ms.length > 0) labs.set(lab, { samples: ms.length, medianMs: medianOfSorted(ms) });
  return { byStage: out, testingByLab: labs };
}

/** One award as the dashboard lists a deviation (null: it deviates from nothing). */
export function deviationEntry(a: StatsRows["awards"][number]): PilotStats["deviations"]["cases"][number] | null {
  const { recommendedVerdict, recommendedLevel, differsFrom } = deviationOf(a);
  if (differsFrom.length === 0) return null;
  return {
    caseId: a.caseId,
    product: a.product,
    awardedLevel: a.level,
    recommendedVerdict,
    recommendedLevel,
    labLevel: a.labLevel,
    differsFrom,
    justification: a.justification,
    decidedAt: a.decidedAt.toISOString(),
    decidedBy: a.decidedBy,
  };
}
// The sorted samples' figures per list of samples: the cached rows (stats-cache.ts) hand the same
// list to every load until the audit head moves, so a cached load sorts nothing.
const sampleFiguresOf = new WeakMap<StatsRows["stageSamples"], SampleFigures>();

function stageSampleFigures(stageSamples: StatsRows["stageSamples"]): SampleFigures {
  const known = sampleFiguresOf.get(stageSamples);
  if (known) return known;
  const byStage = {} as SampleFigures["byStage"];
  for (const stage of STAGES) {
    const out: number[] = [];
    for (const r of stageSamples) if (r.stage === stage) for (const ms of r.ms) out.push(ms);
    const ms = sorted(out);
    byStage[stage] = { samples: ms.length, medianMs: medianOfSorted(ms), p90Ms: percentileOfSorted(ms, 90) };
  }
  const lists = new Map<string, number[]>();
  for (const r of stageSamples) {
    if (r.stage !== "testing" || !r.labOrgId) continue;
    const list = lists.get(r.labOrgId) ?? [];
    for (const ms of r.ms) list.push(ms);
    lists.set(r.labOrgId, list);
  }
  const testingByLab = new Map([...lists].map(([lab, ms]) => [lab, { samples: ms.length, medianMs: median(ms) }]));
  const figures = { byStage, testingByLab };
  sampleFiguresOf.set(stageSamples, figures);
  return figures;
}

export function computePilotStats(rows: StatsRows, opts: { now: Date; limits: StageLimits }): PilotStats {
  const { now, limits } = opts;

  const casesByState = rows.stateCounts
    .filter((r) => r.count > 0)
    .sort((a, b) => stateRank(a.state) - stateRank(b.state) || a.state.localeCompare(b.state));
  const totalCases = casesByState.reduce((n, r) => n + r.count, 0);

  const sampleFigures = rows.sampleFigures ?? stageSampleFigures(rows.stageSamples);
  const stageTimes: StageTime[] = STAGES.map((stage) => ({ stage, ...sampleFigures.byStage[stage], limitDays: limits[stage] ?? null }));

  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const overdue: PilotStats["overLimit"]["cases"] = [];
  for (const o of rows.openStages) {
    const limitDays = limits[o.stage];
    if (limitDays === undefined) continue;
    const elapsedMs = now.getTime() - o.enteredAt.getTime();
    if (elapsedMs <= limitDays * DAY_MS) continue;
    byStage[o.stage]++;
    overdue.push({ caseId: o.caseId, product: o.product, stage: o.stage, enteredAt: o.enteredAt.toISOString(), elapsedMs, limitDays });
  }
  overdue.sort((a, b) => b.elapsedMs - a.elapsedMs || a.caseId.localeCompare(b.caseId));

  const categories = new Map<string, { category: string; total: number } & Record<LevelKey, number>>();
  for (const r of rows.awardedLevels) {
    if (!isLevel(r.level)) continue;
    const c = categories.get(r.category) ?? { category: r.category, total: 0, ...emptyLevels() };
    c[r.level] += r.count;
    c.total += r.count;
    categories.set(r.category, c);
  }
  const elements = new Map<string, { category: string; element: string; none: number } & Record<LevelKey, number>>();
  for (const r of rows.awardedProfiles) {
    const profile = parseObject(r.profile);
    if (!profile) continue;
    for (const [element, level] of Object.entries(profile)) {
      const key = `${r.category}\u0000${element}`;
      const e = elements.get(key) ?? { category: r.category, element, none: 0, ...emptyLevels() };
      if (isLevel(level)) e[level] += r.count;
      else e.none += r.count;
      elements.set(key, e);
    }
  }

  const labs = rows.labReports
    .map((l) => {
      const t = sampleFigures.testingByLab.get(l.labOrgId);
      return { labOrgId: l.labOrgId, labName: l.labName, reportsSubmitted: l.reports, testingSamples: t?.samples ?? 0, medianTestingMs: t?.medianMs ?? null };
    })
    .sort((a, b) => b.reportsSubmitted - a.reportsSubmitted || a.labName.localeCompare(b.labName));

  let closed = 0;
  let unanimous = 0;
  let majorityShares = 0;
  // In one order (by size, then majority), so that the sum of shares does not depend on the rows' order.
  const panelRows = [...rows.panels].sort((x, y) => x.votes - y.votes || x.majority - y.majority);
  for (const p of panelRows) {
    if (p.votes <= 0 || p.panels <= 0) continue;
    closed += p.panels;
    if (p.majority === p.votes) unanimous += p.panels;
    majorityShares += (p.panels * p.majority) / p.votes;
  }

  const deviations: PilotStats["deviations"]["cases"] = [];
  if (!rows.deviations) {
    for (const a of rows.awards) {
      const entry = deviationEntry(a);
      if (entry) deviations.push(entry);
    }
    deviations.sort(byLatestDecision);
  }

  const findingCount = (status: string) => rows.findingCounts.filter((f) => f.status === status).reduce((n, f) => n + f.count, 0);

  return {
    now: now.toISOString(),
    totalCases,
    casesByState,
    stageTimes,
    overLimit: { total: overdue.length, byStage, cases: overdue.slice(0, LIST_LIMIT) },
    levels: {
      byCategory: [...categories.values()].sort((a, b) => a.category.localeCompare(b.category)),
      byElement: [...elements.values()].sort(
        (a, b) => a.category.localeCompare(b.category) || elementRank(a.element) - elementRank(b.element) || a.element.localeCompare(b.element),
      ),
    },
    labs,
    panels: {
      closed,
      unanimous,
      unanimousShare: closed ? unanimous / closed : null,
      meanMajorityShare: closed ? majorityShares / closed : null,
    },
    deviations: rows.deviations ?? { total: deviations.length, cases: deviations.slice(0, LIST_LIMIT) },
    findings: { open: findingCount("open"), answered: findingCount("answered"), closed: findingCount("closed") },
    overdueSuspensions: {
      total: rows.overdueSuspensions.total,
      cases: rows.overdueSuspensions.cases.map((c) => ({
        caseId: c.caseId,
        product: c.product,
        correctBy: c.correctBy.toISOString(),
        daysOverdue: Math.max(0, Math.floor((now.getTime() - c.correctBy.getTime()) / DAY_MS)),
      })),
    },
    complaints: complaintFigures(rows),
    appeals: appealFigures(rows),
  };
}

/** Appeals filed, upheld and dismissed (from their audit events); pending is filed less decided. */
export function appealFigures(rows: Pick<StatsRows, "appealEvents">): PilotStats["appeals"] {
  const count = (type: string) => (rows.appealEvents ?? []).filter((e) => e.type === type).reduce((n, e) => n + e.count, 0);
  const filed = count("APPEAL");
  const upheld = count("UPHOLD_APPEAL");
  const dismissed = count("DISMISS_APPEAL");
  return { filed, upheld, dismissed, pending: Math.max(0, filed - upheld - dismissed) };
}

/** Received, open and closed complaints, and the median time from receipt to closing (null when none closed). */
export function complaintFigures(rows: Pick<StatsRows, "complaintStates" | "complaintCloseMs" | "complaintOutcomes">): PilotStats["complaints"] {
  const received = rows.complaintStates.reduce((n, s) => n + s.count, 0);
  const closed = rows.complaintStates.filter((s) => s.state === "closed").reduce((n, s) => n + s.count, 0);
  const outcomes: Record<string, number> = {};
  for (const o of rows.complaintOutcomes ?? []) if (o.outcome) outcomes[o.outcome] = (outcomes[o.outcome] ?? 0) + o.count;
  return { received, open: received - closed, closed, medianCloseMs: median(rows.complaintCloseMs), outcomes };
}
