// The one door of a complaint (the discipline of lib/cases/apply-event.ts): load → permission →
// payload → version → in one transaction: the facts, the pure transition (workflows/complaint),
// compare-and-set `version`, store the state, append the audit event on the complaint's case with
// the reference in the payload. A refused event changes nothing and says why.
import "server-only";
import { db } from "@/lib/db";
import { domainError, invalidRequest } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import {
  checkComplaintEvent,
  complaintEventSchemas,
  transitionComplaint,
  type ComplaintContext,
  type ComplaintEvent,
  type ComplaintEventType,
  type ComplaintOutcome,
  type ComplaintState,
} from "@/workflows/complaint";
import { handlerBars } from "./handlers";
import { openChange, surveillanceItemsOf } from "@/lib/aftercare/report-change";
import { schemeOf } from "@/lib/cases/save-lab-report";
import type { Tx } from "@/lib/db";
import { normalizeReference } from "./secrets";

export type ApplyComplaintEventInput = {
  reference: string;
  type: ComplaintEventType;
  expectedVersion: number;
  payload: Record<string, unknown>;
  /** The request time; tests may set it, the API never does. */
  at?: Date;
};

const PERMISSION = { TRIAGE: "complaint:triage", CLOSE: "complaint:close" } as const;
const AUDIT_TYPE = { TRIAGE: "COMPLAINT_TRIAGED", CLOSE: "COMPLAINT_CLOSED" } as const;

export async function applyComplaintEvent(user: SessionUser, input: ApplyComplaintEventInput) {
  const database = db();
  const at = input.at ?? new Date();
  const permission = PERMISSION[input.type];
  if (!permission) throw domainError("UNKNOWN_EVENT", { event: String(input.type) });
  assertCan(user, permission);

  const row = await database.complaint.findUnique({ where: { reference: normalizeReference(input.reference) } });
  if (!row) throw domainError("COMPLAINT_NOT_FOUND");

  const parsed = complaintEventSchemas[input.type].safeParse(input.payload);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, `The ${input.type} request is not valid`);
  const payload = parsed.data as Record<string, unknown>;

  if (input.expectedVersion !== row.version) {
    throw domainError("COMPLAINT_VERSION_MISMATCH", { currentVersion: row.version, sentVersion: input.expectedVersion }, { details: { currentVersion: row.version } });
  }

  const state = row.state as ComplaintState;
  const context: ComplaintContext = {
    handlerId: row.handlerId,
    triagedBy: null,
    outcome: row.outcome as ComplaintOutcome | null,
    publicSummary: row.publicSummary,
    closedBy: null,
  };

  return database.$transaction(async (tx) => {
    const facts = input.type === "TRIAGE" ? { handlerBars: await handlerBars(tx, row.caseId, String(payload.handlerId)) } : {};
    const event = { type: input.type, actor: { id: user.id, role: user.role }, at: at.toISOString(), ...payload, ...facts } as ComplaintEvent;
    const check = checkComplaintEvent(state, context, event);
    if (!check.ok) throw domainError(check.reason, check.params);
    const next = transitionComplaint(state, context, event);
    if (!next.changed) throw domainError("COMPLAINT_EVENT_NOT_ALLOWED", { event: input.type, state });

    const won = await tx.complaint.updateMany({
      where: { id: row.id, version: input.expectedVersion },
      data: {
        version: { increment: 1 },
        state: next.state,
        handlerId: next.context.handlerId,
        outcome: next.context.outcome,
        publicSummary: next.context.publicSummary,
        ...(input.type === "TRIAGE" ? { triagedAt: at } : {}),
        ...(input.type === "CLOSE" ? { closedAt: at } : {}),
      },
    });
    if (won.count !== 1) throw domainError("COMPLAINT_CHANGED");

    await appendAuditEvent(tx, {
      caseId: row.caseId,
      actorId: user.id,
      actorRole: user.role,
      type: AUDIT_TYPE[input.type],
      payload: { reference: row.reference, complaintId: row.id, complaintFrom: state, complaintState: next.state, version: input.expectedVersion + 1, ...payload },
      at,
    });
    // A complaint closed with outcome "surveillance" opens an unscheduled surveillance of the
    // certified product, in this same transaction (docs/domain.md#after-care).
    if (input.type === "CLOSE" && payload.outcome === "surveillance") await openComplaintSurveillance(tx, user, row.caseId, row.id, at);
    return tx.complaint.findUniqueOrThrow({ where: { id: row.id } });
  });
}

async function openComplaintSurveillance(tx: Tx, user: SessionUser, caseId: string | null, complaintId: string, at: Date) {
  const c = caseId
    ? await tx.case.findUnique({ where: { id: caseId }, select: { id: true, state: true, labOrgId: true, schemeVersion: { select: { definition: true } } } })
    : null;
  if (!c || c.state !== "certified") throw domainError("CHANGE_NEEDS_CERTIFIED", { state: c?.state ?? "—" });
  const scheme = schemeOf(c.schemeVersion.definition);
  await openChange(tx, {
    caseId: c.id,
    kind: "surveillance",
    from: "",
    to: "",
    description: "投诉引起的监督 / Surveillance opened by a complaint",
    items: surveillanceItemsOf(scheme),
    labOrgId: c.labOrgId,
    by: user,
    at,
    concludeBy: new Date(at.getTime() + scheme.surveillanceGraceDays * 86_400_000),
    complaintId,
  });
}
