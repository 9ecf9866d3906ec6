"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "./locale-actions";

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const [pending, start] = useTransition();
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <button
      type="button"
      data-testid="language-switch"
      aria-label={`${t("switchTo")} · ${t("language")}`}
      disabled={pending}
      onClick={() => start(async () => { await setLocale(other); router.refresh(); })}
      className="shrink-0 whitespace-nowrap rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
    >
      {t("switchTo")}
    </button>
  );
}
