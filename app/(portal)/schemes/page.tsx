import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { listSchemes } from "@/lib/schemes";
import { SchemeList } from "./_components/scheme-list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("schemes.public");
  return { title: `${t("title")} — Zhiji 智级` };
}

// Public: anyone reads the published schemes, what is measured and the thresholds
// (docs/domain.md#scheme-governance). A signed-in reader also sees versions proposed for comment.
export default async function SchemesPage() {
  const session = await getSessionUser();
  const user = session && can(session, "scheme:read") ? session : null;
  const t = await getTranslations("schemes.public");
  const schemes = (await listSchemes(user))
    .map((s) => ({ ...s, versions: s.versions.filter((v) => v.status !== "draft") }))
    .filter((s) => s.versions.length > 0);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-600">{t("intro")}</p>
      {!user && (
        <p className="text-sm text-slate-600">
          <Link href="/signin?callbackUrl=%2Fschemes" className="text-brand hover:underline">{t("signInToComment")}</Link>
        </p>
      )}
      <SchemeList schemes={schemes} basePath="/schemes" />
    </section>
  );
}
