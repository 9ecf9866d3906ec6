// What a missing page says, in the viewer's language: the same words whether the address is
// unknown or the viewer may not see what is there (the portal never tells which).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChromeIcon } from "./ui/chrome-icon";
import type { SessionUser } from "@/lib/permissions";
import { HOME_BY_ROLE } from "@/lib/permissions";

export async function NotFoundView({ user }: { user: SessionUser | null }) {
  const t = await getTranslations("layout.notFound");
  return (
    <section data-testid="not-found" className="mx-auto max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="flex items-center gap-2 text-2xl font-bold text-slate-900">
        <ChromeIcon name="search-x" className="h-7 w-7 shrink-0 text-slate-500" /> {t("title")}
      </h1>
      <p className="mt-2 text-slate-700">{t("body")}</p>
      <div className="mt-4 flex flex-wrap gap-4">
        <Link href={user ? HOME_BY_ROLE[user.role] : "/"} className="font-medium text-brand underline">{t("home")}</Link>
        <Link href="/registry" className="font-medium text-brand underline">{t("registry")}</Link>
      </div>
    </section>
  );
}
