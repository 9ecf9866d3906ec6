import { getTranslations } from "next-intl/server";
import { Header } from "@/app/_components/header";
import { env } from "@/lib/env";
import { safeRedirect } from "@/lib/auth/redirect";
import { SignInForm } from "./sign-in-form";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const t = await getTranslations("signin");
  const { callbackUrl } = await searchParams;
  // Only the portal's own origin: anything else (another host, `/\host`, a tab, `javascript:`) goes to the role home ("/").
  const target = safeRedirect(callbackUrl, env().ZHIJI_PUBLIC_URL, "/");
  return (
    <>
      <Header user={null} />
      <main className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">{t("title")}</h1>
        <SignInForm callbackUrl={target} />
        <p className="mt-4 text-xs text-slate-500">{t("demoHint")}</p>
      </main>
    </>
  );
}
