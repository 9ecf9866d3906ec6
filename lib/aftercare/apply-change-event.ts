// The one door of a change case (the discipline of lib/cases/apply-event.ts): load → permission →
// payload → version → in one transaction: the facts, the pure transition (workflows/aftercare),
// compare-and-set `version`, the audit event on the certified case, and the effects: a certificate
// revision for an amendment, or DOWNGRADE / SUSPEND of the certified case through its own door in
// this same transaction (docs/domain.md#after-care). A refused event changes nothing and says why.
import "server-only";
import { db, type Tx } from "@/lib/db";
import { domainError, invalidRequest } from "@/lib/errors";
import { assertCan, type Permission, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { applyEventInTx } from "@/lib/cases/apply-event";
import { schemeOf } from "@/lib/cases/save-lab-report";
import { enqueueIssueCertificate } from "@/lib/certificates/issue-job";
import { enqueueCaseNotifications } from "@/lib/mail/case-notifications";
import { schemeItems, type Level } from "@/lib/grading";
import {
  CHANGE_FINAL_STATES,
  changeEventSchemas,
  checkChangeEvent,
  transitionChange,
  type ChangeEvent,
  type ChangeEventType,
  type ChangeReportFacts,
} from "@/workflows/aftercare";
import { changeContext, changeState, loadVisibleChange, type ChangeRow } from "./load-change";

export type ApplyChangeEventInput = {
  changeId: string;
  type: ChangeEventType;
  expectedVersion: number;
  payload: Record<string, unknown>;
  /** The request time; tests and the surveillance sweep set it, the API never does. */
  at?: Date;
};

export const CHANGE_AUDIT_TYPE = {
  CLASSIFY: "CHANGE_CLASSIFIED",
  SUBMIT_REPORT: "CHANGE_REPORT_SUBMITTED",
  CONCLUDE: "CHANGE_CONCLUDED",
  WITHDRAW: "CHANGE_WITHDRAWN",
} as const;

/** The reason the system gives when a surveillance was not concluded in time. */
export const SURVEILLANCE_OVERDUE_REASON = "监督逾期未完成 / Surveillance overdue";
/** The days an overdue surveillance's suspension gives the vendor to correct. */
export const SURVEILLANCE_CORRECT_DAYS = 90;

const FINAL = new Set<string>(CHANGE_FINAL_STATES);

/** `by` is a signed-in user, or "system" for the surveillance sweep (an overdue surveillance). */
export async function applyChangeEvent(by: SessionUser | "system", input: ApplyChangeEventInput) {
  const database = db();
  const at = input.at ?? new Date();
  const user = by === "system" ? null : by;
  const schema = changeEventSchemas[input.type];
  if (!schema) throw domainError("UNKNOWN_EVENT", { event: String(input.type) });
  if (user) assertCan(user, `change:${input.type}` as Permission);
  else if (input.type !== "CONCLUDE") throw domainError("ROLE_MAY_NOT_SEND", { role: "system", event: input.type });

  const row = await loadVisibleChange(database, user, input.changeId);
  const parsed = schema.safeParse(input.payload);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, `The ${input.type} request is not valid`);
  const payload = parsed.data as Record<string, unknown>;
  if (input.expectedVersion !== row.version) {
    throw domainError("CHANGE_VERSION_MISMATCH", { currentVersion: row.version, sentVersion: input.expectedVersion }, { details: { currentVersion: row.version } });
  }
  await database.$transaction((tx) => commitChangeEvent(tx, by, row, input, payload, at));
  return loadVisibleChange(database, user, input.changeId);
}

