// Public: upload a certificate PDF to learn whether it is genuine and what its status is now.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { KeyRound, Search } from "lucide-react";
import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";
import { VerifyUpload } from "./_components/verify-upload";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificates.verify");
  return { title: `${t("title")} — Zhiji 智级` };
}

export default async function VerifyPage() {
  const [user, t] = await Promise.all([getSessionUser(), getTranslations("certificates.verify")]);
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-3xl px-4 py-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-600">{t("intro")}</p>
        <div className="mt-5">
          <VerifyUpload />
        </div>

        <div className="mt-8 grid gap-4 md:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="lookup-title">
            <h2 id="lookup-title" className="flex items-center gap-2 font-semibold"><Search aria-hidden className="h-4 w-4" /> {t("lookupTitle")}</h2>
            <form method="get" action="/registry" className="mt-2 flex flex-col gap-2 sm:flex-row">
              <label htmlFor="lookup-number" className="sr-only">{t("lookupLabel")}</label>
              <input id="lookup-number" name="number" placeholder="AIT-2026-PHONE-000001" className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1.5 text-sm" />
              <button type="submit" className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">{t("lookup")}</button>
            </form>
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="ca-title">
            <h2 id="ca-title" className="flex items-center gap-2 font-semibold"><KeyRound aria-hidden className="h-4 w-4" /> {t("caTitle")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("caBody")}</p>
            <a href="/api/v1/trust/ca.pem" data-testid="ca-link" className="mt-2 inline-block text-sm text-brand hover:underline">{t("caLink")}</a>
          </section>
        </div>
      </main>
    </>
  );
}
