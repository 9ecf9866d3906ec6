// The ministry's home: cases awaiting a decision with the panel's recommendation, appeals (and
// whether this user may decide them), certified cases under surveillance, and recent decisions.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, can, caseWhere, type Permission, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { liveStatus } from "@/lib/certificates/status";
import { allowedEvents, type PersistedCaseSnapshot, type Recommendation } from "@/workflows/certification";
import { caseItem, ITEM_INCLUDE } from "./case-item";

export async function getMinistryHome(user: SessionUser, now = new Date()) {
  assertCan(user, "case:list");
  const where = caseWhere(user);
  const actor = await actorFor(db(), user);
  const mayNow = (state: string, snapshot: string) =>
    allowedEvents(state, (JSON.parse(snapshot) as PersistedCaseSnapshot).context, actor, now.toISOString()).filter((t) =>
      can(user, `event:${t}` as Permission),
    );

  const [decisionRows, appealRows, certifiedRows, decisions] = await Promise.all([
    db().case.findMany({ where: { AND: [where, { state: "decision" }] }, include: ITEM_INCLUDE, orderBy: { stateEnteredAt: "asc" }, take: 300 }),
    db().case.findMany({ where: { AND: [where, { state: "appeal" }] }, include: ITEM_INCLUDE, orderBy: { stateEnteredAt: "asc" }, take: 300 }),
    db().case.findMany({
      where: { AND: [where, { state: { in: ["certified", "suspended"] } }] },
      include: { ...ITEM_INCLUDE, certificates: { orderBy: { issuedAt: "desc" } } },
      orderBy: { validUntil: "asc" },
      take: 100,
    }),
    db().decision.findMany({
      where: { case: where },
      include: { case: { select: { id: true, product: { select: { name: true, model: true } }, organization: { select: { name: true } } } } },
      orderBy: { auditSeq: "desc" },
      take: 10,
    }),
  ]);
  const deciderIds = [...new Set(decisions.map((d) => d.decidedById).filter((x): x is string => !!x))];
  const names = new Map(
    (await db().user.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );

  return {
    decisions: decisionRows.map((r) => ({
      ...caseItem(r, now),
      recommendation: r.recommendation ? (JSON.parse(r.recommendation) as Recommendation) : null,
      mayDecide: mayNow(r.state, r.snapshot).includes("AWARD"),
    })),
    appeals: appealRows.map((r) => {
      const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
      return {
        ...caseItem(r, now),
        rejectionReason: ctx.rejectionReason,
        appealReason: ctx.lastReason,
        // The ministry user who denied may not decide the appeal.
        mayDecide: mayNow(r.state, r.snapshot).includes("UPHOLD_APPEAL"),
      };
    }),
    certified: certifiedRows.map((r) => {
      const cert = r.certificates[0] ?? null;
      return {
        ...caseItem(r, now),
        validUntil: r.validUntil,
        certificate: cert ? { number: cert.number, publicId: cert.publicId, status: liveStatus(cert, now) } : null,
      };
    }),
    recentDecisions: decisions.map((d) => ({
      caseId: d.caseId,
      product: d.case.product,
      vendor: d.case.organization.name,
      type: d.type,
      level: d.level,
      reason: d.reason ?? d.justification,
      decidedBy: d.decidedById ? (names.get(d.decidedById) ?? null) : null,
      at: d.createdAt,
    })),
  };
}
export type MinistryHome = Awaited<ReturnType<typeof getMinistryHome>>;
