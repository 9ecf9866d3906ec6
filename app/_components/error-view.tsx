"use client";
// What an unexpected server error looks like, in the viewer's language: no stack, no message
// from the server (it may say too much), only the digest the server logged, to quote.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { TriangleAlert } from "lucide-react";
import { buttonClass } from "./ui/button-class";

export function ErrorView({ digest, retry }: { digest?: string; retry: () => void }) {
  const t = useTranslations("layout.error");
  return (
    <section role="alert" data-testid="error-page" className="mx-auto max-w-2xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="flex items-center gap-2 text-2xl font-bold text-red-800">
        <TriangleAlert aria-hidden="true" className="h-7 w-7 shrink-0" /> {t("title")}
      </h1>
      <p className="mt-2 text-slate-700">{t("body")}</p>
      {digest && (
        <p className="mt-2 text-sm text-slate-600">
          {t("reference")}: <code data-testid="error-digest" className="break-all">{digest}</code>
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="button" onClick={retry} className={buttonClass("primary")}>{t("retry")}</button>
        <Link href="/" className="font-medium text-brand underline">{t("home")}</Link>
      </div>
    </section>
  );
}
