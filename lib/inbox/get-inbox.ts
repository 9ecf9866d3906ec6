// The inbox page: what awaits the user's action (one sorted page of it), and what happened lately
// on their cases.
import "server-only";
import type { SessionUser } from "@/lib/permissions";
import type { SearchParamsLike } from "@/lib/paging";
import { listTasks, pageTasks } from "./list-tasks";
import { listUpdates } from "./list-updates";

export async function getInbox(user: SessionUser, now = new Date(), params: SearchParamsLike = {}) {
  const [tasks, updates] = await Promise.all([listTasks(user, now), listUpdates(user, now)]);
  return { tasks: pageTasks(tasks, params), updates };
}
export type Inbox = Awaited<ReturnType<typeof getInbox>>;
