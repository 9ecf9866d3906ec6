// The dashboard's event-derived rows, kept per filter and brought up to date incrementally when the
// audit chain's head moves (docs/decisions/0014-dashboard-projections.md, "Incremental loads").
// Every change the figures depend on (a case event, a vote, a decision, a finding, a pilot's limits)
// appends an audit event, and every change to a case or its projected facts appends one that names
// the case, so an unchanged head means unchanged rows, and the events after the cached head name
// every case whose figures may have changed. The cache is exact, not merely recent:
// - per case (replaced for each case the new events name): its state, scheme version, awarded level
//   and profile, lab, and its awards that deviate;
// - per fact (StatsFact rows are written once, numbered by their event; only their lab follows the
//   case's): the new facts numbered after the cached head are merged into sorted samples and counts;
//   when a named case's lab changed, its earlier testing passes and reports move to the new lab.
// A load that saw a case's lab change while it read (another writer, another process) is not
// continued from: the next load after a new event reads everything again, as does one after a head that went
// backwards (a restored database) or after many events. The cases in a timed stage are kept with
// the start of their pass, and the clock picks those over a limit at each load; overdue suspensions
// are read fresh.
import "server-only";
import type { Db } from "@/lib/db";
import { STAGES, type Stage, type StageLimits } from "@/lib/pilots/stage-limits";
import { byLatestDecision, DAY_MS, deviationEntry, LIST_LIMIT, sampleFiguresOfSorted, type PilotStats, type StatsRows } from "./stats";
import {
  addAwardDetails,
  caseProducts,
  caseRecordGroups,
  caseRecords,
  deviatingAwardRows,
  factRows,
  findingAndComplaintRows,
  labNames,
  loadOverdueSuspensions,
  projectedFigures,
  schemeCategories,
  timedStageCases,
  touchedCases,
  type CaseRecord,
  type FactRow,
  type StatsFilter,
} from "./load-stats";
import type { Dialect } from "./sql";

type Settled = Omit<StatsRows, "openStages" | "overdueSuspensions">;
type Deviation = PilotStats["deviations"]["cases"][number];
/** Filters kept (a whole pilot of 100k cases keeps about 22 MB: the cases' records, samples, deviations). */
const MAX_ENTRIES = 8;
/** More new events than this since the cached head: read everything again. */
const MAX_EVENTS = 2_000;

/** What one filter's figures are kept as, at audit head `head`. */
type State = {
  head: number;
  /** False when the head moved while the rows were read: the next head change reads everything. */
  clean: boolean;
  /** Each case's record (the cases read together share one object). */
  cases: Map<string, Omit<CaseRecord, "id">>;
  states: Map<string, number>;
  /** Awarded cases per scheme version, level and profile. */
  awarded: Map<string, { sv: string; level: string; profile: string | null; count: number }>;
  categories: Map<string, string>;
  deviationsByCase: Map<string, Deviation[]>;
  /** Every deviation, in the order the dashboard lists them (byLatestDecision). */
  deviations: Deviation[];
  samples: Record<Stage, Float64Array>;
  testingByLab: Map<string, Float64Array>;
  reportsByLab: Map<string, number>;
  labNames: Map<string, string>;
  panels: Map<string, { votes: number; majority: number; panels: number }>;
  appeals: Map<string, number>;
  other: Pick<StatsRows, "findingCounts" | "complaintStates" | "complaintCloseMs" | "complaintOutcomes">;
  /** Every case in a timed stage, with the start of its pass: the clock picks those over a limit at each load. */
  open: Map<string, Awaited<ReturnType<typeof timedStageCases>>[number]>;
  settled: Settled;
};

const g = globalThis as unknown as { zhijiStatsCache?: Map<string, { head: number; state: Promise<State> }> };
const cache = (g.zhijiStatsCache ??= new Map());

/** How the cached rows were last brought up to date (for the tests and the bench). */
export const statsCacheCounters = { full: 0, incremental: 0 };

