// Recent news on the cases a user may see: the milestones their role cares about, made by someone
// else, from the audit trail. Only fields the role may read leave here (never a panelist's name or
// vote; a vote appears only as the panel closing).
import "server-only";
import { db } from "@/lib/db";
import { DAY_MS } from "@/lib/domain";
import { assertCan, caseWhere, type Role, type SessionUser } from "@/lib/permissions";

export const UPDATE_DAYS = 30;

/** PANEL_CLOSED is the vote (or recusal) that closed a panel; the vote itself stays unseen. */
const UPDATE_TYPES: Record<Role, readonly string[]> = {
  vendor: ["RETURN", "REJECT_APPLICATION", "ACCEPT", "PANEL_CLOSED", "AWARD", "CERTIFICATE_ISSUED", "DENY", "DECISION_LETTER_ISSUED", "REMAND", "SUSPEND", "REINSTATE", "REVOKE", "DOWNGRADE", "EXPIRE", "UPHOLD_APPEAL", "DISMISS_APPEAL"],
  lab: ["ACCEPT", "PANEL_CLOSED", "WITHDRAW", "AWARD", "DENY", "REMAND"],
  expert: ["ASSIGN_PANEL", "PANEL_CLOSED", "WITHDRAW", "AWARD", "DENY", "REMAND", "UPHOLD_APPEAL"],
  secretariat: ["SUBMIT", "SUBMIT_REPORT", "PANEL_CLOSED", "WITHDRAW", "REMAND", "APPEAL", "UPHOLD_APPEAL", "AWARD", "DENY"],
  ministry: ["PANEL_CLOSED", "APPEAL", "WITHDRAW", "AWARD", "DENY", "SUSPEND", "REINSTATE", "REVOKE", "UPHOLD_APPEAL", "DISMISS_APPEAL"],
  admin: [],
};

export type InboxUpdate = {
  seq: number;
  caseId: string;
  type: string;
  at: Date;
  /** The state the case entered, when the event moved it. */
  to: string | null;
  product: { name: string; model: string };
  level: string | null;
  reason: string | null;
  certificateNumber: string | null;
};

export async function listUpdates(user: SessionUser, now = new Date(), take = 20): Promise<InboxUpdate[]> {
  assertCan(user, "case:list");
  const wanted = UPDATE_TYPES[user.role];
  const types = wanted.flatMap((t) => (t === "PANEL_CLOSED" ? ["VOTE", "RECUSE"] : [t]));
  if (types.length === 0) return [];
  const rows = await db().auditEvent.findMany({
    where: {
      type: { in: types },
      caseId: { not: null },
      at: { gte: new Date(now.getTime() - UPDATE_DAYS * DAY_MS) },
      case: caseWhere(user),
      OR: [{ actorId: null }, { actorId: { not: user.id } }],
    },
    include: { case: { select: { product: { select: { name: true, model: true } } } } },
    orderBy: { seq: "desc" },
    // Votes that did not close their panel are dropped below; read enough to still fill the page.
    take: take * 4,
  });
  const out: InboxUpdate[] = [];
  for (const e of rows) {
    if (!e.caseId || !e.case) continue;
    const p = JSON.parse(e.payload) as Record<string, unknown>;
    const to = typeof p.to === "string" ? p.to : null;
    let type = e.type;
    if (type === "VOTE" || type === "RECUSE") {
      // Only the event that closed the panel is news; which expert did it is not shown.
      if (to === "review.voting" || !wanted.includes("PANEL_CLOSED")) continue;
      if (type === "RECUSE" && to === "review.forming") continue;
      type = "PANEL_CLOSED";
    }
    // An expert hears of panels it was put on, not of later panels of the same case.
    if (type === "ASSIGN_PANEL" && !(Array.isArray(p.expertIds) && p.expertIds.includes(user.id))) continue;
    const reason = Array.isArray(p.reasons) ? p.reasons.map(String).join("; ") : typeof p.reason === "string" ? p.reason : null;
    out.push({
      seq: e.seq,
      caseId: e.caseId,
      type,
      at: e.at,
      to: type === "PANEL_CLOSED" || e.type === "UPHOLD_APPEAL" ? to : null,
      product: e.case.product,
      // A closing vote's own level is that panelist's; the recommendation is read on the case.
      level: type !== "PANEL_CLOSED" && typeof p.level === "string" ? p.level : null,
      // Panel reasons (recusal) are the panel's business, not a reason to show.
      reason: type === "PANEL_CLOSED" ? null : reason || null,
      certificateNumber: type === "CERTIFICATE_ISSUED" && typeof p.number === "string" ? p.number : null,
    });
    if (out.length >= take) break;
  }
  return out;
}
