// The dashboard's projection (docs/decisions/0014-dashboard-projections.md): the StatsFact rows
// that stand for the audit events the figures count. The case door writes them in the event's own
// transaction (recordStatsFacts), so the first dashboard load after an event aggregates a few
// indexed rows per case instead of scanning the audit chain. rebuildStatsFacts derives the same
// rows from the events themselves: for data written without the door (the dashboard bench) and for
// the migration that introduced the table. The definitions are those of stats.ts:
// - stage: one completed pass, from the event that entered the stage (the case's previous
//   "boundary" event) to the one that completed it; key = the stage, ms = the duration.
// - report: one SUBMIT_REPORT. panel: one VOTE or RECUSE that closed the panel (into decision or
//   testing), with the Vote rows of its round and how many share the most common verdict.
// - appeal: one APPEAL, UPHOLD_APPEAL or DISMISS_APPEAL event (key = the type).
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Db, Tx } from "@/lib/db";
import type { Dialect } from "./sql";

/** The events that enter a timed stage or complete one (VOTE and RECUSE only when they closed the panel). */
export const BOUNDARY_TYPES = ["SUBMIT", "ACCEPT", "SUBMIT_REPORT", "VOTE", "RECUSE", "AWARD", "DENY", "REMAND", "UPHOLD_APPEAL"];
const COMPLETION_TYPES = new Set(["ACCEPT", "SUBMIT_REPORT", "VOTE", "RECUSE", "AWARD", "DENY"]);
export const APPEAL_TYPES = ["APPEAL", "UPHOLD_APPEAL", "DISMISS_APPEAL"];
const PANEL_CLOSED_TO = new Set(["decision", "testing"]);

type Boundary = { type: string; at: Date; to: string | null };

/** The stage a completion closes, given the case's previous boundary event (null: not a sample). */
export function completedStage(type: string, to: string | null, prev: Boundary | undefined): string | null {
  if (!prev) return null;
  const p = prev.type;
  switch (type) {
    case "ACCEPT":
      return p === "SUBMIT" || (p === "UPHOLD_APPEAL" && prev.to === "screening") ? "screening" : null;
    case "SUBMIT_REPORT":
      return p === "ACCEPT" || ((p === "VOTE" || p === "RECUSE") && prev.to === "testing") ? "testing" : null;
    case "VOTE":
    case "RECUSE":
      return to === "decision" && (p === "SUBMIT_REPORT" || p === "REMAND" || (p === "UPHOLD_APPEAL" && (prev.to ?? "").startsWith("review")))
        ? "review"
        : null;
    case "AWARD":
    case "DENY":
      return (p === "VOTE" || p === "RECUSE") && prev.to === "decision" ? "decision" : null;
    default:
      return null;
  }
}

/**
 * The stage a completion in the boundary rows `b` closes (null: not a sample): the SQL form of
 * completedStage above, shared by the rebuild below and the event scan in load-stats.ts.
 */
export const COMPLETED_STAGE_SQL = `CASE
  WHEN b."type" = 'ACCEPT' AND (b."prevType" = 'SUBMIT' OR (b."prevType" = 'UPHOLD_APPEAL' AND b."prevTo" = 'screening')) THEN 'screening'
  WHEN b."type" = 'SUBMIT_REPORT' AND (b."prevType" = 'ACCEPT' OR (b."prevType" IN ('VOTE', 'RECUSE') AND b."prevTo" = 'testing')) THEN 'testing'
  WHEN b."type" IN ('VOTE', 'RECUSE') AND b."toState" = 'decision'
    AND (b."prevType" IN ('SUBMIT_REPORT', 'REMAND') OR (b."prevType" = 'UPHOLD_APPEAL' AND b."prevTo" LIKE 'review%')) THEN 'review'
  WHEN b."type" IN ('AWARD', 'DENY') AND b."prevType" IN ('VOTE', 'RECUSE') AND b."prevTo" = 'decision' THEN 'decision'
END`;

