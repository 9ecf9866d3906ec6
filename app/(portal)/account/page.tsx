import { getTranslations } from "next-intl/server";
import { requireAccountOwner } from "@/lib/auth/page-guards";
import { secondFactorStatus } from "@/lib/auth/totp";
import { SecondFactor } from "./second-factor";
import { ChangePasswordForm } from "./account-forms";
import { ApiTokensSection } from "./api-tokens-section";

export default async function AccountPage() {
  // Every signed-in person, also one whose role needs a second factor not yet set up: then only that is offered.
  const me = await requireAccountOwner();
  const twoFactor = await secondFactorStatus(me);
  const t = await getTranslations("account");
  const roles = await getTranslations("roles");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section aria-labelledby="me" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="me" className="mb-3 text-lg font-semibold">{t("whoTitle")}</h2>
        <dl className="grid max-w-xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm" data-testid="account-summary">
          <dt className="text-slate-500">{t("name")}</dt><dd>{me.name}</dd>
          <dt className="text-slate-500">{t("email")}</dt><dd>{me.email}</dd>
          <dt className="text-slate-500">{t("role")}</dt><dd>{roles(me.role)}</dd>
          <dt className="text-slate-500">{t("organization")}</dt><dd>{me.organizationName}</dd>
        </dl>
      </section>

      <section aria-labelledby="second-factor-title" id="second-factor" className="mt-6 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="second-factor-title" className="mb-1 text-lg font-semibold">{t("twoFactor.title")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("twoFactor.help")}</p>
        <SecondFactor status={{ ...twoFactor, enabledAt: twoFactor.enabledAt?.toISOString() ?? null }} mustEnrol={!!me.mustEnrol} />
      </section>

      {!me.mustEnrol && (<>
      <section aria-labelledby="pw" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="pw" className="mb-1 text-lg font-semibold">{t("password.title")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("password.help")}</p>
        <ChangePasswordForm />
      </section>

      <ApiTokensSection me={me} />
      </>)}
    </>
  );
}
