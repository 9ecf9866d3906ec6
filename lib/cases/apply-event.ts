// The one door: every change of a case goes through applyEvent. Load the persisted snapshot →
// check the caller's permission → run the pure transition → in one transaction compare-and-set
// the case version, store snapshot and state, append the audit event, enqueue outbox work.
// A refused event changes nothing and says why.
import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { domainError, invalidRequest, ruleError } from "@/lib/errors";
import { assertCan, type Permission, type SessionUser } from "@/lib/permissions";
import { assertRecentAuth, DECISIVE_EVENTS } from "@/lib/auth/reauth";
import { appendAuditEvent } from "@/lib/audit/chain";
import {
  checkEvent,
  eventPayloadSchemas,
  mayRoleSend,
  reportRound,
  transition,
  type Actor,
  type CaseContext,
  type CaseEvent,
  type EventType,
  type PersistedCaseSnapshot,
} from "@/workflows/certification";
import { actorFor, SYSTEM_ACTOR } from "./actor";
import { CASE_INCLUDE, loadVisibleCase, type CaseRow } from "./load-case";
import { factsFor } from "./facts";
import { restoreCertificateStatus, syncCertificateStatus } from "@/lib/certificates/status";
import { enqueueIssueCertificate } from "@/lib/certificates/issue-job";
import { enqueueDecisionLetter } from "@/lib/letters/job";
import { enqueueCaseNotifications } from "@/lib/mail/case-notifications";
import { recordStatsFacts } from "@/lib/audit/stats-projection";

export type ApplyEventInput = {
  caseId: string;
  type: EventType;
  expectedVersion: number;
  payload: Record<string, unknown>;
  /** The request time; tests may set it, the API never does. */
  at?: Date;
};

const DECISION_EVENTS = new Set<EventType>([
  "AWARD", "DENY", "REMAND", "SUSPEND", "REINSTATE", "REVOKE", "DOWNGRADE", "UPHOLD_APPEAL", "DISMISS_APPEAL", "EXPIRE",
]);

/**
 * `by` is a signed-in user, or "system" for the expiry and surveillance sweeps. `loaded` is the case
 * as `loadVisibleCase` gave it to the same caller moments ago (sendEvent reads it once for its 404
 * and for the door); without it the door reads it. The answer's `case` is the row as the event left
 * it: the columns the compare-and-set wrote (returned by that same statement) on the row read
 * before, with the lab and the certificates re-read only when the event changed them.
 */
export async function applyEvent(by: SessionUser | "system", input: ApplyEventInput, loaded?: CaseRow) {
  const database = db();
  const at = input.at ?? new Date();
  const user = by === "system" ? null : by;

  // Who may see the case, then who may send this kind of event at all (the machine adds the per-case rules).
  const row = loaded ?? (await loadVisibleCase(database, user, input.caseId));
  const payload = admit(user, input);
  if (input.expectedVersion !== row.version) throw versionMismatch(row.version, input.expectedVersion);
  const actor = user ? await actorFor(database, user) : SYSTEM_ACTOR;

  const result = await database.$transaction((tx) => commitCaseEvent(tx, { row, user, actor, input, payload, at }));
  const fresh = await caseAfterEvent(database, row, result.updated, input.type);
  return { case: fresh, state: result.state, context: result.context, actor };
}

/** Events whose projections change the case's certificates in the transaction (project() below). */
const CERTIFICATE_STATUS_EVENTS = new Set<EventType>(["UPHOLD_APPEAL", "SUSPEND", "REINSTATE", "REVOKE", "EXPIRE"]);

/** The case row after the event, without reading again what the event cannot have changed. */
async function caseAfterEvent(database: Db, before: CaseRow, updated: CaseScalars, type: EventType): Promise<CaseRow> {
  const lab =
    updated.labOrgId === before.labOrgId
      ? before.lab
      : updated.labOrgId
        ? await database.organization.findUnique({ where: { id: updated.labOrgId } })
        : null;
  // Certificates are issued by the outbox after the commit; in the transaction only a status changes.
  const certificates =
    before.certificates.length > 0 && CERTIFICATE_STATUS_EVENTS.has(type)
      ? await database.certificate.findMany({ where: { caseId: before.id }, ...CASE_INCLUDE.certificates })
      : before.certificates;
  return { ...before, ...updated, lab, certificates };
}

/**
 * The same door from inside another door's transaction (a change case concluded by a downgrade or a
 * suspension of its certified case, docs/domain.md#after-care): the same checks, the same writes, in
 * the caller's transaction, so both commit or neither does. `via` is recorded in the audit payload.
 */