function payloadOf(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const toOf = (p: Record<string, unknown>) => (typeof p.to === "string" ? p.to : null);

/** The case's latest boundary event before `seq` (a VOTE or RECUSE counts only when it closed the panel). */
async function previousBoundary(tx: Tx, caseId: string, seq: number): Promise<Boundary | undefined> {
  let before = seq;
  for (;;) {
    const rows = await tx.auditEvent.findMany({
      where: { caseId, seq: { lt: before }, type: { in: BOUNDARY_TYPES } },
      orderBy: { seq: "desc" },
      take: 16,
      select: { seq: true, type: true, at: true, payload: true },
    });
    for (const r of rows) {
      const to = r.type === "VOTE" || r.type === "RECUSE" || r.type === "UPHOLD_APPEAL" ? toOf(payloadOf(r.payload)) : null;
      if ((r.type === "VOTE" || r.type === "RECUSE") && !PANEL_CLOSED_TO.has(to ?? "")) continue;
      return { type: r.type, at: r.at, to };
    }
    if (rows.length < 16) return undefined;
    before = rows[rows.length - 1].seq;
  }
}

/** The appended event: its number, type and time, and the state it led to and the panel round (as its payload records them). */
export type FactEvent = { seq: number; type: string; at: Date; to: string; round: number };
export type FactCase = { id: string; pilotId: string; createdAt: Date; labOrgId: string | null; schemeVersion: { category: string } };

/**
 * Writes the facts of one case event, inside the door's transaction, after the case row, the audit
 * event and the query tables (votes) are written. `labOrgId` is the case's lab after the event: when
 * it changed, the case's earlier facts follow it (the dashboard counts a case under its lab).
 */
export async function recordStatsFacts(tx: Tx, event: FactEvent, kase: FactCase, labOrgId: string | null): Promise<void> {
  if (kase.labOrgId !== labOrgId) await tx.statsFact.updateMany({ where: { caseId: kase.id }, data: { labOrgId } });
  const type = event.type;
  const isAppeal = APPEAL_TYPES.includes(type);
  if (!COMPLETION_TYPES.has(type) && !isAppeal) return;
  const to = event.to;
  const closesPanel = (type === "VOTE" || type === "RECUSE") && PANEL_CLOSED_TO.has(to ?? "");
  if ((type === "VOTE" || type === "RECUSE") && !closesPanel) return;

  const base = { seq: event.seq, caseId: kase.id, pilotId: kase.pilotId, category: kase.schemeVersion.category, caseCreatedAt: kase.createdAt, labOrgId };
  const rows: Prisma.StatsFactCreateManyInput[] = [];
  if (isAppeal) rows.push({ ...base, kind: "appeal", key: type });
  if (COMPLETION_TYPES.has(type)) {
    const prev = await previousBoundary(tx, kase.id, event.seq);
    const stage = completedStage(type, to, prev);
    if (stage && prev) {
      rows.push({ ...base, kind: "stage", key: stage, ms: BigInt(event.at.getTime() - prev.at.getTime()) });
    }
  }
  if (type === "SUBMIT_REPORT") rows.push({ ...base, kind: "report" });
  if (closesPanel) {
    const verdicts = await tx.vote.groupBy({ by: ["verdict"], where: { caseId: kase.id, round: event.round }, _count: { _all: true } });
    const votes = verdicts.reduce((n, v) => n + v._count._all, 0);
    rows.push({ ...base, kind: "panel", votes, majority: votes ? Math.max(...verdicts.map((v) => v._count._all)) : null });
  }
  if (rows.length) await tx.statsFact.createMany({ data: rows });
}

function jsonText(d: Dialect, column: string, key: string): string {
  return d === "sqlite" ? `json_extract(${column}, '$.${key}')` : `(${column}::jsonb ->> '${key}')`;
}

/**
 * The facts of every case event, derived from the audit events in one statement (no parameters, so
 * the same text serves the migration that introduced the table). Insert into an empty table, or
 * after deleting every fact (rebuildStatsFacts).
 */
export function backfillSql(d: Dialect): string {
  const types = (xs: string[]) => xs.map((t) => `'${t}'`).join(", ");
  const ms =
    d === "sqlite"
      ? `CAST(ROUND((julianday(b."at") - julianday(b."prevAt")) * 86400000.0) AS INTEGER)`
      : `ROUND(EXTRACT(EPOCH FROM (b."at" - b."prevAt")) * 1000)::bigint`;
  const round = d === "sqlite" ? `CAST(${jsonText(d, 'e."payload"', "round")} AS INTEGER)` : `(${jsonText(d, 'e."payload"', "round")})::integer`;
  return `WITH "b" AS (
  SELECT "seq", "caseId", "at", "type", "toState", "round",
         LAG("at") OVER w AS "prevAt", LAG("type") OVER w AS "prevType", LAG("toState") OVER w AS "prevTo"
  FROM (
    SELECT e."seq" AS "seq", e."caseId" AS "caseId", e."at" AS "at", e."type" AS "type",
           CASE WHEN e."type" IN ('VOTE', 'RECUSE', 'UPHOLD_APPEAL') THEN ${jsonText(d, 'e."payload"', "to")} END AS "toState",
           CASE WHEN e."type" IN ('VOTE', 'RECUSE') THEN ${round} END AS "round"
    FROM "AuditEvent" e
    WHERE e."caseId" IS NOT NULL AND e."type" IN (${types(BOUNDARY_TYPES)})
  ) ev
  WHERE "type" NOT IN ('VOTE', 'RECUSE') OR "toState" IN ('decision', 'testing')
  WINDOW w AS (PARTITION BY "caseId" ORDER BY "seq")
), "x" AS (
  SELECT b."seq" AS "seq", b."caseId" AS "caseId", b."type" AS "type", b."round" AS "round",
         ${COMPLETED_STAGE_SQL} AS "stage",
         ${ms} AS "ms"
  FROM "b"
  WHERE b."type" IN ('ACCEPT', 'SUBMIT_REPORT', 'VOTE', 'RECUSE', 'AWARD', 'DENY')
), "f" AS (
  SELECT "seq", 'stage' AS "kind", "caseId", "stage" AS "key", "ms", CAST(NULL AS INTEGER) AS "votes", CAST(NULL AS INTEGER) AS "majority"
  FROM "x" WHERE "stage" IS NOT NULL
  UNION ALL
  SELECT "seq", 'report', "caseId", NULL, NULL, NULL, NULL FROM "x" WHERE "type" = 'SUBMIT_REPORT'
  UNION ALL
  SELECT x."seq", 'panel', x."caseId", NULL, NULL,
         CAST((SELECT COUNT(*) FROM "Vote" v WHERE v."caseId" = x."caseId" AND v."round" = x."round") AS INTEGER),
         CAST((SELECT MAX(t."k") FROM (SELECT COUNT(*) AS "k" FROM "Vote" v WHERE v."caseId" = x."caseId" AND v."round" = x."round" GROUP BY v."verdict") t) AS INTEGER)
  FROM "x" WHERE x."type" IN ('VOTE', 'RECUSE')
  UNION ALL
  SELECT e."seq", 'appeal', e."caseId", e."type", NULL, NULL, NULL
  FROM "AuditEvent" e WHERE e."caseId" IS NOT NULL AND e."type" IN (${types(APPEAL_TYPES)})
)
INSERT INTO "StatsFact" ("seq", "kind", "caseId", "pilotId", "category", "caseCreatedAt", "labOrgId", "key", "ms", "votes", "majority")
SELECT f."seq", f."kind", f."caseId", c."pilotId", s."category", c."createdAt", c."labOrgId", f."key", f."ms", f."votes", f."majority"
FROM "f" JOIN "Case" c ON c."id" = f."caseId" JOIN "SchemeVersion" s ON s."id" = c."schemeVersionId"`;
}

/** Derives every fact again from the audit events (data written without the door); returns how many. */
export async function rebuildStatsFacts(database: Db, d: Dialect): Promise<number> {
  return database.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM "StatsFact"`);
    return tx.$executeRawUnsafe(backfillSql(d));
  }, { timeout: 600_000, maxWait: 60_000 });
}