export function clearStatsCache() {
  cache.clear();
}

async function readHead(database: Db): Promise<number> {
  return (await database.auditHead.findUnique({ where: { id: 1 } }))?.seq ?? 0;
}

/**
 * The case events that can change a case's lab (the certification machine assigns the lab on
 * ACCEPT; the door then moves the case's facts to it, stats-projection.ts).
 */
const LAB_EVENTS = ["ACCEPT"];

/**
 * Whether rows read while the head went from `head` to the head now can be continued from: the facts
 * are counted up to `head` exactly (their statements name it), the cases are replaced one by one when
 * later events name them, but a lab that changed while the rows were read may have been read for the
 * case and not yet for its facts (or the reverse).
 */
async function consistent(database: Db, head: number): Promise<boolean> {
  const end = await readHead(database);
  if (end === head) return true;
  if (end < head) return false;
  return !(await database.auditEvent.findFirst({ where: { seq: { gt: head, lte: end }, type: { in: LAB_EVENTS } }, select: { seq: true } }));
}

// ---- sorted samples ----------------------------------------------------------------------------

/** The sorted array with `add` merged in and one occurrence of each of `remove` taken out. */
function merged(sorted: Float64Array, add: number[], remove: number[] = []): Float64Array {
  if (add.length === 0 && remove.length === 0) return sorted;
  // A linear merge of the two sorted runs (the kept samples are many, the new ones few).
  const more = Float64Array.from(add).sort();
  const out = new Float64Array(sorted.length + more.length);
  let a = 0;
  let b = 0;
  let o = 0;
  while (a < sorted.length && b < more.length) out[o++] = sorted[a] <= more[b] ? sorted[a++] : more[b++];
  while (a < sorted.length) out[o++] = sorted[a++];
  while (b < more.length) out[o++] = more[b++];
  if (remove.length === 0) return out;
  const drop = Float64Array.from(remove).sort();
  const kept = new Float64Array(out.length - drop.length);
  let i = 0;
  let k = 0;
  for (const v of out) {
    if (i < drop.length && v === drop[i]) i++;
    else kept[k++] = v;
  }
  if (i !== drop.length) throw new Error("stats cache: a sample to move was not found");
  return kept;
}

const bump = <K>(m: Map<K, number>, k: K, n: number) => {
  const v = (m.get(k) ?? 0) + n;
  if (v === 0) m.delete(k);
  else m.set(k, v);
};

// ---- per case ------------------------------------------------------------------------------------

/** Adds n cases with this record to the counts (n < 0: takes them out). */
function addCase(s: State, c: Omit<CaseRecord, "id">, n: number) {
  bump(s.states, c.state, n);
  if (c.awardedLevel === null) return;
  const key = `${c.schemeVersionId}\u0000${c.awardedLevel}\u0000${c.labProfile ?? "\u0001"}`;
  const a = s.awarded.get(key) ?? { sv: c.schemeVersionId, level: c.awardedLevel, profile: c.labProfile, count: 0 };
  a.count += n;
  if (a.count === 0) s.awarded.delete(key);
  else s.awarded.set(key, a);
}

/** Index of the first entry not listed before `d` (binary search in the listing order). */
function listPosition(list: Deviation[], d: Deviation): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byLatestDecision(list[mid], d) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function setDeviations(s: State, caseId: string, entries: Deviation[]) {
  for (const d of s.deviationsByCase.get(caseId) ?? []) {
    const i = s.deviations.indexOf(d, Math.max(0, listPosition(s.deviations, d)));
    if (i >= 0) s.deviations.splice(i, 1);
  }
  if (entries.length) s.deviationsByCase.set(caseId, entries);
  else s.deviationsByCase.delete(caseId);
  for (const d of entries) s.deviations.splice(listPosition(s.deviations, d), 0, d);
}

