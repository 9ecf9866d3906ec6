// Shown for a public id no certificate has (a mistyped link, or a forged QR code).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CircleX } from "lucide-react";
import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";

export default async function CertificateNotFound() {
  const [user, t] = await Promise.all([getSessionUser(), getTranslations("certificates.notFound")]);
  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-2xl px-4 py-12">
        <section data-testid="certificate-not-found" className="rounded-lg border-2 border-red-300 bg-red-50 p-6 text-red-900">
          <h1 className="flex items-center gap-2 text-2xl font-bold"><CircleX aria-hidden className="h-8 w-8" /> {t("title")}</h1>
          <p className="mt-2">{t("body")}</p>
          <div className="mt-4 flex gap-4">
            <Link href="/registry" className="font-medium underline">{t("registry")}</Link>
            <Link href="/verify" className="font-medium underline">{t("verify")}</Link>
          </div>
        </section>
      </main>
    </>
  );
}
