// Change cases for every role that may read them (docs/domain.md#after-care): what waits on the
// reader's role (the lab's re-tests, the ministry's conclusions, the vendor's open changes) and
// every change case it may see, each list paged on its own.
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listChanges } from "@/lib/aftercare/queries";
import { Card } from "@/app/_components/ui/card";
import { Counted } from "@/app/_components/role-home";
import { ChangesTable, unprefixed } from "./_components/changes-table";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ChangesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("change:read");
  const params = await searchParams;
  const [queue, all, t] = await Promise.all([
    listChanges(user, { queue: true }, unprefixed(params, "queue")),
    listChanges(user, {}, unprefixed(params, "all")),
    getTranslations("changes"),
  ]);
  return (
    <section data-testid="changes-page" className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("list.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("list.intro")}</p>
      </div>
      <Card id="changes-queue" testId="changes-queue-card" title={<Counted title={t(`queue.title_${user.role}`)} count={queue.total} />}>
        <ChangesTable page={queue} path="/changes" searchParams={params} prefix="queue" caption={t(`queue.title_${user.role}`)} empty={t(`queue.empty_${user.role}`)} testId="changes-queue" />
      </Card>
      <Card id="changes-all" testId="changes-all-card" title={<Counted title={t("list.all")} count={all.total} />}>
        <ChangesTable page={all} path="/changes" searchParams={params} prefix="all" caption={t("list.all")} empty={t("list.allEmpty")} testId="changes-all" />
      </Card>
    </section>
  );
}
