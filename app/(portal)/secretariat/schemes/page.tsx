import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listSchemes } from "@/lib/schemes";
import { SchemeList } from "@/app/(portal)/schemes/_components/scheme-list";

export default async function SecretariatSchemesPage() {
  const user = await requirePermission("scheme:manage");
  const t = await getTranslations("schemes");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("manageTitle")}</h1>
      <p className="text-slate-600">{t("manageIntro")}</p>
      <SchemeList schemes={await listSchemes(user)} basePath="/secretariat/schemes" />
    </section>
  );
}
