import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listSchemes } from "@/lib/schemes";
import { SchemeList } from "./_components/scheme-list";

// Every signed-in role reads the published schemes: what is measured and the thresholds.
export default async function SchemesPage() {
  const user = await requirePermission("scheme:read");
  const t = await getTranslations("schemes");
  const schemes = (await listSchemes(user))
    .map((s) => ({ ...s, versions: s.versions.filter((v) => v.status === "published") }))
    .filter((s) => s.versions.length > 0);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("publicTitle")}</h1>
      <p className="text-slate-600">{t("publicIntro")}</p>
      <SchemeList schemes={schemes} basePath="/schemes" />
    </section>
  );
}
