import { getFormatter, getTranslations } from "next-intl/server";
import { requireAccountOwner } from "@/lib/auth/page-guards";
import { secondFactorStatus } from "@/lib/auth/totp";
import { SecondFactor } from "./second-factor";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { ChangePasswordForm, CreateTokenForm, RevokeTokenButton } from "./account-forms";

export default async function AccountPage() {
  // Every signed-in person, also one whose role needs a second factor not yet set up: then only that is offered.
  const me = await requireAccountOwner();
  const twoFactor = await secondFactorStatus(me);
  const t = await getTranslations("account");
  const roles = await getTranslations("roles");
  const format = await getFormatter();
  const tokens = me.mustEnrol ? [] : await listApiTokens(me);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
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

      <section aria-labelledby="tokens" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="tokens" className="mb-1 text-lg font-semibold">{t("tokens.title")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t.rich("tokens.help", { code: (chunks) => <code className="rounded bg-slate-100 px-1">{chunks}</code> })}</p>
        <CreateTokenForm />
        <h3 className="mb-2 mt-6 font-semibold">{t("tokens.listTitle", { count: tokens.length })}</h3>
        {tokens.length === 0 ? <p className="text-sm text-slate-500">{t("tokens.none")}</p> : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="tokens-table">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("tokens.name")}</th>
                  <th scope="col" className="px-3 py-2">{t("tokens.prefix")}</th>
                  <th scope="col" className="px-3 py-2">{t("tokens.createdAt")}</th>
                  <th scope="col" className="px-3 py-2">{t("tokens.lastUsed")}</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">{t("tokens.actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((tk) => (
                  <tr key={tk.id} className="border-t border-slate-100" data-testid={`token-row-${tk.name}`}>
                    <td className="px-3 py-2 font-medium">{tk.name}</td>
                    <td className="px-3 py-2 font-mono">{tk.prefix}…</td>
                    <td className="px-3 py-2">{when(tk.createdAt)}</td>
                    <td className="px-3 py-2">{tk.lastUsedAt ? when(tk.lastUsedAt) : t("tokens.never")}</td>
                    <td className="px-3 py-2 text-right"><RevokeTokenButton tokenId={tk.id} name={tk.name} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      </>)}
    </>
  );
}
