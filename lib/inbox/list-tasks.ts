// What awaits this user's action: the cases they may see (caseWhere) where the lifecycle lets
// them send one of the events that move a case on. The machine decides (allowedEvents), so the
// inbox can never offer what the door would refuse, and never leaves out what it would accept.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { caseProductSnapshot, productLine } from "@/lib/cases/product-snapshot";
import { appealDeadline, EVENT_SOURCES, type EventType, type PersistedCaseSnapshot } from "@/workflows/certification";
import { dateOrNull, stageDue } from "./stage-limits";
import { MAX_PAGE_SIZE, parseListParams, slicePage, type ListSpec, type SearchParamsLike } from "@/lib/paging";
import { eventsNow, sendableEvents } from "./may-send";

export const TASK_KINDS = ["answerReturn", "submit", "appeal", "screen", "report", "assignPanel", "vote", "decide", "decideAppeal"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** At most this many cases are read for the inbox (oldest in their state first). */
export const TASK_SCAN = 500;

/** The events that are someone's work, in the order that names the task (first allowed wins). */
const TASK_EVENTS: [EventType, TaskKind][] = [
  ["SUBMIT", "submit"],
  ["APPEAL", "appeal"],
  ["ACCEPT", "screen"],
  ["SUBMIT_REPORT", "report"],
  ["ASSIGN_PANEL", "assignPanel"],
  ["VOTE", "vote"],
  ["AWARD", "decide"],
  ["DENY", "decide"],
  ["UPHOLD_APPEAL", "decideAppeal"],
  ["DISMISS_APPEAL", "decideAppeal"],
];
// Withdrawing, recusing, suspending, reinstating and revoking are possible but never waiting on anyone.

export type InboxTask = {
  caseId: string;
  kind: TaskKind;
  state: string;
  category: string;
  product: { name: string; model: string; softwareVersion: string };
  vendor: string;
  /** When the case entered its state: how long the task has been waiting. */
  since: Date;
  dueAt: Date | null;
  overdue: boolean;
  /** Every event this user may send now (the task's own and the others, e.g. WITHDRAW). */
  events: EventType[];
};

export async function listTasks(user: SessionUser, now = new Date()): Promise<InboxTask[]> {
  assertCan(user, "case:list");
  // The role's events are decided once (lib/permissions.ts); the machine narrows them per case.
  const sendable = sendableEvents(user);
  const mine = TASK_EVENTS.filter(([type]) => sendable.has(type));
  if (mine.length === 0) return [];
  const states = [...new Set(mine.flatMap(([type]) => EVENT_SOURCES[type]))];
  const rows = await db().case.findMany({
    where: { AND: [caseWhere(user), { state: { in: states } }] },
    include: { product: true, organization: true, pilot: { select: { stageLimits: true } }, schemeVersion: { select: { category: true } } },
    orderBy: { stateEnteredAt: "asc" },
    take: TASK_SCAN,
  });
  const mayNow = eventsNow(user, await actorFor(db(), user), now, sendable);
  const tasks: InboxTask[] = [];
  for (const r of rows) {
    const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
    const events = mayNow(r.state, r.snapshot);
    const hit = mine.find(([type]) => events.includes(type));
    if (!hit) continue;
    let kind = hit[1];
    if (kind === "submit" && ctx.returnReasons.length > 0) kind = "answerReturn";
    const dueAt =
      kind === "appeal"
        ? dateOrNull(appealDeadline(ctx))
        : kind === "submit" || kind === "answerReturn"
          ? null
          : stageDue(r.pilot.stageLimits, r.state, r.stateEnteredAt);
    tasks.push({
      caseId: r.id,
      kind,
      state: r.state,
      category: r.schemeVersion.category,
      product: productLine(caseProductSnapshot(r)),
      vendor: r.organization.name,
      since: r.stateEnteredAt,
      dueAt,
      overdue: dueAt !== null && dueAt.getTime() < now.getTime(),
      events,
    });
  }
  return tasks.sort(TASK_ORDER.due);
}

/**
 * The inbox's sortable columns; the default puts overdue tasks first, then the nearest due date.
 * A to-do list is read whole, so a page holds the most a page may.
 */
export const TASK_LIST: ListSpec<"due" | "since" | "product"> = {
  sorts: ["due", "since", "product"],
  defaultSort: "due",
  defaultDir: "asc",
  defaultSize: MAX_PAGE_SIZE,
  prefix: "tasks",
};

const bySince = (a: InboxTask, b: InboxTask) => a.since.getTime() - b.since.getTime() || a.caseId.localeCompare(b.caseId);
const TASK_ORDER: Record<(typeof TASK_LIST.sorts)[number], (a: InboxTask, b: InboxTask) => number> = {
  // Overdue first, then the nearest due date, then the longest waiting.
  due: (a, b) =>
    Number(b.overdue) - Number(a.overdue) || (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || bySince(a, b),
  since: bySince,
  product: (a, b) => a.product.name.localeCompare(b.product.name) || a.product.model.localeCompare(b.product.model) || bySince(a, b),
};

/**
 * One page of the tasks, sorted by the URL's `tasksSort`/`tasksDir` (the list is bounded: at most
 * TASK_SCAN cases are read, so it is sorted and cut in memory).
 */
export function pageTasks(tasks: InboxTask[], params: SearchParamsLike) {
  const p = parseListParams(params, TASK_LIST);
  const order = TASK_ORDER[p.sort];
  const sorted = [...tasks].sort(p.dir === "asc" ? order : (a, b) => order(b, a));
  return slicePage(p, sorted);
}

/** The number shown on the inbox badge. */
export async function countTasks(user: SessionUser, now = new Date()): Promise<number> {
  return (await listTasks(user, now)).length;
}