export async function applyEventInTx(tx: Tx, by: SessionUser | "system", input: ApplyEventInput, via: Record<string, string> = {}) {
  const at = input.at ?? new Date();
  const user = by === "system" ? null : by;
  const row = await loadVisibleCase(tx, user, input.caseId);
  const payload = admit(user, input);
  if (input.expectedVersion !== row.version) throw versionMismatch(row.version, input.expectedVersion);
  const actor = user ? await actorFor(tx, user) : SYSTEM_ACTOR;
  return commitCaseEvent(tx, { row, user, actor, input, payload, at, via });
}

/** The caller's right to send this kind of event, then its payload (parsed). */
function admit(user: SessionUser | null, input: ApplyEventInput): Record<string, unknown> {
  if (user) assertCan(user, `event:${input.type}` as Permission);
  else if (!mayRoleSend("system", input.type)) throw domainError("ROLE_MAY_NOT_SEND", { role: "system", event: input.type });
  // Awarding and revoking need a recent password (lib/auth/reauth.ts).
  if (user && DECISIVE_EVENTS.has(input.type)) assertRecentAuth(user, input.type);
  const parsed = eventPayloadSchemas[input.type].safeParse(input.payload);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, `The ${input.type} request is not valid`);
  return parsed.data as Record<string, unknown>;
}

function versionMismatch(currentVersion: number, sentVersion: number) {
  return domainError("VERSION_MISMATCH", { currentVersion, sentVersion }, { details: { currentVersion } });
}

/** The case's own columns, as the compare-and-set returns them. */
type CaseScalars = Omit<CaseRow, keyof typeof CASE_INCLUDE>;

type Commit = {
  row: CaseRow;
  user: SessionUser | null;
  actor: Actor;
  input: ApplyEventInput;
  payload: Record<string, unknown>;
  at: Date;
  via?: Record<string, string>;
};

/** Facts → pure transition → compare-and-set → audit → projections → outbox, in `tx`. */
async function commitCaseEvent(tx: Tx, { row, user, actor, input, payload, at, via = {} }: Commit) {
  const snapshot = JSON.parse(row.snapshot) as PersistedCaseSnapshot;
  const ctx = snapshot.context;
  const facts = await factsFor(tx, input.type, row, ctx, payload, at);
  const event = { type: input.type, actor, at: at.toISOString(), ...payload, ...facts } as CaseEvent;
  const check = checkEvent(row.state, ctx, event);
  if (!check.ok) throw ruleError(check);
  const next = transition(snapshot, event);
  if (!next.changed) throw domainError("EVENT_NOT_ALLOWED_IN_STATE", { event: input.type, state: row.state });

  // Compare-and-set first: a concurrent writer that got here before us makes this match nothing.
  // The same statement returns the row as written (the answer's case, without reading it again).
  const won = await tx.case.updateManyAndReturn({
    where: { id: row.id, version: input.expectedVersion },
    data: {
      version: { increment: 1 },
      state: next.state,
      snapshot: JSON.stringify(next.snapshot),
      labOrgId: next.context.labId,
      labLevel: next.context.labLevel,
      labProfile: next.context.labProfile ? JSON.stringify(next.context.labProfile) : null,
      recommendation: next.context.recommendation ? JSON.stringify(next.context.recommendation) : null,
      awardedLevel: next.context.awardedLevel,
      validUntil: next.context.validUntil ? new Date(next.context.validUntil) : null,
      correctBy: next.state === "suspended" && next.context.correctBy ? new Date(next.context.correctBy) : null,
      ...(next.state !== row.state ? { stateEnteredAt: at } : {}),
    },
  });
  if (won.length !== 1) throw domainError("CASE_CHANGED");

  const audit = await appendAuditEvent(tx, {
    caseId: row.id,
    actorId: user?.id ?? null,
    actorRole: actor.role,
    type: input.type,
    payload: {
      from: row.state,
      to: next.state,
      version: input.expectedVersion + 1,
      round: input.type === "VOTE" || input.type === "RECUSE" ? ctx.round : next.context.round,
      ...payload,
      ...auditFacts(input.type, facts),
      // Which adverse decision an appeal is against, and where an appeal's outcome led.
      ...(input.type === "APPEAL" ? { decision: next.context.pendingAppeal?.kind ?? null } : {}),
      ...via,
    },
    at,
  });
  await project(tx, input.type, row.id, ctx, next.context, payload, user?.id ?? null, audit.seq, at);
  // The dashboard's projection, in the same transaction (docs/decisions/0014-dashboard-projections.md).
  await recordStatsFacts(tx, { seq: audit.seq, type: input.type, at, to: next.state, round: input.type === "VOTE" || input.type === "RECUSE" ? ctx.round : next.context.round }, row, next.context.labId);
  await enqueueCaseNotifications(
    tx,
    { caseId: row.id, type: input.type, to: next.state, auditSeq: audit.seq, actorId: user?.id ?? null, payload },
    // The case as just written (no need to read it again), and a sequence number appended in this transaction.
    { organizationId: row.organizationId, labOrgId: next.context.labId, context: next.snapshot.context, freshSeq: true },
  );
  return { ...next, updated: won[0] as CaseScalars };
}

