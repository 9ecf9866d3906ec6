"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("common");
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="shrink-0 whitespace-nowrap rounded bg-slate-800 px-3 py-1 text-sm text-white hover:bg-slate-700"
    >
      {t("signOut")}
    </button>
  );
}
