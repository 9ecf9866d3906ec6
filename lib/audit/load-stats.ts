// Fetches the plain rows that computePilotStats works on. The heavy reductions happen in SQL so
// that a pilot of 100k cases and 1M audit events is answered without loading either. Stage passes,
// reports, closed panels and appeals come from the projection the case door writes (StatsFact,
// stats-projection.ts, docs/decisions/0014-dashboard-projections.md): the durations arrive as one
// comma-joined list per stage and lab; everything else arrives grouped. eventFigures and
// appealRows derive the same rows from the audit events themselves (the reference the tests hold
// the projection to).
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Db } from "@/lib/db";
import { STAGES, type Stage, type StageLimits } from "@/lib/pilots/stage-limits";
import { byLatestDecision, DAY_MS, deviationOf, LIST_LIMIT, type StatsRows } from "./stats";
import { jsonInt, jsonText, joinText, msBetweenText, noIndex, num, orderedJoin, toDate, type Dialect } from "./sql";
import { COMPLETED_STAGE_SQL } from "./stats-projection";

type Sql = Prisma.Sql;

/** Which cases the figures cover: one pilot, optionally one category, cases opened in [from, to). */
export type StatsFilter = { pilotId: string; category?: string; from?: Date; to?: Date };

/**
 * The events that enter a timed stage or complete one. Exits that complete nothing (RETURN,
 * REJECT_APPLICATION, WITHDRAW) need not be read: a stage can only be completed after an entry, so
 * a completion's previous boundary event is always the entry of its pass. VOTE and RECUSE count only
 * when they closed the panel (into decision or retest).
 */
const BOUNDARY_TYPES = ["SUBMIT", "ACCEPT", "SUBMIT_REPORT", "VOTE", "RECUSE", "AWARD", "DENY", "REMAND", "UPHOLD_APPEAL"];
/** The events that can move a case into review (the stage spans review.forming and review.voting). */
const REVIEW_ENTRY_TYPES = ["SUBMIT_REPORT", "REMAND", "UPHOLD_APPEAL"];
const REVIEW_STATES = ["review.forming", "review.voting"];

// The filter names the category through the scheme versions, so the case queries need no join and
// can be answered from the case indexes alone (docs/decisions/0014-dashboard-projections.md).
const CASES = Prisma.sql`"Case" c`;

