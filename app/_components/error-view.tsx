"use client";
// What an unexpected server error looks like, in the viewer's language: no stack, no message
// from the server (it may say too much), only the digest the server logged, to quote.
// Loaded with every page (the error boundaries are), so it is kept small: the icon is drawn inline,
// and the way home is a plain link, a full load, which also works when the router is what failed
// (docs/performance.md, first-load JavaScript).
import { useTranslations } from "next-intl";
import { ChromeIcon } from "./ui/chrome-icon";
import { buttonClass } from "./ui/button-class";

export function ErrorView({ digest, retry }: { digest?: string; retry: () => void }) {
  const t = useTranslations("layout.error");
  return (
    <section role="alert" data-testid="error-page" className="mx-auto max-w-2xl rounded-lg border border-red-200 bg-white p-6 shadow-sm">
      <h1 className="flex items-center gap-2 text-2xl font-bold text-red-800">
        <ChromeIcon name="triangle-alert" className="h-7 w-7 shrink-0" /> {t("title")}
      </h1>
      <p className="mt-2 text-slate-700">{t("body")}</p>
      {digest && (
        <p className="mt-2 text-sm text-slate-600">
          {t("reference")}: <code data-testid="error-digest" className="break-all">{digest}</code>
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="button" onClick={retry} className={buttonClass("primary")}>{t("retry")}</button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load, see above */}
        <a href="/" className="font-medium text-brand underline">{t("home")}</a>
      </div>
    </section>
  );
}
