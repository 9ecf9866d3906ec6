// How many cases await this user's action, as a small count for the header's Inbox link.
import { getFormatter, getTranslations } from "next-intl/server";
import { can, type SessionUser } from "@/lib/permissions";
import { countTasks } from "@/lib/inbox/list-tasks";
import { countSchemeTasks } from "@/lib/inbox/scheme-tasks";

export async function InboxBadge({ user }: { user: SessionUser | null }) {
  if (!user || !can(user, "case:list")) return null;
  // Case tasks and scheme governance tasks (docs/domain.md#scheme-governance) alike.
  const [cases, schemes] = await Promise.all([countTasks(user), countSchemeTasks(user)]);
  const count = cases + schemes;
  if (count === 0) return null;
  const t = await getTranslations("inbox");
  const format = await getFormatter();
  return (
    <span data-testid="inbox-badge" data-count={count} className="ml-1 inline-flex min-w-5 items-center justify-center rounded-full bg-red-700 px-1.5 text-xs font-semibold leading-5 text-white">
      <span aria-hidden>{format.number(count)}</span>
      <span className="sr-only">{t("badge", { count })}</span>
    </span>
  );
}
