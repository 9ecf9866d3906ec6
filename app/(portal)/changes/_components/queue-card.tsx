// A role's after-care queue on its home (docs/domain.md#after-care): the change cases waiting on it
// (the secretariat classifies, the lab re-tests, the ministry concludes), newest first, paged with
// the `changes` keys so it never moves the home's other lists.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can, type SessionUser } from "@/lib/permissions";
import { listChanges } from "@/lib/aftercare/queries";
import { Card } from "@/app/_components/ui/card";
import { Counted } from "@/app/_components/role-home";
import { buttonClass } from "@/app/_components/ui/button-class";
import { ChangesTable, unprefixed } from "./changes-table";

const PREFIX = "changes";

export async function ChangeQueueCard({ user, path, searchParams }: { user: SessionUser; path: string; searchParams: Record<string, string | string[] | undefined> }) {
  if (!can(user, "change:read")) return null;
  const [page, t] = await Promise.all([listChanges(user, { queue: true }, unprefixed(searchParams, PREFIX)), getTranslations("changes")]);
  return (
    <Card
      id="change-queue"
      testId="change-queue-card"
      title={<Counted title={t(`queue.title_${user.role}`)} count={page.total} />}
      actions={
        <Link href={user.role === "secretariat" ? "/secretariat/changes" : "/changes"} className={buttonClass("secondary")} data-testid="open-changes">
          {t("queue.all")}
        </Link>
      }
    >
      <ChangesTable page={page} path={path} searchParams={searchParams} prefix={PREFIX} caption={t(`queue.title_${user.role}`)} empty={t(`queue.empty_${user.role}`)} testId="change-queue" />
    </Card>
  );
}
