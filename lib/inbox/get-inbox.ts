// The inbox page: what awaits the user's action, and what happened lately on their cases.
import type { SessionUser } from "@/lib/permissions";
import { listTasks } from "./list-tasks";
import { listUpdates } from "./list-updates";

export async function getInbox(user: SessionUser, now = new Date()) {
  const [tasks, updates] = await Promise.all([listTasks(user, now), listUpdates(user, now)]);
  return { tasks, updates };
}
export type Inbox = Awaited<ReturnType<typeof getInbox>>;
