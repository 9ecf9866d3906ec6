import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { can } from "@/lib/permissions";
import { getScheme } from "@/lib/schemes";
import { orNotFound } from "../../_components/or-not-found";
import { SchemeHeader } from "../../_components/scheme-header";
import { SchemeView } from "../../_components/scheme-view";

export default async function SchemeVersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const user = await requirePermission("scheme:read");
  const { id, version } = await params;
  const t = await getTranslations("schemes");
  const view = await orNotFound(getScheme(user, id, version));
  return (
    <article className="space-y-6">
      <nav className="text-sm">
        <Link href="/schemes" className="text-brand hover:underline">← {t("publicTitle")}</Link>
        {can(user, "scheme:manage") && (
          <Link href={`/secretariat/schemes/${id}/${version}`} className="ml-4 text-brand hover:underline">{t("manageThis")}</Link>
        )}
      </nav>
      <SchemeHeader view={view} />
      <SchemeView scheme={view.scheme} />
    </article>
  );
}
