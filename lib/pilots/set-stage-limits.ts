// The secretariat sets a pilot's time limit per stage; the change is recorded in the audit chain.
import "server-only";
import { db } from "@/lib/db";
import { invalidRequest, notFound } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent, canonicalJson } from "@/lib/audit/chain";
import { parseStageLimits, StageLimitsInput, type StageLimits } from "./stage-limits";

export async function setStageLimits(user: SessionUser, pilotId: string, raw: unknown): Promise<StageLimits> {
  assertCan(user, "pilot:manage");
  const parsed = StageLimitsInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The stage limits are not valid");
  const limits: StageLimits = {};
  for (const [stage, v] of Object.entries(parsed.data)) if (v !== undefined) limits[stage as keyof StageLimits] = v;

  return db().$transaction(async (tx) => {
    const pilot = await tx.pilot.findUnique({ where: { id: pilotId } });
    if (!pilot) throw notFound("PILOT_NOT_FOUND");
    const before = parseStageLimits(pilot.stageLimits);
    await tx.pilot.update({ where: { id: pilotId }, data: { stageLimits: canonicalJson(limits) } });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "PILOT_STAGE_LIMITS_SET",
      payload: { pilotId, before, after: limits },
    });
    return limits;
  });
}