function deviationsOf(awards: StatsRows["awards"]): Map<string, Deviation[]> {
  const out = new Map<string, Deviation[]>();
  for (const a of awards) {
    const e = deviationEntry(a);
    if (!e) continue;
    const list = out.get(a.caseId) ?? out.set(a.caseId, []).get(a.caseId)!;
    list.push(e);
  }
  return out;
}

// ---- facts ---------------------------------------------------------------------------------------

/** Adds the facts (sign 1) to the counts; the stage samples are returned per stage and per testing lab to merge. */
function addFacts(s: State, facts: FactRow[], sign: 1 | -1, samples: Map<string, number[]>, labSamples: Map<string, { add: number[]; remove: number[] }>) {
  for (const r of facts) {
    if (r.kind === "stage" && r.key !== null && r.ms !== null && (STAGES as readonly string[]).includes(r.key)) {
      if (sign === 1) (samples.get(r.key) ?? samples.set(r.key, []).get(r.key)!).push(r.ms);
      if (r.key === "testing" && r.labOrgId) {
        const l = labSamples.get(r.labOrgId) ?? labSamples.set(r.labOrgId, { add: [], remove: [] }).get(r.labOrgId)!;
        (sign === 1 ? l.add : l.remove).push(r.ms);
      }
    } else if (r.kind === "report" && r.labOrgId) {
      bump(s.reportsByLab, r.labOrgId, sign);
    } else if (r.kind === "panel" && sign === 1 && r.votes !== null && r.votes > 0) {
      const key = `${r.votes}\u0000${r.majority}`;
      const p = s.panels.get(key) ?? s.panels.set(key, { votes: r.votes, majority: r.majority ?? 0, panels: 0 }).get(key)!;
      p.panels++;
    } else if (r.kind === "appeal" && sign === 1 && r.key) {
      bump(s.appeals, r.key, 1);
    }
  }
}

function mergeSamples(s: State, samples: Map<string, number[]>, labSamples: Map<string, { add: number[]; remove: number[] }>) {
  for (const [stage, add] of samples) s.samples[stage as Stage] = merged(s.samples[stage as Stage], add);
  for (const [lab, { add, remove }] of labSamples) {
    const next = merged(s.testingByLab.get(lab) ?? new Float64Array(0), add, remove);
    if (next.length) s.testingByLab.set(lab, next);
    else s.testingByLab.delete(lab);
  }
}

// ---- loads ---------------------------------------------------------------------------------------

function settle(s: State): Settled {
  const levels = new Map<string, StatsRows["awardedLevels"][number]>();
  const profiles = new Map<string, StatsRows["awardedProfiles"][number]>();
  for (const a of s.awarded.values()) {
    const category = s.categories.get(a.sv);
    if (category === undefined) continue;
    const lk = JSON.stringify([category, a.level]);
    const l = levels.get(lk) ?? levels.set(lk, { category, level: a.level, count: 0 }).get(lk)!;
    l.count += a.count;
    const pk = JSON.stringify([category, a.profile]);
    const p = profiles.get(pk) ?? profiles.set(pk, { category, profile: a.profile, count: 0 }).get(pk)!;
    p.count += a.count;
  }
  const listed = s.deviations.slice(0, LIST_LIMIT).map((d) => ({ ...d }));
  return {
    stateCounts: [...s.states].map(([state, count]) => ({ state, count })),
    stageSamples: [],
    sampleFigures: sampleFiguresOfSorted(s.samples, s.testingByLab),
    awardedLevels: [...levels.values()],
    awardedProfiles: [...profiles.values()],
    labReports: [...s.reportsByLab]
      .filter(([lab]) => s.labNames.has(lab))
      .map(([labOrgId, reports]) => ({ labOrgId, labName: s.labNames.get(labOrgId)!, reports })),
    panels: [...s.panels.values()].map((p) => ({ ...p })),
    awards: [],
    deviations: { total: s.deviations.length, cases: listed },
    ...s.other,
    appealEvents: [...s.appeals].map(([type, count]) => ({ type, count })),
  };
}

