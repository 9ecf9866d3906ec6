// Who may handle a complaint: an active secretariat or ministry user with no part in the case
// complained about — not of its vendor's or lab's organisation (nor affiliated with them), never on
// its panel, never its decider, not named by its audit trail (complaint handling aside).
import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { HandlerBarReason } from "@/workflows/complaint";

export const HANDLER_ROLES = ["secretariat", "ministry"] as const;
const COMPLAINT_AUDIT_TYPES = ["COMPLAINT_RECEIVED", "COMPLAINT_TRIAGED", "COMPLAINT_CLOSED"];
// A surveillance opened by closing a complaint (its payload names the complaint) is complaint handling too.
const SURVEILLANCE_OPENED = "SURVEILLANCE_OPENED";

export type HandlerCandidate = { id: string; name: string; role: string; organizationName: string; bars: HandlerBarReason[] };

/** The bars of each given user (all active secretariat and ministry users when `userIds` is omitted). */
export async function handlerCandidates(database: Db | Tx, caseId: string | null, userIds?: string[]): Promise<HandlerCandidate[]> {
  const users = await database.user.findMany({
    where: userIds ? { id: { in: userIds } } : { role: { in: [...HANDLER_ROLES] }, disabled: false },
    include: { organization: { select: { name: true } }, affiliations: { select: { organizationId: true } } },
    orderBy: [{ role: "desc" }, { name: "asc" }],
  });
  const ids = users.map((u) => u.id);
  const [kase, seats, decisions, actors, surveillances] = caseId
    ? await Promise.all([
        database.case.findUnique({ where: { id: caseId }, select: { organizationId: true, labOrgId: true } }),
        database.panelMember.findMany({ where: { caseId, expertId: { in: ids } }, select: { expertId: true } }),
        database.decision.findMany({ where: { caseId, decidedById: { in: ids } }, select: { decidedById: true } }),
        database.auditEvent.findMany({
          where: { caseId, actorId: { in: ids }, type: { notIn: [...COMPLAINT_AUDIT_TYPES, SURVEILLANCE_OPENED] } },
          select: { actorId: true },
          distinct: ["actorId"],
        }),
        database.auditEvent.findMany({ where: { caseId, actorId: { in: ids }, type: SURVEILLANCE_OPENED }, select: { actorId: true, payload: true }, take: 1000 }),
      ])
    : [null, [], [], [], []];
  const caseOrgs = new Set([kase?.organizationId, kase?.labOrgId].filter((x): x is string => !!x));
  const panel = new Set(seats.map((s) => s.expertId));
  const deciders = new Set(decisions.map((d) => d.decidedById));
  const acted = new Set([
    ...actors.map((a) => a.actorId),
    ...surveillances.filter((e) => !(JSON.parse(e.payload) as { complaintId?: string }).complaintId).map((e) => e.actorId),
  ]);
  return users.map((u) => {
    const bars: HandlerBarReason[] = [];
    if (u.disabled || !(HANDLER_ROLES as readonly string[]).includes(u.role)) bars.push("HANDLER_NOT_ELIGIBLE");
    if ([u.organizationId, ...u.affiliations.map((a) => a.organizationId)].some((o) => caseOrgs.has(o))) bars.push("HANDLER_OF_CASE_ORG");
    if (panel.has(u.id)) bars.push("HANDLER_ON_PANEL");
    if (deciders.has(u.id)) bars.push("HANDLER_DECIDED_CASE");
    if (acted.has(u.id)) bars.push("HANDLER_ACTED_ON_CASE");
    return { id: u.id, name: u.name, role: u.role, organizationName: u.organization.name, bars };
  });
}

/** Why `handlerId` may not handle a complaint about `caseId` (empty: free to). An unknown id is not eligible. */
export async function handlerBars(database: Db | Tx, caseId: string | null, handlerId: string): Promise<HandlerBarReason[]> {
  const [c] = await handlerCandidates(database, caseId, [handlerId]);
  return c ? c.bars : ["HANDLER_NOT_ELIGIBLE"];
}
