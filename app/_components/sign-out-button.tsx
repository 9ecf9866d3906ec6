"use client";
// next-auth's client (12 kB gzip) is loaded when the button is pressed, not with every page
// (docs/performance.md, first-load JavaScript).
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("common");
  return (
    <button
      type="button"
      onClick={async () => (await import("next-auth/react")).signOut({ callbackUrl: "/signin" })}
      className="shrink-0 whitespace-nowrap rounded bg-slate-800 px-3 py-1 text-sm text-white hover:bg-slate-700"
    >
      {t("signOut")}
    </button>
  );
}
