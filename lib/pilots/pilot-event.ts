// A pilot's status changes: APPROVE (ministry, draft → approved), OPEN (secretariat, approved →
// open), CLOSE (secretariat, open → closed). Each is a compare-and-set on the status and an audit
// event in the same transaction. Closing refuses new applications; running cases go on.
import "server-only";
import { db } from "@/lib/db";
import { domainError, invalidRequest, notFound } from "@/lib/errors";
import { assertCan, can, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { PilotEventInput } from "./schemas";
import { PILOT_TRANSITIONS } from "./rules";

const AUDIT_TYPE = { APPROVE: "PILOT_APPROVED", OPEN: "PILOT_OPENED", CLOSE: "PILOT_CLOSED" } as const;

export async function sendPilotEvent(user: SessionUser, pilotId: string, raw: unknown, now = new Date()) {
  // Who may send no pilot event at all is refused before the body is read.
  if (!can(user, "pilot:manage") && !can(user, "pilot:approve")) assertCan(user, "pilot:manage");
  const parsed = PilotEventInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The pilot event is not valid");
  const type = parsed.data.type;
  const t = PILOT_TRANSITIONS[type];
  assertCan(user, t.permission);

  return db().$transaction(async (tx) => {
    const pilot = await tx.pilot.findUnique({ where: { id: pilotId } });
    if (!pilot) throw notFound("PILOT_NOT_FOUND");
    if (pilot.status !== t.from) throw domainError("PILOT_EVENT_NOT_ALLOWED", { event: type, status: pilot.status });
    const stamp =
      type === "APPROVE" ? { approvedById: user.id, approvedAt: now } : type === "OPEN" ? { openedAt: now } : { closedAt: now };
    // Compare-and-set: a concurrent change of status makes this match nothing.
    const { count } = await tx.pilot.updateMany({ where: { id: pilotId, status: t.from }, data: { status: t.to, ...stamp } });
    if (count !== 1) throw domainError("PILOT_CHANGED");
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: AUDIT_TYPE[type],
      payload: { pilotId, name: pilot.name, from: t.from, to: t.to },
      at: now,
    });
    return tx.pilot.findUniqueOrThrow({ where: { id: pilotId } });
  });
}
