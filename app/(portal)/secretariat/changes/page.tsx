// The secretariat's after-care (docs/domain.md#after-care): reported changes to classify, and every
// open change case and surveillance (re-testing or awaiting the ministry), each list paged on its own.
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listChanges } from "@/lib/aftercare/queries";
import { Card } from "@/app/_components/ui/card";
import { Counted } from "@/app/_components/role-home";
import { ChangesTable, unprefixed } from "../../changes/_components/changes-table";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SecretariatChangesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePermission("change:surveil");
  const params = await searchParams;
  const [toClassify, open, t] = await Promise.all([
    listChanges(user, { queue: true }, unprefixed(params, "classify")),
    listChanges(user, { open: true }, unprefixed(params, "open")),
    getTranslations("changes"),
  ]);
  return (
    <section data-testid="secretariat-changes" className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("secretariat.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("secretariat.intro")}</p>
      </div>
      <Card id="changes-classify" testId="changes-classify-card" title={<Counted title={t("secretariat.toClassify")} count={toClassify.total} />}>
        <ChangesTable page={toClassify} path="/secretariat/changes" searchParams={params} prefix="classify" caption={t("secretariat.toClassify")} empty={t("secretariat.toClassifyEmpty")} testId="changes-classify" />
      </Card>
      <Card id="changes-open" testId="changes-open-card" title={<Counted title={t("secretariat.open")} count={open.total} />}>
        <ChangesTable page={open} path="/secretariat/changes" searchParams={params} prefix="open" caption={t("secretariat.open")} empty={t("secretariat.openEmpty")} testId="changes-open" />
      </Card>
    </section>
  );
}