function caseFilter(f: StatsFilter): Sql {
  const parts = [Prisma.sql`c."pilotId" = ${f.pilotId}`];
  if (f.category) parts.push(Prisma.sql`c."schemeVersionId" IN (SELECT sv."id" FROM "SchemeVersion" sv WHERE sv."category" = ${f.category})`);
  if (f.from) parts.push(Prisma.sql`c."createdAt" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`c."createdAt" < ${f.to}`);
  return Prisma.join(parts, " AND ");
}

type EventFigures = Pick<StatsRows, "stageSamples" | "labReports" | "panels">;

/**
 * Stage passes, reports per lab and closed panels, from one pass over the stage-changing events:
 * a window pairs each completion with the event before it (the entry of its pass).
 */
export async function eventFigures(database: Db, d: Dialect, f: StatsFilter, wholeTable: boolean): Promise<EventFigures> {
  const payload = Prisma.sql`e."payload"`;
  // For a large share of the events one sequential read of the whole table, filtered only where
  // the results are joined with the cases, beats one index probe per event (a case's events lie
  // scattered through the table); for a narrow filter the probes win.
  const onlyFiltered = wholeTable ? Prisma.empty : Prisma.sql`e."caseId" IN (SELECT "id" FROM cs) AND`;
  const rows = await database.$queryRaw<{ kind: string; k1: string | null; k2: string | null; n1: unknown; n2: unknown; n3: unknown; list: string | null }[]>`
    WITH cs AS MATERIALIZED (
      SELECT c."id" AS "id", c."labOrgId" AS "labOrgId" FROM ${CASES} WHERE ${caseFilter(f)}
    ), b AS (
      SELECT "caseId", "at", "type", "toState", "round",
             LAG("at") OVER w AS "prevAt", LAG("type") OVER w AS "prevType", LAG("toState") OVER w AS "prevTo"
      FROM (
        SELECT e."caseId" AS "caseId", e."seq" AS "seq", e."at" AS "at", e."type" AS "type",
               CASE WHEN e."type" IN ('VOTE', 'RECUSE', 'UPHOLD_APPEAL') THEN ${jsonText(d, payload, "to")} END AS "toState",
               CASE WHEN e."type" IN ('VOTE', 'RECUSE') THEN ${jsonInt(d, payload, "round")} END AS "round"
        FROM "AuditEvent" e
        WHERE ${onlyFiltered} ${noIndex(d, Prisma.sql`e."type"`)} IN (${Prisma.join(BOUNDARY_TYPES)})
      ) ev
      WHERE "type" NOT IN ('VOTE', 'RECUSE') OR "toState" IN ('decision', 'testing')
      -- Sorting the rows read beats walking the case index, which would fetch every row at random.
      WINDOW w AS (PARTITION BY ${noIndex(d, Prisma.sql`"caseId"`)} ORDER BY "seq")
    ), x AS MATERIALIZED (
      -- The completions of the filtered cases, each with its stage (when its previous boundary
      -- event is the entry of that stage) and duration; b drives the join so it is read once.
      SELECT b."caseId" AS "caseId", b."type" AS "type", b."round" AS "round", cs."labOrgId" AS "labOrgId",
             ${Prisma.raw(COMPLETED_STAGE_SQL)} AS "stage",
             ${msBetweenText(d, Prisma.sql`b."at"`, Prisma.sql`b."prevAt"`)} AS "ms"
      FROM b ${orderedJoin(d)} cs ON cs."id" = b."caseId"
      WHERE b."type" IN ('ACCEPT', 'SUBMIT_REPORT', 'VOTE', 'RECUSE', 'AWARD', 'DENY')
    ), panels AS (
      -- A closed panel's votes are the Vote rows of its round (a recused expert's vote was removed).
      SELECT (SELECT COUNT(*) FROM "Vote" v WHERE v."caseId" = x."caseId" AND v."round" = x."round") AS "n",
             (SELECT MAX(t."k") FROM (SELECT COUNT(*) AS "k" FROM "Vote" v WHERE v."caseId" = x."caseId" AND v."round" = x."round" GROUP BY v."verdict") t) AS "m"
      FROM x WHERE x."type" IN ('VOTE', 'RECUSE')
    )
    SELECT 'sample' AS "kind", "stage" AS "k1", "labOrgId" AS "k2", CAST(NULL AS BIGINT) AS "n1", CAST(NULL AS BIGINT) AS "n2",
           COUNT(*) AS "n3", ${joinText(d, Prisma.sql`"ms"`)} AS "list"
    FROM x WHERE "stage" IS NOT NULL GROUP BY "stage", "labOrgId"
    UNION ALL
    SELECT 'lab', l."labOrgId", o."name", NULL, NULL, l."n", NULL
    FROM (SELECT "labOrgId", COUNT(*) AS "n" FROM x WHERE "type" = 'SUBMIT_REPORT' GROUP BY "labOrgId") l
    JOIN "Organization" o ON o."id" = l."labOrgId"
    UNION ALL
    SELECT 'panel', NULL, NULL, "n", "m", COUNT(*), NULL FROM panels WHERE "n" > 0 GROUP BY "n", "m"`;

  const out: EventFigures = { stageSamples: [], labReports: [], panels: [] };
  for (const r of rows) {
    if (r.kind === "sample" && r.k1 && (STAGES as readonly string[]).includes(r.k1)) {
      out.stageSamples.push({ stage: r.k1 as Stage, labOrgId: r.k2, ms: r.list ? r.list.split(",").map(Number) : [] });
    } else if (r.kind === "lab" && r.k1) {
      out.labReports.push({ labOrgId: r.k1, labName: r.k2 ?? "", reports: num(r.n3) });
    } else if (r.kind === "panel") {
      out.panels.push({ votes: num(r.n1), majority: num(r.n2), panels: num(r.n3) });
    }
  }
  return out;
}

/** Cases now in a timed stage whose current pass began before now − limit (only those can be over). */
export async function loadOpenStages(database: Db, f: StatsFilter, now: Date, limits: StageLimits): Promise<StatsRows["openStages"]> {
  // Per stage, the cases that may be over: for screening, testing and decision the case index
  // (pilot, state, stateEnteredAt) gives exactly those that entered before the cutoff; a review
  // case's pass began at its last review entry event (review.forming → review.voting moves
  // stateEnteredAt), found in the events' (case, type, time) index, so every review case is a candidate.
  const candidates: Sql[] = [];
  const overdue: Sql[] = [];
  for (const stage of STAGES) {
    const days = limits[stage];
    if (days === undefined) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    if (stage === "review") {
      candidates.push(Prisma.sql`c."state" IN (${Prisma.join(REVIEW_STATES)})`);
      overdue.push(Prisma.sql`(o."state" IN (${Prisma.join(REVIEW_STATES)}) AND o."enteredAt" < ${cutoff})`);
    } else {
      candidates.push(Prisma.sql`(c."state" = ${stage} AND c."stateEnteredAt" < ${cutoff})`);
      overdue.push(Prisma.sql`(o."state" = ${stage} AND o."enteredAt" < ${cutoff})`);
    }
  }
  if (overdue.length === 0) return [];
  const rows = await database.$queryRaw<{ caseId: string; state: string; enteredAt: unknown; product: string }[]>`
    SELECT o."caseId", o."state", o."enteredAt", p."name" || ' ' || p."model" AS "product" FROM (
      SELECT c."id" AS "caseId", c."state" AS "state", c."productId" AS "productId",
             CASE WHEN c."state" IN (${Prisma.join(REVIEW_STATES)})
                  THEN (SELECT MAX(e."at") FROM "AuditEvent" e WHERE e."caseId" = c."id" AND e."type" IN (${Prisma.join(REVIEW_ENTRY_TYPES)}))
                  ELSE c."stateEnteredAt" END AS "enteredAt"
      FROM ${CASES}
      WHERE ${caseFilter(f)} AND (${Prisma.join(candidates, " OR ")})
    ) o JOIN "Product" p ON p."id" = o."productId"
    WHERE ${Prisma.join(overdue, " OR ")}`;
  return rows.map((r) => ({
    caseId: r.caseId,
    stage: (r.state.startsWith("review") ? "review" : r.state) as Stage,
    enteredAt: toDate(r.enteredAt),
    product: r.product,
  }));
}

/**
 * Every filtered case now in a timed stage (or those of the cases named), with the time its current
 * pass began (null: a review case without a review entry event); the product is read later, only
 * for those over a limit (caseProducts). The clock is not applied: stats-cache.ts keeps these until
 * the audit head moves, and picks those over a limit at each load (as loadOpenStages does in SQL).
 */
export async function timedStageCases(database: Db, f: StatsFilter, caseIds?: readonly string[]): Promise<{ caseId: string; stage: Stage; enteredAt: Date | null; product: string | null }[]> {
  if (caseIds && caseIds.length === 0) return [];
  const only = caseIds ? Prisma.sql`AND c."id" IN (${Prisma.join(caseIds)})` : Prisma.empty;
  const timed = STAGES.filter((s) => s !== "review");
  const rows = await database.$queryRaw<{ caseId: string; state: string; enteredAt: unknown }[]>`
    SELECT c."id" AS "caseId", c."state" AS "state",
           CASE WHEN c."state" IN (${Prisma.join(REVIEW_STATES)})
                THEN (SELECT MAX(e."at") FROM "AuditEvent" e WHERE e."caseId" = c."id" AND e."type" IN (${Prisma.join(REVIEW_ENTRY_TYPES)}))
                ELSE c."stateEnteredAt" END AS "enteredAt"
    FROM ${CASES}
    WHERE ${caseFilter(f)} ${only} AND c."state" IN (${Prisma.join([...timed, ...REVIEW_STATES])})`;
  return rows.map((r) => ({
    caseId: r.caseId,
    stage: (r.state.startsWith("review") ? "review" : r.state) as Stage,
    enteredAt: r.enteredAt === null || r.enteredAt === undefined ? null : toDate(r.enteredAt),
    product: null,
  }));
}

/** The cases' products, as the dashboard names them ("name model"). */
export async function caseProducts(database: Db, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await database.$queryRaw<{ caseId: string; product: string }[]>`
    SELECT c."id" AS "caseId", p."name" || ' ' || p."model" AS "product"
    FROM "Case" c JOIN "Product" p ON p."id" = c."productId" WHERE c."id" IN (${Prisma.join(caseIds)})`;
  return new Map(rows.map((r) => [r.caseId, r.product]));
}

/**
 * The awards that deviate. Every one is counted, but only the first LIST_LIMIT (in the order the
 * dashboard lists them) are shown, so the first statement reads only the indexes Decision(type,
 * caseId, level, createdAt) and Case(id, pilotId, labLevel, recommendation, …), and the second
 * fetches justification, decider and product for the listed ones. The others carry no details.
 */
async function deviatingAwards(database: Db, d: Dialect, f: StatsFilter): Promise<StatsRows["awards"]> {
  const awards = await deviatingAwardRows(database, d, f);
  const listed = awards
    .filter((a) => deviationOf(a).differsFrom.length > 0)
    .map((a) => ({ a, decidedAt: a.decidedAt.toISOString(), caseId: a.caseId }))
    .sort(byLatestDecision)
    .slice(0, LIST_LIMIT)
    .map((x) => x.a);
  await addAwardDetails(database, listed);
  return awards;
}

/**
 * The AWARD decisions of the filtered cases (or of the cases named) that may deviate, without
 * their details (product, justification, decider): the SQL leaves out only those that deviate from
 * nothing; deviationOf (stats.ts) decides.
 */
export async function deviatingAwardRows(database: Db, d: Dialect, f: StatsFilter, caseIds?: readonly string[]): Promise<StatsRows["awards"]> {
  if (caseIds && caseIds.length === 0) return [];
  const rec = Prisma.sql`c."recommendation"`;
  const only = caseIds ? Prisma.sql`AND c."id" IN (${Prisma.join(caseIds)})` : Prisma.empty;
  const found = await database.$queryRaw<{ caseId: string; level: string | null; labLevel: string | null; recommendation: string | null; decidedAt: unknown }[]>`
    SELECT d."caseId", d."level", c."labLevel", c."recommendation", d."createdAt" AS "decidedAt"
    FROM "Decision" d JOIN ${CASES} ON c."id" = d."caseId"
    WHERE d."type" = 'AWARD' AND ${caseFilter(f)} ${only} AND (
      COALESCE(c."labLevel", '') <> COALESCE(d."level", '') OR
      COALESCE(${jsonText(d, rec, "verdict")}, '') <> 'approve' OR
      COALESCE(${jsonText(d, rec, "level")}, '') <> COALESCE(d."level", '')
    )`;
  return found.map((r) => ({
    caseId: r.caseId, level: r.level ?? "", labLevel: r.labLevel, recommendation: r.recommendation,
    decidedAt: toDate(r.decidedAt), product: "", justification: null, decidedBy: null,
  }));
}

/** Fills in product, justification and decider of the awards given (matched by case and decision time). */
export async function addAwardDetails(database: Db, listed: Pick<StatsRows["awards"][number], "caseId" | "decidedAt" | "product" | "justification" | "decidedBy">[]): Promise<void> {
  if (listed.length === 0) return;
  const details = await database.$queryRaw<{ caseId: string; decidedAt: unknown; justification: string | null; decidedBy: string | null; product: string }[]>`
    SELECT d."caseId", d."createdAt" AS "decidedAt", d."justification", u."name" AS "decidedBy", p."name" || ' ' || p."model" AS "product"
    FROM "Decision" d JOIN "Case" c ON c."id" = d."caseId" JOIN "Product" p ON p."id" = c."productId"
    LEFT JOIN "User" u ON u."id" = d."decidedById"
    WHERE d."type" = 'AWARD' AND d."caseId" IN (${Prisma.join([...new Set(listed.map((a) => a.caseId))])})`;
  const byKey = new Map(details.map((r) => [`${r.caseId}\u0000${toDate(r.decidedAt).getTime()}`, r]));
  for (const a of listed) {
    const r = byKey.get(`${a.caseId}\u0000${a.decidedAt.getTime()}`);
    if (r) Object.assign(a, { product: r.product, justification: r.justification, decidedBy: r.decidedBy });
  }
}

/** The columns of a case that the state counts, awarded levels and profiles and the labs' figures read. */
export type CaseRecord = { id: string; state: string; schemeVersionId: string; awardedLevel: string | null; labProfile: string | null; labOrgId: string | null };

/** The records of the cases named that pass the filter. */
export async function caseRecords(database: Db, f: StatsFilter, caseIds: readonly string[]): Promise<CaseRecord[]> {
  if (caseIds.length === 0) return [];
  return database.$queryRaw<CaseRecord[]>`
    SELECT c."id" AS "id", c."state" AS "state", c."schemeVersionId" AS "schemeVersionId", c."awardedLevel" AS "awardedLevel",
           c."labProfile" AS "labProfile", c."labOrgId" AS "labOrgId"
    FROM ${CASES} WHERE ${caseFilter(f)} AND c."id" IN (${Prisma.join(caseIds)})`;
}

/**
 * Every filtered case's record, grouped by the record's values with the ids joined: a few thousand
 * rows from one index (Case(pilotId, schemeVersionId, awardedLevel, labProfile, state, labOrgId,
 * id)), not one decoded row per case (100k of those cost more than the query).
 */
export async function caseRecordGroups(database: Db, d: Dialect, f: StatsFilter): Promise<{ record: Omit<CaseRecord, "id">; ids: string[] }[]> {
  const groups = await database.$queryRaw<(Omit<CaseRecord, "id"> & { ids: string })[]>`
    SELECT c."state" AS "state", c."schemeVersionId" AS "schemeVersionId", c."awardedLevel" AS "awardedLevel",
           c."labProfile" AS "labProfile", c."labOrgId" AS "labOrgId", ${joinText(d, Prisma.sql`c."id"`)} AS "ids"
    FROM ${CASES} WHERE ${caseFilter(f)}
    GROUP BY c."schemeVersionId", c."awardedLevel", c."labProfile", c."state", c."labOrgId"`;
  return groups.map(({ ids, ...record }) => ({ record, ids: ids.split(",") }));
}

/** Each scheme version's category. */
export async function schemeCategories(database: Db): Promise<Map<string, string>> {
  const rows = await database.$queryRaw<{ id: string; category: string }[]>`SELECT sv."id" AS "id", sv."category" AS "category" FROM "SchemeVersion" sv`;
  return new Map(rows.map((r) => [r.id, r.category]));
}

/** Labs' names. */
export async function labNames(database: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await database.$queryRaw<{ id: string; name: string }[]>`SELECT o."id" AS "id", o."name" AS "name" FROM "Organization" o WHERE o."id" IN (${Prisma.join(ids)})`;
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One projected fact, as the incremental dashboard (stats-cache.ts) merges it. */
export type FactRow = { caseId: string; kind: string; key: string | null; labOrgId: string | null; ms: number | null; votes: number | null; majority: number | null };

/**
 * Facts of the filtered cases numbered in (after, upTo] (the events appended since a cached load),
 * or, with `caseIds`, the testing passes and reports of those cases numbered up to `upTo` (to move
 * them to the case's new lab).
 */
export async function factRows(database: Db, f: StatsFilter, range: { after: number; upTo: number } | { caseIds: readonly string[]; upTo: number }): Promise<FactRow[]> {
  const where =
    "caseIds" in range
      ? range.caseIds.length === 0
        ? null
        : Prisma.sql`sf."caseId" IN (${Prisma.join(range.caseIds)}) AND sf."seq" <= ${range.upTo} AND ((sf."kind" = 'stage' AND sf."key" = 'testing') OR sf."kind" = 'report')`
      : Prisma.sql`sf."seq" > ${range.after} AND sf."seq" <= ${range.upTo}`;
  if (!where) return [];
  const rows = await database.$queryRaw<{ caseId: string; kind: string; key: string | null; labOrgId: string | null; ms: unknown; votes: unknown; majority: unknown }[]>`
    SELECT sf."caseId" AS "caseId", sf."kind" AS "kind", sf."key" AS "key", sf."labOrgId" AS "labOrgId", sf."ms" AS "ms", sf."votes" AS "votes", sf."majority" AS "majority"
    FROM "StatsFact" sf WHERE ${where} AND ${factFilter(f)}`;
  const opt = (v: unknown) => (v === null || v === undefined ? null : num(v));
  return rows.map((r) => ({ caseId: r.caseId, kind: r.kind, key: r.key, labOrgId: r.labOrgId, ms: opt(r.ms), votes: opt(r.votes), majority: opt(r.majority) }));
}

/** The case events numbered in (after, upTo]: which cases they touched (null: more than `limit` events). */
export async function touchedCases(database: Db, after: number, upTo: number, limit: number): Promise<string[] | null> {
  if (upTo - after > limit) return null;
  const rows = await database.$queryRaw<{ caseId: string }[]>`
    SELECT DISTINCT e."caseId" AS "caseId" FROM "AuditEvent" e WHERE e."seq" > ${after} AND e."seq" <= ${upTo} AND e."caseId" IS NOT NULL`;
  return rows.map((r) => r.caseId);
}

/** Findings by status and the complaints' rows (cheap: read again whenever the head moved). */
export async function findingAndComplaintRows(database: Db, d: Dialect, f: StatsFilter): Promise<Pick<StatsRows, "findingCounts" | "complaintStates" | "complaintCloseMs" | "complaintOutcomes">> {
  const [findingCounts, complaints] = await Promise.all([
    database.$queryRaw<{ status: string; count: unknown }[]>`
      SELECT fi."status" AS "status", COUNT(*) AS "count"
      FROM "Finding" fi JOIN ${CASES} ON c."id" = fi."caseId" WHERE ${caseFilter(f)} GROUP BY fi."status"`,
    complaintRows(database, d, f),
  ]);
  return { findingCounts: findingCounts.map((r) => ({ status: r.status, count: num(r.count) })), ...complaints };
}

/** The filter as a Prisma case condition (for the few figures read through the client). */
function caseCondition(f: StatsFilter): Prisma.CaseWhereInput {
  return {
    pilotId: f.pilotId,
    ...(f.category ? { schemeVersion: { category: f.category } } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

/**
 * Suspended cases whose date to correct by (Case.correctBy) is before now: the vendor did not
 * correct in time. Clock-dependent, so never cached. The longest overdue first; all are counted,
 * at most LIST_LIMIT are listed.
 */
export async function loadOverdueSuspensions(database: Db, f: StatsFilter, now: Date): Promise<StatsRows["overdueSuspensions"]> {
  const where: Prisma.CaseWhereInput = { AND: [caseCondition(f), { state: "suspended", correctBy: { lt: now } }] };
  const [total, rows] = await Promise.all([
    database.case.count({ where }),
    database.case.findMany({
      where,
      select: { id: true, correctBy: true, product: { select: { name: true, model: true } } },
      orderBy: [{ correctBy: "asc" }, { id: "asc" }],
      take: LIST_LIMIT,
    }),
  ]);
  return { total, cases: rows.map((r) => ({ caseId: r.id, product: `${r.product.name} ${r.product.model}`, correctBy: r.correctBy! })) };
}

/**
 * Complaints about the filtered cases (a complaint names its case when it is filed against a
 * certificate, docs/domain.md#complaints): how many are in each state, and how long each closed one
 * took from receipt to closing. Filing, triage and closing each append an audit event on the case,
 * so these rows may be cached with the others until the chain's head moves.
 */
async function complaintRows(database: Db, d: Dialect, f: StatsFilter): Promise<Pick<StatsRows, "complaintStates" | "complaintCloseMs" | "complaintOutcomes">> {
  // Driven by the complaints (few), each checked against its case, rather than by the pilot's cases.
  const rows = await database.$queryRaw<{ state: string; outcome: string | null; receivedAt: unknown; closedAt: unknown }[]>`
    SELECT x."state" AS "state", x."outcome" AS "outcome", x."receivedAt" AS "receivedAt", x."closedAt" AS "closedAt"
    FROM "Complaint" x ${orderedJoin(d)} ${CASES} ON c."id" = x."caseId" WHERE ${caseFilter(f)}`;
  const states = new Map<string, number>();
  const outcomes = new Map<string | null, number>();
  const complaintCloseMs: number[] = [];
  for (const r of rows) {
    states.set(r.state, (states.get(r.state) ?? 0) + 1);
    if (r.state === "closed") outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    if (r.closedAt !== null && r.closedAt !== undefined) complaintCloseMs.push(Math.max(0, toDate(r.closedAt).getTime() - toDate(r.receivedAt).getTime()));
  }
  return {
    complaintStates: [...states].map(([state, count]) => ({ state, count })),
    complaintCloseMs,
    complaintOutcomes: [...outcomes].map(([outcome, count]) => ({ outcome, count })),
  };
}

/** Appeals on the filtered cases and their ends, counted from the case events (docs/domain.md#due-process). */
export async function appealRows(database: Db, f: StatsFilter): Promise<NonNullable<StatsRows["appealEvents"]>> {
  const rows = await database.$queryRaw<{ type: string; count: unknown }[]>`
    SELECT e."type" AS "type", COUNT(*) AS "count"
    FROM "AuditEvent" e WHERE e."type" IN ('APPEAL', 'UPHOLD_APPEAL', 'DISMISS_APPEAL')
      AND e."caseId" IN (SELECT c."id" FROM ${CASES} WHERE ${caseFilter(f)})
    GROUP BY e."type"`;
  return rows.map((r) => ({ type: r.type, count: num(r.count) }));
}

/** The filter over the projection's copied case columns. */
function factFilter(f: StatsFilter): Sql {
  const parts = [Prisma.sql`sf."pilotId" = ${f.pilotId}`];
  if (f.category) parts.push(Prisma.sql`sf."category" = ${f.category}`);
  if (f.from) parts.push(Prisma.sql`sf."caseCreatedAt" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`sf."caseCreatedAt" < ${f.to}`);
  return Prisma.join(parts, " AND ");
}

