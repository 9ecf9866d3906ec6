// Opens a change case on a certified case: a vendor reports a change of its product, the
// secretariat opens an unscheduled surveillance (docs/domain.md#after-care). In one transaction:
// the change case row, the audit event on the certified case, the notice.
import "server-only";
import { db, type Tx } from "@/lib/db";
import { domainError, invalidRequest } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { loadVisibleCase } from "@/lib/cases/load-case";
import { schemeOf } from "@/lib/cases/save-lab-report";
import { caseProductSnapshot } from "@/lib/cases/product-snapshot";
import { enqueueCaseNotifications } from "@/lib/mail/case-notifications";
import { schemeItems, type Scheme } from "@/lib/grading";
import { CHANGE_OPEN_STATES, OPEN_CHANGES_MAX, openChangeCase, reportChangeSchema, type ChangeKind } from "@/workflows/aftercare";

/** The items a surveillance re-tests: those named, else the scheme's surveillance items, else all. */
export function surveillanceItemsOf(scheme: Scheme, named?: string[]): string[] {
  if (named && named.length > 0) return named;
  if (scheme.surveillanceItems && scheme.surveillanceItems.length > 0) return [...scheme.surveillanceItems];
  return schemeItems(scheme).map(({ item }) => item.key);
}

export async function reportChange(user: SessionUser, caseId: string, body: unknown, at: Date = new Date()) {
  const parsed = reportChangeSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The change report is not valid");
  const input = parsed.data;
  // A vendor reports changes of its product; the secretariat opens surveillance; nobody else either.
  if (input.kind === "surveillance") {
    if (user.role !== "secretariat") throw domainError("CHANGE_KIND_NOT_YOURS", { role: user.role, kind: input.kind });
    assertCan(user, "change:surveil");
  } else {
    if (user.role !== "vendor") throw domainError("CHANGE_KIND_NOT_YOURS", { role: user.role, kind: input.kind });
    assertCan(user, "change:report");
  }
  const database = db();
  const row = await loadVisibleCase(database, user, caseId);
  if (row.state !== "certified") throw domainError("CHANGE_NEEDS_CERTIFIED", { state: row.state });
  const scheme = schemeOf(row.schemeVersion.definition);

  return database.$transaction(async (tx) => {
    if (input.kind === "surveillance") {
      const known = new Set(schemeItems(scheme).map(({ item }) => item.key));
      const unknown = (input.items ?? []).find((i) => !known.has(i));
      if (unknown !== undefined) throw domainError("CHANGE_ITEM_UNKNOWN", { item: unknown });
      if (new Set(input.items ?? []).size !== (input.items ?? []).length) throw domainError("CHANGE_ITEM_REPEATED");
      return openChange(tx, {
        caseId,
        kind: "surveillance",
        from: "",
        to: "",
        description: input.description,
        items: surveillanceItemsOf(scheme, input.items),
        labOrgId: row.labOrgId,
        by: user,
        at,
        concludeBy: new Date(at.getTime() + scheme.surveillanceGraceDays * 86_400_000),
      });
    }
    // The software version a change starts from must be the one the certificate covers now.
    if (input.kind === "software") {
      const covered = await coveredSoftwareVersion(tx, caseId, caseProductSnapshot(row).softwareVersion);
      if (input.from.trim() !== covered) throw domainError("CHANGE_FROM_MISMATCH", { covered, from: input.from.trim() });
    }
    return openChange(tx, { caseId, kind: input.kind, from: input.from, to: input.to, description: input.description, items: [], labOrgId: row.labOrgId, by: user, at });
  });
}

/** The software version the current certificate covers: as applied, or as last amended. */
export async function coveredSoftwareVersion(tx: Tx, caseId: string, applied: string): Promise<string> {
  const last = await tx.changeCase.findFirst({
    where: { caseId, kind: "software", state: "amended" },
    orderBy: { concludedAt: "desc" },
    select: { toVersion: true },
  });
  return last?.toVersion ?? applied;
}

type OpenChange = {
  caseId: string;
  kind: ChangeKind;
  from: string;
  to: string;
  description: string;
  items: string[];
  labOrgId: string | null;
  /** A person, or null for the portal's surveillance schedule. */
  by: SessionUser | null;
  at: Date;
  concludeBy?: Date;
  surveillanceDueAt?: Date;
  complaintId?: string;
};

/** Creates the change case in `tx` (the caller's transaction), with its audit event and notice. */
export async function openChange(tx: Tx, o: OpenChange) {
  // Touching the case row first takes its lock, so concurrent reports on one case queue here and
  // the count below sees the ones committed before (the limit holds on PostgreSQL too).
  await tx.case.updateMany({ where: { id: o.caseId }, data: { updatedAt: o.at } });
  const open = await tx.changeCase.count({ where: { caseId: o.caseId, state: { in: [...CHANGE_OPEN_STATES] } } });
  if (open >= OPEN_CHANGES_MAX) throw domainError("TOO_MANY_OPEN_CHANGES", { max: OPEN_CHANGES_MAX });
  const start = openChangeCase(o.kind, o.labOrgId, o.items);
  const change = await tx.changeCase.create({
    data: {
      caseId: o.caseId,
      kind: o.kind,
      fromVersion: o.from.trim(),
      toVersion: o.to.trim(),
      description: o.description.trim(),
      state: start.state,
      snapshot: JSON.stringify(start.context),
      classification: start.context.classification,
      items: JSON.stringify(start.context.items),
      reportedById: o.by?.id ?? null,
      labOrgId: o.labOrgId,
      openedAt: o.at,
      stateEnteredAt: o.at,
      concludeBy: o.concludeBy ?? null,
      surveillanceDueAt: o.surveillanceDueAt ?? null,
      complaintId: o.complaintId ?? null,
    },
  });
  const type = o.kind === "surveillance" ? "SURVEILLANCE_OPENED" : "CHANGE_REPORTED";
  const audit = await appendAuditEvent(tx, {
    caseId: o.caseId,
    actorId: o.by?.id ?? null,
    actorRole: o.by?.role ?? "system",
    type,
    payload: {
      changeId: change.id,
      kind: o.kind,
      changeState: start.state,
      ...(o.kind === "surveillance"
        ? { items: start.context.items, concludeBy: o.concludeBy?.toISOString() ?? null, ...(o.surveillanceDueAt ? { dueAt: o.surveillanceDueAt.toISOString() } : {}), ...(o.complaintId ? { complaintId: o.complaintId } : {}) }
        : { from: change.fromVersion, to: change.toVersion }),
      description: change.description,
    },
    at: o.at,
  });
  await enqueueCaseNotifications(tx, { caseId: o.caseId, type, to: start.state, auditSeq: audit.seq, actorId: o.by?.id ?? null, payload: { reason: change.description } });
  return change;
}