/** The listed deviations' product, justification and decider (all of them again, or only those not read yet). */
async function detailListed(database: Db, s: State, all: boolean) {
  const missing = s.deviations.slice(0, LIST_LIMIT).filter((d) => all || d.product === "");
  if (missing.length === 0) return;
  const rows = missing.map((d) => ({ d, caseId: d.caseId, decidedAt: new Date(d.decidedAt), product: "", justification: null as string | null, decidedBy: null as string | null }));
  await addAwardDetails(database, rows);
  for (const r of rows) Object.assign(r.d, { product: r.product, justification: r.justification, decidedBy: r.decidedBy });
}

async function fullLoad(database: Db, d: Dialect, f: StatsFilter, head: number): Promise<State> {
  const [cases, categories, awards, figures, other, open] = await Promise.all([
    caseRecordGroups(database, d, f),
    schemeCategories(database),
    deviatingAwardRows(database, d, f),
    projectedFigures(database, d, f, head),
    findingAndComplaintRows(database, d, f),
    timedStageCases(database, f),
  ]);
  const s: State = {
    head,
    clean: false,
    cases: new Map(),
    states: new Map(),
    awarded: new Map(),
    categories,
    deviationsByCase: deviationsOf(awards),
    deviations: [],
    samples: Object.fromEntries(STAGES.map((stage) => [stage, new Float64Array(0)])) as Record<Stage, Float64Array>,
    testingByLab: new Map(),
    reportsByLab: new Map(figures.labReports.map((l) => [l.labOrgId, l.reports])),
    labNames: new Map(figures.labReports.map((l) => [l.labOrgId, l.labName])),
    panels: new Map(figures.panels.map((p) => [`${p.votes}\u0000${p.majority}`, { ...p }])),
    appeals: new Map(figures.appealEvents.map((a) => [a.type, a.count])),
    other,
    open: new Map(open.map((o) => [o.caseId, o])),
    settled: undefined as unknown as Settled,
  };
  for (const { record, ids } of cases) {
    for (const id of ids) s.cases.set(id, record);
    addCase(s, record, ids.length);
  }
  s.deviations = [...s.deviationsByCase.values()].flat().sort(byLatestDecision);
  const stageLists = new Map<Stage, number[][]>();
  for (const r of figures.stageSamples) {
    (stageLists.get(r.stage) ?? stageLists.set(r.stage, []).get(r.stage)!).push(r.ms);
    if (r.stage === "testing" && r.labOrgId) s.testingByLab.set(r.labOrgId, Float64Array.from(r.ms).sort());
  }
  for (const [stage, lists] of stageLists) {
    const all = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
    let k = 0;
    for (const l of lists) for (const v of l) all[k++] = v;
    s.samples[stage] = all.sort();
  }
  await detailListed(database, s, false);
  s.clean = await consistent(database, head);
  s.settled = settle(s);
  statsCacheCounters.full++;
  return s;
}

