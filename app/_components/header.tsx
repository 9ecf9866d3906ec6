import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { HOME_BY_ROLE } from "@/lib/permissions";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";
import { NavLinks } from "./nav-links";

export async function Header({ user }: { user: SessionUser | null }) {
  const t = await getTranslations("common");
  const roles = await getTranslations("roles");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Link href={user ? HOME_BY_ROLE[user.role] : "/"} className="text-lg font-bold text-brand">
          {t("appName")} <span className="hidden text-sm font-normal text-slate-500 xl:inline">{t("tagline")}</span>
        </Link>
        <nav aria-label={t("publicNav")} className="ml-auto flex items-center gap-3 text-sm">
          <Link href="/registry" className="hover:underline">{t("registry")}</Link>
          <Link href="/verify" className="hover:underline">{t("verify")}</Link>
          <LanguageSwitch />
          {user ? (
            <>
              <span data-testid="current-user" className="text-slate-600">
                {user.name} · {roles(user.role)} · {user.organizationName}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" className="rounded bg-brand px-3 py-1 text-white">{t("signIn")}</Link>
          )}
        </nav>
      </div>
      {user && (
        <div className="border-t border-slate-100">
          <div className="mx-auto max-w-6xl px-4 py-1">
            <NavLinks user={user} />
          </div>
        </div>
      )}
    </header>
  );
}
