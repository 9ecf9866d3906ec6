// What awaits this user's action: the cases they may see (caseWhere) where the lifecycle lets
// them send one of the events that move a case on. The machine decides (allowedEvents), so the
// inbox can never offer what the door would refuse, and never leaves out what it would accept.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, can, caseWhere, type Permission, type SessionUser } from "@/lib/permissions";
import { actorFor } from "@/lib/cases/actor";
import { caseProductSnapshot, productLine } from "@/lib/cases/product-snapshot";
import {
  allowedEvents,
  appealDeadline,
  EVENT_SOURCES,
  type EventType,
  type PersistedCaseSnapshot,
} from "@/workflows/certification";
import { dateOrNull, stageDue } from "./stage-limits";

export const TASK_KINDS = ["answerReturn", "submit", "appeal", "screen", "report", "assignPanel", "vote", "decide", "decideAppeal"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

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
  const mine = TASK_EVENTS.filter(([type]) => can(user, `event:${type}` as Permission));
  if (mine.length === 0) return [];
  const states = [...new Set(mine.flatMap(([type]) => EVENT_SOURCES[type]))];
  const rows = await db().case.findMany({
    where: { AND: [caseWhere(user), { state: { in: states } }] },
    include: { product: true, organization: true, pilot: { select: { stageLimits: true } }, schemeVersion: { select: { category: true } } },
    orderBy: { stateEnteredAt: "asc" },
    take: 500,
  });
  const actor = await actorFor(db(), user);
  const tasks: InboxTask[] = [];
  for (const r of rows) {
    const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
    const events = allowedEvents(r.state, ctx, actor, now.toISOString()).filter((t) => can(user, `event:${t}` as Permission));
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
  // Overdue first, then the nearest due date, then the longest waiting.
  return tasks.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) ||
      a.since.getTime() - b.since.getTime(),
  );
}

/** The number shown on the inbox badge. */
export async function countTasks(user: SessionUser, now = new Date()): Promise<number> {
  return (await listTasks(user, now)).length;
}
