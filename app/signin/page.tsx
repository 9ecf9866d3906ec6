import { getLocale, getTranslations } from "next-intl/server";
import { Header } from "@/app/_components/header";
import { env } from "@/lib/env";
import { safeRedirect } from "@/lib/auth/redirect";
import { SignInForm } from "./sign-in-form";
import { oidcErrorKey } from "./schema";
import { OidcButton } from "./oidc-button";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  const t = await getTranslations("signin");
  const { callbackUrl, error } = await searchParams;
  // Only the portal's own origin: anything else (another host, `/\host`, a tab, `javascript:`) goes to the role home ("/").
  const target = safeRedirect(callbackUrl, env().ZHIJI_PUBLIC_URL, "/");
  // Institutional sign-in, when configured (docs/deploy.md#institutional-sign-in-oidc); its refusals come back as ?error=<code>.
  const oidc = env().oidc;
  const locale = await getLocale();
  const oidcName = oidc ? ((locale.startsWith("zh") ? oidc.name.zh ?? oidc.name.en : oidc.name.en ?? oidc.name.zh) ?? t("oidcDefaultName")) : null;
  const errorCode = typeof error === "string" ? error.slice(0, 60) : null;
  return (
    <>
      <Header user={null} />
      <main className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-xl font-semibold">{t("title")}</h1>
        {errorCode && (
          <p role="alert" data-testid="signin-oidc-error" className="mb-4 rounded bg-red-50 px-3 py-2 text-sm text-red-700">
            {t(`errors.${oidc ? oidcErrorKey(errorCode) : "generic"}`)}
          </p>
        )}
        {oidcName && (
          <>
            <OidcButton label={t("oidcButton", { name: oidcName })} callbackUrl={target} />
            <p className="my-4 flex items-center gap-3 text-xs uppercase text-slate-500" aria-hidden="true">
              <span className="h-px flex-1 bg-slate-200" />
              {t("or")}
              <span className="h-px flex-1 bg-slate-200" />
            </p>
          </>
        )}
        <SignInForm callbackUrl={target} />
        <p className="mt-4 text-xs text-slate-500">{t("demoHint")}</p>
      </main>
    </>
  );
}
