// Experts' conflict-of-interest declarations (docs/domain.md#conflict-declarations): an expert names
// an organisation (vendor or lab) it has a conflict with, of one kind, from a date, optionally until
// one. A declaration is never deleted: withdrawing it sets withdrawnAt and keeps the row, so the
// history stays. Every declaration and withdrawal appends an audit event (caseId null).
// Panel assignment reads declarations in force at the event's time (declaredExperts below).
import "server-only";
import { db, type Tx, type Db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { domainError } from "@/lib/errors";
import { appendAuditEvent } from "@/lib/audit/chain";

export { CONFLICT_KINDS, CONFLICT_ORG_KINDS, DeclareConflictSchema, type ConflictKind, type DeclareConflictInput } from "./schemas";
import { CONFLICT_ORG_KINDS, DATE, DeclareConflictSchema, type ConflictKind } from "./schemas";
/** At most this many declarations (withdrawn ones included) are listed; an expert has a handful. */
export const MAX_LISTED = 200;

/** A day means its whole day in UTC: from its start, until its end. */
function parseDay(s: string, end: boolean): Date {
  if (DATE.test(s)) return new Date(`${s}T${end ? "23:59:59.999" : "00:00:00.000"}Z`);
  return new Date(s);
}

type DeclarationTimes = { declaredFrom: Date; declaredUntil: Date | null; withdrawnAt: Date | null };

/** In force at `at`: begun, not ended, and not withdrawn by then. */
export function inForce(d: DeclarationTimes, at: Date): boolean {
  if (d.declaredFrom.getTime() > at.getTime()) return false;
  if (d.declaredUntil && d.declaredUntil.getTime() < at.getTime()) return false;
  if (d.withdrawnAt && d.withdrawnAt.getTime() <= at.getTime()) return false;
  return true;
}

/** The where clause of `inForce` (the same rule, for queries). */
function inForceWhere(at: Date) {
  return {
    declaredFrom: { lte: at },
    OR: [{ declaredUntil: null }, { declaredUntil: { gte: at } }],
    AND: [{ OR: [{ withdrawnAt: null }, { withdrawnAt: { gt: at } }] }],
  };
}

/** Experts with a declaration in force at `at` for any of `orgIds` (the case's vendor and lab), sorted. */
export async function declaredExperts(database: Db | Tx, orgIds: (string | null | undefined)[], at: Date): Promise<string[]> {
  const ids = orgIds.filter((x): x is string => typeof x === "string" && x.length > 0);
  if (!ids.length) return [];
  const rows = await database.conflictDeclaration.findMany({
    where: { organizationId: { in: ids }, ...inForceWhere(at) },
    select: { expertId: true },
  });
  return [...new Set(rows.map((r) => r.expertId))].sort();
}

export type ConflictView = {
  id: string;
  organization: { id: string; name: string; nameZh: string | null; kind: string };
  kind: ConflictKind;
  note: string | null;
  declaredFrom: string;
  declaredUntil: string | null;
  createdAt: string;
  withdrawnAt: string | null;
  inForce: boolean;
};

const ORG_SELECT = { id: true, name: true, nameZh: true, kind: true } as const;

type Row = DeclarationTimes & {
  id: string;
  kind: string;
  note: string | null;
  createdAt: Date;
  organization: { id: string; name: string; nameZh: string | null; kind: string };
};

function view(r: Row, now: Date): ConflictView {
  return {
    id: r.id,
    organization: r.organization,
    kind: r.kind as ConflictKind,
    note: r.note,
    declaredFrom: r.declaredFrom.toISOString(),
    declaredUntil: r.declaredUntil?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    inForce: inForce(r, now),
  };
}

function assertExpert(user: SessionUser | null | undefined): asserts user is SessionUser {
  assertCan(user, "conflict:declare");
}

/** The caller's declarations, newest first, withdrawn ones included (the history). */
export async function listMyConflicts(user: SessionUser, now = new Date()): Promise<ConflictView[]> {
  assertExpert(user);
  const rows = await db().conflictDeclaration.findMany({
    where: { expertId: user.id },
    include: { organization: { select: ORG_SELECT } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_LISTED,
  });
  return rows.map((r) => view(r, now));
}

/** The organisations a conflict may be declared with: vendors and labs, by name. */
export async function conflictOrganizations(user: SessionUser) {
  assertExpert(user);
  return db().organization.findMany({
    where: { kind: { in: [...CONFLICT_ORG_KINDS] } },
    select: ORG_SELECT,
    orderBy: { name: "asc" },
  });
}

export async function declareConflict(user: SessionUser, input: unknown, now = new Date()): Promise<ConflictView> {
  assertExpert(user);
  const parsed = DeclareConflictSchema.parse(input);
  const declaredFrom = parseDay(parsed.declaredFrom, false);
  const declaredUntil = parsed.declaredUntil ? parseDay(parsed.declaredUntil, true) : null;
  if (declaredUntil && declaredUntil.getTime() <= declaredFrom.getTime()) {
    throw domainError("CONFLICT_DATES_INVALID", {}, { fields: { declaredUntil: { reason: "CONFLICT_DATES_INVALID", params: {} } } });
  }
  const note = parsed.note?.trim() ? parsed.note.trim() : null;
  return db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: parsed.organizationId }, select: ORG_SELECT });
    if (!org || !(CONFLICT_ORG_KINDS as readonly string[]).includes(org.kind)) {
      const params = { organizationId: parsed.organizationId };
      throw domainError("CONFLICT_ORG_UNKNOWN", params, { fields: { organizationId: { reason: "CONFLICT_ORG_UNKNOWN", params } } });
    }
    const row = await tx.conflictDeclaration.create({
      data: { expertId: user.id, organizationId: org.id, kind: parsed.kind, note, declaredFrom, declaredUntil, createdAt: now },
      include: { organization: { select: ORG_SELECT } },
    });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "CONFLICT_DECLARED",
      payload: {
        declarationId: row.id,
        organizationId: org.id,
        kind: row.kind,
        declaredFrom: declaredFrom.toISOString(),
        declaredUntil: declaredUntil?.toISOString() ?? null,
      },
      at: now,
    });
    return view(row, now);
  });
}

/** Withdraws one of the caller's declarations: withdrawnAt is set, the row stays. */
export async function withdrawConflict(user: SessionUser, id: string, now = new Date()): Promise<ConflictView> {
  assertExpert(user);
  return db().$transaction(async (tx) => {
    const row = await tx.conflictDeclaration.findFirst({ where: { id: String(id).slice(0, 100), expertId: user.id } });
    if (!row) throw domainError("CONFLICT_NOT_FOUND");
    if (row.withdrawnAt) throw domainError("CONFLICT_ALREADY_WITHDRAWN");
    // Only a still-open row is changed: two withdrawals at once leave one audit event.
    const done = await tx.conflictDeclaration.updateMany({ where: { id: row.id, withdrawnAt: null }, data: { withdrawnAt: now } });
    if (done.count !== 1) throw domainError("CONFLICT_ALREADY_WITHDRAWN");
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "CONFLICT_WITHDRAWN",
      payload: { declarationId: row.id, organizationId: row.organizationId, kind: row.kind },
      at: now,
    });
    const updated = await tx.conflictDeclaration.findUniqueOrThrow({ where: { id: row.id }, include: { organization: { select: ORG_SELECT } } });
    return view(updated, now);
  });
}