/** What the audit record keeps of the looked-up facts (enough to re-check the decision later). */
function auditFacts(type: EventType, facts: Record<string, unknown>) {
  switch (type) {
    case "SUBMIT_REPORT": {
      const r = facts.report as { level: string; profile: unknown };
      return { labLevel: r.level, labProfile: r.profile };
    }
    case "ASSIGN_PANEL":
      return { experts: facts.experts };
    case "AWARD":
      return { claimedLevel: facts.claimedLevel ?? null };
    default:
      return {};
  }
}

/** Keeps the query tables (panel, votes, decisions, reports, certificates) in step with the snapshot. */
async function project(
  tx: Tx,
  type: EventType,
  caseId: string,
  before: CaseContext,
  after: CaseContext,
  payload: Record<string, unknown>,
  userId: string | null,
  auditSeq: number,
  at: Date,
) {
  switch (type) {
    case "ASSIGN_PANEL":
      await tx.panelMember.createMany({
        data: after.panel.map((p) => ({ caseId, round: after.round, expertId: p.expertId, active: true, assignedAt: at })),
      });
      // Every new panel opens a new round; what becomes of it decides who reads its votes (vote-visibility.ts).
      await tx.reviewRound.create({ data: { caseId, round: after.round, openedAt: at } });
      break;
    case "RECUSE":
      await tx.panelMember.updateMany({
        where: { caseId, round: before.round, expertId: userId! },
        data: { active: false, recuseReason: String(payload.reason), recusedAt: at },
      });
      // A recused panelist's vote no longer counts (the audit trail keeps it).
      await tx.vote.deleteMany({ where: { caseId, round: before.round, expertId: userId! } });
      // A recusal that closes the panel (every remaining panelist voted) closes the round; one that
      // leaves too few panelists ends it unclosed: its votes stay sealed for good (vote-visibility.ts).
      if (after.recommendation !== null) {
        await tx.reviewRound.updateMany({ where: { caseId, round: before.round }, data: { closedAt: at } });
      } else if (after.panel.filter((p) => p.active).length < after.panelSize) {
        await tx.reviewRound.updateMany({ where: { caseId, round: before.round }, data: { endedAt: at } });
      }
      break;
    case "VOTE":
      await tx.vote.create({
        data: {
          caseId,
          round: before.round,
          expertId: userId!,
          verdict: String(payload.verdict),
          level: (payload.level as string | null | undefined) ?? null,
          rationale: String(payload.rationale),
          createdAt: at,
        },
      });
      // The vote that closes the panel (the recommendation is made) closes the round.
      if (after.recommendation !== null) {
        await tx.reviewRound.updateMany({ where: { caseId, round: before.round }, data: { closedAt: at } });
      }
      break;
    case "WITHDRAW":
      // Withdrawn while its panel votes: that round ends without closing, its votes sealed for good.
      await tx.reviewRound.updateMany({ where: { caseId, round: before.round, closedAt: null, endedAt: null }, data: { endedAt: at } });
      break;
    case "SUBMIT_REPORT":
      await tx.labReport.updateMany({ where: { caseId, round: reportRound(before) }, data: { submittedAt: at } });
      break;
  }
  if (DECISION_EVENTS.has(type)) {
    await tx.decision.create({
      data: {
        caseId,
        type,
        level: type === "AWARD" || type === "DOWNGRADE" ? after.awardedLevel : null,
        justification: (payload.justification as string | undefined) ?? null,
        reason: (payload.reason as string | undefined) ?? null,
        decidedById: userId,
        auditSeq,
        createdAt: at,
      },
    });
  }
  // An award, or a downgrade (a new revision at the lower level), issues a certificate revision.
  if (type === "AWARD" || type === "DOWNGRADE") await enqueueIssueCertificate(tx, caseId, auditSeq);
  if (type === "DENY") await enqueueDecisionLetter(tx, caseId, auditSeq);
  // An upheld appeal against a suspension or revocation gives the certificate back its validity.
  if (type === "UPHOLD_APPEAL" && before.pendingAppeal && after.awardedLevel !== null && ["suspension", "revocation"].includes(before.pendingAppeal.kind)) {
    await restoreCertificateStatus(tx, caseId, at);
  }
  if (type === "SUSPEND" || type === "REINSTATE" || type === "REVOKE" || type === "EXPIRE") {
    await syncCertificateStatus(tx, caseId, type, (payload.reason as string | undefined) ?? null, at);
  }
}
