"use client";
// The header's items in one menu on narrow screens (below the `lg` breakpoint): public links, the
// language, who is signed in, and signing out. A Radix dropdown: keyboard and screen reader ready.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { Menu as MenuIcon } from "lucide-react";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "./ui/dropdown-menu";
import { setLocale } from "./locale-actions";

export function HeaderMenu({ user }: { user: { label: string } | null }) {
  const t = useTranslations("common");
  const l = useTranslations("layout");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="header-menu"
        aria-label={l("menuLabel")}
        className="inline-flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"
      >
        <MenuIcon aria-hidden="true" className="h-4 w-4" />
        <span>{l("menu")}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent data-testid="header-menu-content">
        {user && (
          <>
            <DropdownMenuLabel data-testid="menu-current-user">
              {l("signedInAs")}
              <span className="block text-sm text-slate-800">{user.label}</span>
            </DropdownMenuLabel>
            <DropdownMenuSeparator />
          </>
        )}
        <DropdownMenuItem asChild>
          <Link href="/registry">{t("registry")}</Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/verify">{t("verify")}</Link>
        </DropdownMenuItem>
        <DropdownMenuItem
          data-testid="menu-language-switch"
          disabled={pending}
          lang={other}
          onSelect={() => start(async () => { await setLocale(other); router.refresh(); })}
        >
          {t("language")}: {t("switchTo")}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {user ? (
          <DropdownMenuItem data-testid="menu-sign-out" onSelect={() => signOut({ callbackUrl: "/signin" })}>
            {t("signOut")}
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem asChild>
            <Link href="/signin">{t("signIn")}</Link>
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
