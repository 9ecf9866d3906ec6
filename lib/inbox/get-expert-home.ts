// The expert's home: the panels it sits on. A vote due now, votes cast and panels closed, and the
// panels it recused from, each list sorted and paged from the URL (prefixes `due`, `done`,
// `recused`). Only the expert's own vote is read here: votes are blind (docs/domain.md#lifecycle).
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { parseListParams, slicePage, type ListSpec, type SearchParamsLike } from "@/lib/paging";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { caseItem, ITEM_INCLUDE } from "./case-item";
import { eventsNow } from "./may-send";

/** At most this many seats are read (the newest first); the lists are cut from them in memory. */
export const EXPERT_SEAT_SCAN = 300;

type SeatSort = "assigned" | "product";
const seatList = (prefix: string, defaultDir: "asc" | "desc"): ListSpec<SeatSort> => ({ sorts: ["assigned", "product"], defaultSort: "assigned", defaultDir, prefix });
/** Votes due: the longest assigned first; the others: the newest first. */
export const EXPERT_LISTS = { due: seatList("due", "asc"), done: seatList("done", "desc"), recused: seatList("recused", "desc") };

export async function getExpertHome(user: SessionUser, now = new Date(), params: SearchParamsLike = {}) {
  assertCan(user, "case:list");
  const seats = await db().panelMember.findMany({
    where: { expertId: user.id, case: caseWhere(user) },
    include: { case: { include: ITEM_INCLUDE } },
    orderBy: [{ assignedAt: "desc" }, { id: "asc" }],
    take: EXPERT_SEAT_SCAN,
  });
  const votes = await db().vote.findMany({
    where: { expertId: user.id, caseId: { in: [...new Set(seats.map((s) => s.caseId))] } },
    select: { caseId: true, round: true, verdict: true, level: true, createdAt: true },
  });
  const mayNow = eventsNow(user, await actorFor(db(), user), now);
  const items = seats.map((s) => {
    const ctx = (JSON.parse(s.case.snapshot) as PersistedCaseSnapshot).context;
    const currentRound = s.case.state === "review.voting" && s.round === ctx.round;
    const vote = votes.find((v) => v.caseId === s.caseId && v.round === s.round) ?? null;
    const canVote = currentRound && mayNow(s.case.state, s.case.snapshot).includes("VOTE");
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
  type Item = (typeof items)[number];
  const order: Record<SeatSort, (a: Item, b: Item) => number> = {
    assigned: (a, b) => a.assignedAt.getTime() - b.assignedAt.getTime() || a.caseId.localeCompare(b.caseId) || a.round - b.round,
    product: (a, b) => a.product.name.localeCompare(b.product.name) || a.product.model.localeCompare(b.product.model) || a.round - b.round,
  };
  const page = (list: keyof typeof EXPERT_LISTS, rows: Item[]) => {
    const p = parseListParams(params, EXPERT_LISTS[list]);
    const cmp = order[p.sort];
    return slicePage(p, [...rows].sort(p.dir === "asc" ? cmp : (a, b) => cmp(b, a)));
  };
  return {
    due: page("due", items.filter((i) => i.status === "due")),
    done: page("done", items.filter((i) => i.status === "voted" || i.status === "closed")),
    recused: page("recused", items.filter((i) => i.status === "recused")),
  };
}
export type ExpertHome = Awaited<ReturnType<typeof getExpertHome>>;
