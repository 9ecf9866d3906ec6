// One page of a work queue (the cases in one state that a user may see), sorted and paged on the
// server from the URL's search parameters. The permission check and the case filter are the
// caller's and stay as they are: this only adds the state, the order and the page.
import "server-only";
import { db } from "@/lib/db";
import { caseWhere, type SessionUser } from "@/lib/permissions";
import { fetchPage, parseListParams, type ListSpec, type SearchParamsLike, type SortDir } from "@/lib/paging";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { ITEM_INCLUDE } from "./case-item";

const QUEUE_SORTS = ["since", "updated", "claimedLevel"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** A queue's list spec: oldest in its state first, 25 a page; `prefix` keeps each queue's keys apart. */
export function queueList(prefix: string, order: QueueDefault = {}): ListSpec<QueueSort> {
  return { sorts: QUEUE_SORTS, defaultSort: order.sort ?? "since", defaultDir: order.dir ?? "asc", prefix };
}

/** A queue's own default order (e.g. the vendor's: most recently changed first). */
export type QueueDefault = { sort?: QueueSort; dir?: SortDir };

const QUEUE_ORDER: Record<QueueSort, (dir: SortDir) => Prisma.CaseOrderByWithRelationInput[]> = {
  since: (dir) => [{ stateEnteredAt: dir }],
  updated: (dir) => [{ updatedAt: dir }],
  claimedLevel: (dir) => [{ claimedLevel: dir }, { stateEnteredAt: "asc" }],
};

/** The page of the cases in `state` that `user` may see (call after the caller's `assertCan`). */
export async function caseQueuePage(user: SessionUser, state: string, params: SearchParamsLike, prefix: string, order: QueueDefault = {}) {
  const p = parseListParams(params, queueList(prefix, order));
  const where = { AND: [caseWhere(user), { state }] };
  // The id breaks ties, so a page boundary never repeats or skips a case.
  const orderBy = [...QUEUE_ORDER[p.sort](p.dir), { id: "asc" as const }];
  return fetchPage(
    p,
    () => db().case.count({ where }),
    (skip, take) => db().case.findMany({ where, include: ITEM_INCLUDE, orderBy, skip, take }),
  );
}
