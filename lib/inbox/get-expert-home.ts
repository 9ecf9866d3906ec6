// The expert's home: the panels it sits on. A vote due now, votes cast and panels closed, and the
// panels it recused from. Only the expert's own vote is read here: votes are blind (docs/domain.md#lifecycle).
import "server-only";
import { db } from "@/lib/db";
import { assertCan, can, caseWhere, type Permission, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { allowedEvents, type PersistedCaseSnapshot } from "@/workflows/certification";
import { caseItem, ITEM_INCLUDE } from "./case-item";

export async function getExpertHome(user: SessionUser, now = new Date()) {
  assertCan(user, "case:list");
  const seats = await db().panelMember.findMany({
    where: { expertId: user.id, case: caseWhere(user) },
    include: { case: { include: ITEM_INCLUDE } },
    orderBy: { assignedAt: "desc" },
    take: 300,
  });
  const votes = await db().vote.findMany({
    where: { expertId: user.id, caseId: { in: [...new Set(seats.map((s) => s.caseId))] } },
    select: { caseId: true, round: true, verdict: true, level: true, createdAt: true },
  });
  const actor = await actorFor(db(), user);
  const items = seats.map((s) => {
    const ctx = (JSON.parse(s.case.snapshot) as PersistedCaseSnapshot).context;
    const currentRound = s.case.state === "review.voting" && s.round === ctx.round;
    const vote = votes.find((v) => v.caseId === s.caseId && v.round === s.round) ?? null;
    const canVote =
      currentRound &&
      allowedEvents(s.case.state, ctx, actor, now.toISOString()).some((t) => t === "VOTE" && can(user, `event:${t}` as Permission));
    const status: "due" | "voted" | "closed" | "recused" = !s.active ? "recused" : canVote ? "due" : vote ? "voted" : "closed";
    return {
      ...caseItem(s.case, now),
      round: s.round,
      status,
      /** Still collecting votes: the outcome is not known yet. */
      panelOpen: currentRound,
      assignedAt: s.assignedAt,
      recuseReason: s.recuseReason,
      vote: vote ? { verdict: vote.verdict, level: vote.level, at: vote.createdAt } : null,
    };
  });
  return {
    due: items.filter((i) => i.status === "due").sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime()),
    done: items.filter((i) => i.status === "voted" || i.status === "closed"),
    recused: items.filter((i) => i.status === "recused"),
  };
}
export type ExpertHome = Awaited<ReturnType<typeof getExpertHome>>;