/** Stage passes, reports per lab, closed panels and appeal events of the filtered cases, from the projection. */
export async function projectedFigures(database: Db, d: Dialect, f: StatsFilter, upTo?: number): Promise<EventFigures & { appealEvents: NonNullable<StatsRows["appealEvents"]> }> {
  // With upTo, only the facts of the events numbered up to it (the audit head the caller read).
  const fact = (alias: string) =>
    upTo === undefined ? factFilter(f) : Prisma.sql`${factFilter(f)} AND ${Prisma.raw(alias)}."seq" <= ${upTo}`;
  const rows = await database.$queryRaw<{ kind: string; k1: string | null; k2: string | null; n1: unknown; n2: unknown; n3: unknown; list: string | null }[]>`
    SELECT 'sample' AS "kind", sf."key" AS "k1", sf."labOrgId" AS "k2", CAST(NULL AS BIGINT) AS "n1", CAST(NULL AS BIGINT) AS "n2",
           COUNT(*) AS "n3", ${joinText(d, Prisma.sql`CAST(sf."ms" AS TEXT)`)} AS "list"
    FROM "StatsFact" sf WHERE sf."kind" = 'stage' AND ${fact("sf")} GROUP BY sf."key", sf."labOrgId"
    UNION ALL
    SELECT 'lab', l."labOrgId", o."name", NULL, NULL, l."n", NULL
    FROM (SELECT sf."labOrgId" AS "labOrgId", COUNT(*) AS "n" FROM "StatsFact" sf WHERE sf."kind" = 'report' AND ${fact("sf")} GROUP BY sf."labOrgId") l
    JOIN "Organization" o ON o."id" = l."labOrgId"
    UNION ALL
    SELECT 'panel', NULL, NULL, sf."votes", sf."majority", COUNT(*), NULL
    FROM "StatsFact" sf WHERE sf."kind" = 'panel' AND sf."votes" > 0 AND ${fact("sf")} GROUP BY sf."votes", sf."majority"
    UNION ALL
    SELECT 'appeal', sf."key", NULL, NULL, NULL, COUNT(*), NULL
    FROM "StatsFact" sf WHERE sf."kind" = 'appeal' AND ${fact("sf")} GROUP BY sf."key"`;
  const out: EventFigures & { appealEvents: NonNullable<StatsRows["appealEvents"]> } = { stageSamples: [], labReports: [], panels: [], appealEvents: [] };
  for (const r of rows) {
    if (r.kind === "sample" && r.k1 && (STAGES as readonly string[]).includes(r.k1)) {
      out.stageSamples.push({ stage: r.k1 as Stage, labOrgId: r.k2, ms: r.list ? r.list.split(",").map(Number) : [] });
    } else if (r.kind === "lab" && r.k1) {
      out.labReports.push({ labOrgId: r.k1, labName: r.k2 ?? "", reports: num(r.n3) });
    } else if (r.kind === "panel") {
      out.panels.push({ votes: num(r.n1), majority: num(r.n2), panels: num(r.n3) });
    } else if (r.kind === "appeal" && r.k1) {
      out.appealEvents.push({ type: r.k1, count: num(r.n3) });
    }
  }
  return out;
}