/** Brings `s` from its head to `head` with the events in between; null: read everything instead. */
async function advance(database: Db, d: Dialect, f: StatsFilter, s: State, head: number): Promise<State | null> {
  if (!s.clean || head < s.head) return null;
  const touched = await touchedCases(database, s.head, head, MAX_EVENTS);
  if (touched === null) return null;
  const [records, awards, facts, other, categories, open] = await Promise.all([
    caseRecords(database, f, touched),
    deviatingAwardRows(database, d, f, touched),
    factRows(database, f, { after: s.head, upTo: head }),
    findingAndComplaintRows(database, d, f),
    schemeCategories(database),
    timedStageCases(database, f, touched),
  ]);
  const now = new Map(records.map((c) => [c.id, c]));
  const moved = touched.filter((id) => s.cases.has(id) && now.has(id) && s.cases.get(id)!.labOrgId !== now.get(id)!.labOrgId);
  const earlier = await factRows(database, f, { caseIds: moved, upTo: s.head });
  // Names are read again (an organisation's name may change without a case event).
  const labs = [...new Set([...s.reportsByLab.keys(), ...facts.map((r) => r.labOrgId), ...records.map((r) => r.labOrgId)].filter((l): l is string => !!l))];
  const names = await labNames(database, labs);

  // Everything read: from here on `s` changes (a failure below makes the caller read everything).
  s.categories = categories;
  s.labNames = names;
  const samples = new Map<string, number[]>();
  const labSamples = new Map<string, { add: number[]; remove: number[] }>();
  // A case whose lab changed: its earlier passes and reports leave the old lab (as cached) for the new one.
  const oldLab = new Map(moved.map((id) => [id, s.cases.get(id)!.labOrgId]));
  addFacts(s, earlier.map((r) => ({ ...r, labOrgId: oldLab.get(r.caseId) ?? null })), -1, samples, labSamples);
  addFacts(s, earlier, 1, new Map(), labSamples);
  addFacts(s, facts, 1, samples, labSamples);
  mergeSamples(s, samples, labSamples);
  const deviations = deviationsOf(awards);
  for (const id of touched) {
    const before = s.cases.get(id);
    if (before) addCase(s, before, -1);
    const after = now.get(id);
    if (after) {
      addCase(s, after, 1);
      s.cases.set(id, after);
    } else {
      s.cases.delete(id);
    }
    setDeviations(s, id, deviations.get(id) ?? []);
    s.open.delete(id);
  }
  for (const o of open) s.open.set(o.caseId, o);
  s.other = other;
  s.head = head;
  await detailListed(database, s, true);
  s.clean = await consistent(database, head);
  s.settled = settle(s);
  statsCacheCounters.incremental++;
  return s;
}

export async function cachedStatsRows(database: Db, d: Dialect, f: StatsFilter, now: Date, limits: StageLimits): Promise<StatsRows> {
  const head = await readHead(database);
  const key = JSON.stringify([d, f.pilotId, f.category ?? null, f.from?.toISOString() ?? null, f.to?.toISOString() ?? null]);
  let entry = cache.get(key);
  if (!entry || entry.head !== head) {
    const previous = entry?.state;
    const kept: Promise<State | null> = previous ? previous.catch(() => null) : Promise.resolve(null);
    const state: Promise<State> = kept
      // A failed step leaves the kept state half changed: it is dropped, and everything read again.
      .then(async (s) => (s && (await advance(database, d, f, s, head).catch(() => null))) || fullLoad(database, d, f, head))
      .catch((e: unknown) => {
        if (cache.get(key)?.state === state) cache.delete(key);
        throw e;
      });
    entry = { head, state };
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  const [state, overdueSuspensions] = await Promise.all([entry.state, loadOverdueSuspensions(database, f, now)]);
  return { ...state.settled, openStages: await overLimit(database, state.open.values(), now, limits), overdueSuspensions };
}

/**
 * The cases whose current pass began before now − their stage's limit (loadOpenStages' rows, from
 * the kept ones). Their products are read the first time they are over (and kept with them).
 */
async function overLimit(database: Db, open: Iterable<State["open"] extends Map<string, infer V> ? V : never>, now: Date, limits: StageLimits): Promise<StatsRows["openStages"]> {
  const over = [];
  for (const o of open) {
    const days = limits[o.stage];
    if (days === undefined || o.enteredAt === null) continue;
    if (o.enteredAt.getTime() < now.getTime() - days * DAY_MS) over.push(o);
  }
  const unnamed = over.filter((o) => o.product === null);
  if (unnamed.length) {
    const products = await caseProducts(database, unnamed.map((o) => o.caseId));
    for (const o of unnamed) o.product = products.get(o.caseId) ?? null;
  }
  // A case whose product row is gone is left out, as loadOpenStages' join leaves it out.
  return over.filter((o) => o.product !== null).map((o) => ({ caseId: o.caseId, stage: o.stage, enteredAt: o.enteredAt!, product: o.product! }));
}
