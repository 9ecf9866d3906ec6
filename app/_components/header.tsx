import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/permissions";
import { HOME_BY_ROLE } from "@/lib/permissions";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";
import { NavLinks } from "./nav-links";
import { HeaderMenu } from "./menu-loader";

export async function Header({ user }: { user: SessionUser | null }) {
  const t = await getTranslations("common");
  const roles = await getTranslations("roles");
  const who = user ? `${user.name} · ${roles(user.role)} · ${user.organizationName}` : null;
  // One row from the `lg` breakpoint up (every item keeps to one line; a long name is cut short,
  // in full on hover); below it, everything but the name of the portal goes into a menu.
  return (
    <header className="border-b border-slate-200 bg-white" data-testid="site-header">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3" data-testid="header-row">
        <Link href={user ? HOME_BY_ROLE[user.role] : "/"} className="shrink-0 whitespace-nowrap text-lg font-bold text-brand">
          {t("appName")} <span className="hidden text-sm font-normal text-slate-500 2xl:inline">{t("tagline")}</span>
        </Link>
        <nav aria-label={t("publicNav")} className="ml-auto hidden min-w-0 items-center gap-3 whitespace-nowrap text-sm lg:flex">
          <Link href="/registry" className="shrink-0 hover:underline">{t("registry")}</Link>
          <Link href="/verify" className="shrink-0 hover:underline">{t("verify")}</Link>
          <LanguageSwitch />
          {user ? (
            <>
              <span data-testid="current-user" title={who ?? undefined} className="min-w-0 truncate text-slate-600">
                {who}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin" className="shrink-0 rounded bg-brand px-3 py-1 text-white">{t("signIn")}</Link>
          )}
        </nav>
        <div className="ml-auto lg:hidden">
          <HeaderMenu user={who ? { label: who } : null} />
        </div>
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
