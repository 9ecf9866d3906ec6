// The audit explorer: every event, filtered by case, actor, role, type and period, newest first,
// paged by seq (keyset), so page 1 000 costs the same as page 1.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { EventQuery, parseQuery, type EventQueryInput } from "../filters";
import { redactVoteRows } from "@/lib/cases/vote-visibility";

export const DEFAULT_PAGE = 50;

/** The where clause of an event filter (keyset bounds included), shared with the export. */
export function eventWhere(q: EventQueryInput): Prisma.AuditEventWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (q.from) at.gte = q.from;
  if (q.to) at.lt = q.to;
  const seq: Prisma.IntFilter = {};
  if (q.before) seq.lt = q.before;
  if (q.after) seq.gt = q.after;
  return {
    ...(q.caseId ? { caseId: q.caseId } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.role ? { actorRole: q.role } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.from || q.to ? { at } : {}),
    ...(q.before || q.after ? { seq } : {}),
  };
}

export type ExplorerEvent = {
  seq: number;
  caseId: string | null;
  actorId: string | null;
  actorName: string | null;
  actorRole: string;
  type: string;
  payload: unknown;
  at: string;
  prevHash: string;
  hash: string;
  /** A vote this viewer may not read (lib/cases/vote-visibility.ts): payload cut to the state change. */
  redacted: boolean;
};

export async function listAuditEvents(user: SessionUser, query: unknown): Promise<{ events: ExplorerEvent[]; nextBefore: number | null }> {
  assertCan(user, "audit:read");
  const q = parseQuery(EventQuery, query, "The event filter is not valid");
  const take = q.take ?? DEFAULT_PAGE;
  const rows = await db().auditEvent.findMany({ where: eventWhere({ ...q, after: undefined }), orderBy: { seq: "desc" }, take: take + 1 });
  const page = await redactVoteRows(db(), user, rows.slice(0, take));
  const actorIds = [...new Set(page.map((r) => r.actorId).filter((x): x is string => !!x))];
  const names = new Map(
    actorIds.length ? (await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]) : [],
  );
  return {
    events: page.map((r) => ({
      seq: r.seq,
      caseId: r.caseId,
      actorId: r.actorId,
      actorName: r.actorId ? names.get(r.actorId) ?? null : null,
      actorRole: r.actorRole,
      type: r.type,
      payload: JSON.parse(r.payload),
      at: r.at.toISOString(),
      prevHash: r.prevHash,
      hash: r.hash,
      redacted: r.redacted,
    })),
    nextBefore: rows.length > take ? page[page.length - 1].seq : null,
  };
}

/**
 * How many events the filter matches in all, and how many of them are newer than the page (the
 * page's first row is number `newer + 1`), for the explorer's "51–100 of 3 120". Two counts on the
 * indexed filter; the paging itself stays keyset.
 */
export async function countAuditEvents(user: SessionUser, query: unknown): Promise<{ total: number; newer: number }> {
  assertCan(user, "audit:read");
  const q = parseQuery(EventQuery, query, "The event filter is not valid");
  const all = eventWhere({ ...q, before: undefined, after: undefined });
  const [total, newer] = await Promise.all([
    db().auditEvent.count({ where: all }),
    q.before ? db().auditEvent.count({ where: { AND: [all, { seq: { gte: q.before } }] } }) : Promise.resolve(0),
  ]);
  return { total, newer };
}