/** Every row but the clock-dependent ones (loadOpenStages, loadOverdueSuspensions). */
export async function loadStatsRows(database: Db, d: Dialect, f: StatsFilter): Promise<Omit<StatsRows, "openStages" | "overdueSuspensions">> {
  const where = caseFilter(f);
  // Independent queries: PostgreSQL runs them side by side on its pool (SQLite one after another).
  const [stateCounts, awarded, findingCounts, awards, complaints, figures] = await Promise.all([
    database.$queryRaw<{ state: string; count: unknown }[]>`
      SELECT c."state" AS "state", COUNT(*) AS "count" FROM ${CASES} WHERE ${where} GROUP BY c."state"`,
    // Awarded levels and profiles in one pass over the index (pilot, scheme version, level,
    // profile), grouped per scheme version first; categories are summed below.
    database.$queryRaw<{ category: string; level: string; profile: string | null; count: unknown }[]>`
      SELECT s."category" AS "category", a."level" AS "level", a."profile" AS "profile", a."n" AS "count"
      FROM (SELECT c."schemeVersionId" AS "sv", c."awardedLevel" AS "level", c."labProfile" AS "profile", COUNT(*) AS "n"
            FROM ${CASES} WHERE ${where} AND c."awardedLevel" IS NOT NULL
            GROUP BY c."schemeVersionId", c."awardedLevel", c."labProfile") a
      JOIN "SchemeVersion" s ON s."id" = a."sv"`,
    database.$queryRaw<{ status: string; count: unknown }[]>`
      SELECT fi."status" AS "status", COUNT(*) AS "count"
      FROM "Finding" fi JOIN ${CASES} ON c."id" = fi."caseId" WHERE ${where} GROUP BY fi."status"`,
    deviatingAwards(database, d, f),
    complaintRows(database, d, f),
    projectedFigures(database, d, f),
  ]);
  const levels = new Map<string, StatsRows["awardedLevels"][number]>();
  const profiles = new Map<string, StatsRows["awardedProfiles"][number]>();
  for (const r of awarded) {
    const n = num(r.count);
    const lk = JSON.stringify([r.category, r.level]);
    const l = levels.get(lk) ?? levels.set(lk, { category: r.category, level: r.level, count: 0 }).get(lk)!;
    l.count += n;
    const pk = JSON.stringify([r.category, r.profile]);
    const p = profiles.get(pk) ?? profiles.set(pk, { category: r.category, profile: r.profile, count: 0 }).get(pk)!;
    p.count += n;
  }
  return {
    stateCounts: stateCounts.map((r) => ({ state: r.state, count: num(r.count) })),
    stageSamples: figures.stageSamples,
    awardedLevels: [...levels.values()],
    awardedProfiles: [...profiles.values()],
    labReports: figures.labReports,
    panels: figures.panels,
    awards,
    findingCounts: findingCounts.map((r) => ({ status: r.status, count: num(r.count) })),
    ...complaints,
    appealEvents: figures.appealEvents,
  };
}