/** In `tx`: facts → transition → compare-and-set → audit → effects. Also used by the surveillance sweep. */
export async function commitChangeEvent(
  tx: Tx,
  by: SessionUser | "system",
  row: ChangeRow,
  input: Pick<ApplyChangeEventInput, "type" | "expectedVersion">,
  payload: Record<string, unknown>,
  at: Date,
) {
  const user = by === "system" ? null : by;
  const state = changeState(row);
  const ctx = changeContext(row);
  const parent = await tx.case.findUniqueOrThrow({ where: { id: row.caseId }, select: { state: true, version: true, awardedLevel: true } });
  const facts = await factsFor(tx, input.type, row, parent.awardedLevel as Level | null, at);
  const actor = user ? { id: user.id, role: user.role, orgId: user.organizationId } : { id: "system", role: "system", orgId: null };
  const event = { type: input.type, actor, at: at.toISOString(), ...payload, ...facts } as ChangeEvent;
  const check = checkChangeEvent(state, ctx, event);
  if (!check.ok) throw domainError(check.reason, check.params);
  const next = transitionChange(state, ctx, event);
  if (!next.changed) throw domainError("CHANGE_EVENT_NOT_ALLOWED", { event: input.type, state });
  // An amendment reissues the certificate: only a certified one can be amended.
  const amends = next.state === "amended" && ctx.kind !== "surveillance";
  if (amends && parent.state !== "certified") throw domainError("CHANGE_NEEDS_CERTIFIED", { state: parent.state });

  const won = await tx.changeCase.updateMany({
    where: { id: row.id, version: input.expectedVersion },
    data: {
      version: { increment: 1 },
      state: next.state,
      snapshot: JSON.stringify(next.context),
      classification: next.context.classification,
      items: JSON.stringify(next.context.items),
      outcome: next.context.outcome,
      level: next.context.level,
      ...(next.state !== state ? { stateEnteredAt: at } : {}),
      ...(FINAL.has(next.state) ? { concludedAt: at } : {}),
    },
  });
  if (won.count !== 1) throw domainError("CHANGE_CHANGED");
  if (input.type === "SUBMIT_REPORT") await tx.changeReport.update({ where: { changeId: row.id }, data: { submittedAt: at } });

  const auditType = CHANGE_AUDIT_TYPE[input.type];
  const audit = await appendAuditEvent(tx, {
    caseId: row.caseId,
    actorId: user?.id ?? null,
    actorRole: actor.role,
    type: auditType,
    payload: {
      changeId: row.id,
      kind: row.kind,
      changeFrom: state,
      changeState: next.state,
      version: input.expectedVersion + 1,
      ...payload,
      ...(input.type === "SUBMIT_REPORT" ? { retestLevel: next.context.retestLevel, failing: next.context.failing } : {}),
      ...(input.type === "CONCLUDE" ? { awardedLevel: parent.awardedLevel } : {}),
      ...(next.state === "amended" ? { outcome: "amended" } : {}),
    },
    at,
  });

  // The effects on the certified case, in this same transaction.
  if (amends) await enqueueIssueCertificate(tx, row.caseId, audit.seq);
  if (next.state === "downgraded") {
    await applyEventInTx(
      tx,
      by,
      { caseId: row.caseId, type: "DOWNGRADE", expectedVersion: parent.version, payload: { level: next.context.level, reason: next.context.reason }, at },
      { changeId: row.id },
    );
  }
  if (next.state === "suspended") {
    const correctBy = (payload.correctBy as string | null | undefined) ?? new Date(at.getTime() + SURVEILLANCE_CORRECT_DAYS * 86_400_000).toISOString();
    await applyEventInTx(
      tx,
      by,
      { caseId: row.caseId, type: "SUSPEND", expectedVersion: parent.version, payload: { reason: next.context.reason, correctBy }, at },
      { changeId: row.id },
    );
  }
  await enqueueCaseNotifications(tx, {
    caseId: row.caseId,
    type: auditType,
    to: next.state,
    auditSeq: audit.seq,
    actorId: user?.id ?? null,
    payload: { reason: next.context.reason ?? next.context.classifyReason ?? undefined },
  });
  return next;
}

/** What the rules judge an event on, looked up now. */
async function factsFor(tx: Tx, type: ChangeEventType, row: ChangeRow, awardedLevel: Level | null, at: Date) {
  switch (type) {
    case "CLASSIFY":
      return { schemeItems: schemeItems(schemeOf(row.case.schemeVersion.definition)).map(({ item }) => item.key) };
    case "SUBMIT_REPORT": {
      const report = await tx.changeReport.findUnique({ where: { changeId: row.id } });
      const facts: ChangeReportFacts = report
        ? {
            complete: report.complete,
            items: (JSON.parse(report.results) as { item: string }[]).map((r) => r.item),
            level: (report.level as Level | null) ?? null,
            failing: JSON.parse(report.failing) as string[],
          }
        : null;
      return { report: facts };
    }
    case "CONCLUDE":
      return { awardedLevel, overdue: row.concludeBy !== null && at.getTime() > row.concludeBy.getTime() };
    default:
      return {};
  }
}
