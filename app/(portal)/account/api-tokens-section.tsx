// The account page's API tokens: make one (shown once), see each one's scopes, expiry and last
// use, revoke; and what a refused token request's details.reason means.
import { getFormatter, getTranslations } from "next-intl/server";
import { DEFAULT_TOKEN_DAYS, listApiTokens, TOKEN_DAY_CHOICES } from "@/lib/auth/api-tokens";
import { SCOPE_MESSAGE_KEYS, SCOPES_BY_ROLE } from "@/lib/token-scopes";
import type { SessionUser } from "@/lib/permissions";
import { CreateTokenForm, RevokeTokenButton } from "./api-token-forms";

const REASONS = ["TOKEN_INVALID", "TOKEN_REVOKED", "TOKEN_EXPIRED", "TOKEN_ACCOUNT_DISABLED", "TOKEN_SCOPE"] as const;

export async function ApiTokensSection({ me }: { me: SessionUser }) {
  const t = await getTranslations("account.tokens");
  const format = await getFormatter();
  const tokens = await listApiTokens(me);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <section aria-labelledby="tokens" className="mt-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="api-tokens">
      <h2 id="tokens" className="mb-1 text-lg font-semibold">{t("title")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t.rich("help", { code: (chunks) => <code className="rounded bg-slate-100 px-1">{chunks}</code> })}</p>
      <CreateTokenForm scopes={SCOPES_BY_ROLE[me.role]} dayChoices={TOKEN_DAY_CHOICES} defaultDays={DEFAULT_TOKEN_DAYS} />
      <h3 className="mb-2 mt-6 font-semibold">{t("listTitle", { count: tokens.length })}</h3>
      {tokens.length === 0 ? <p className="text-sm text-slate-500">{t("none")}</p> : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="tokens-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="px-3 py-2">{t("prefix")}</th>
                <th scope="col" className="px-3 py-2">{t("scopesColumn")}</th>
                <th scope="col" className="px-3 py-2">{t("createdAt")}</th>
                <th scope="col" className="px-3 py-2">{t("expiresAt")}</th>
                <th scope="col" className="px-3 py-2">{t("lastUsed")}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{t("actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((tk) => (
                <tr key={tk.id} className="border-t border-slate-100 align-top" data-testid={`token-row-${tk.name}`}>
                  <td className="px-3 py-2 font-medium">{tk.name}</td>
                  <td className="px-3 py-2 font-mono">{tk.prefix}…</td>
                  <td className="px-3 py-2">
                    <ul>
                      {tk.scopes.map((s) => <li key={s} title={t(`scopes.${SCOPE_MESSAGE_KEYS[s]}`)} className="whitespace-nowrap font-mono text-xs">{s}</li>)}
                    </ul>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{when(tk.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2" data-testid="token-expiry">
                    {tk.expired ? <span className="rounded bg-red-50 px-1 text-red-800">{t("expired", { date: day(tk.expiresAt) })}</span> : day(tk.expiresAt)}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2" data-testid="token-last-used">{tk.lastUsedAt ? when(tk.lastUsedAt) : t("never")}</td>
                  <td className="px-3 py-2 text-right"><RevokeTokenButton tokenId={tk.id} name={tk.name} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer text-slate-700">{t("reasonsTitle")}</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          {REASONS.map((r) => (
            <div key={r} className="contents">
              <dt className="font-mono text-xs">{r}</dt>
              <dd className="mb-1 text-slate-600 sm:mb-0">{t(`reasons.${r}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
