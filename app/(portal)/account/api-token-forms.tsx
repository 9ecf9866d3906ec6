"use client";
// Making and revoking personal API tokens: a name, a lifetime, scopes, and one's password again.
import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, OneTimeSecret, SelectField, SubmitButton } from "../admin/_components/form-ui";
import { fieldsKey, initialFormState } from "../admin/_components/form-state-type";
import { SCOPE_MESSAGE_KEYS, type TokenScope } from "@/lib/token-scopes";
import { createTokenAction, revokeTokenAction } from "./actions";

export function CreateTokenForm({ scopes, dayChoices, defaultDays }: { scopes: readonly TokenScope[]; dayChoices: readonly number[]; defaultDays: number }) {
  const t = useTranslations("account.tokens");
  const tAccount = useTranslations("account");
  const [state, action] = useActionState(createTokenAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  const chosen = new Set((v.scopes ?? "read").split(" ").filter(Boolean));
  const e = state.fieldErrors ?? {};
  const legendId = useId();
  const scopesError = e.scopes ?? Object.entries(e).find(([k]) => k.startsWith("scopes."))?.[1];
  return (
    <form action={action} className="space-y-4" noValidate data-testid="create-token-form">
      <div key={fieldsKey(state)} className="grid max-w-2xl gap-4 sm:grid-cols-2">
        <Field label={t("name")} name="name" required maxLength={100} hint={t("nameHint")} defaultValue={v.name} error={e.name} />
        <SelectField label={t("expiresIn")} name="expiresInDays" defaultValue={v.expiresInDays ?? String(defaultDays)} error={e.expiresInDays}
          options={dayChoices.map((d) => ({ value: String(d), label: d === 365 ? t("oneYear") : t("days", { count: d }) }))} />
        <fieldset className="sm:col-span-2" aria-describedby={scopesError ? `${legendId}-error` : undefined}>
          <legend id={legendId} className="text-sm font-medium text-slate-700">{t("scopesLegend")}</legend>
          <div className="mt-1 space-y-2">
            {scopes.map((s) => (
              <label key={s} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="scopes" value={s} defaultChecked={chosen.has(s)} className="mt-1 h-4 w-4" />
                <span>
                  <span className="font-mono text-xs">{s}</span> — {t(`scopes.${SCOPE_MESSAGE_KEYS[s]}`)}
                </span>
              </label>
            ))}
          </div>
          {scopesError && <p id={`${legendId}-error`} className="mt-1 text-sm text-red-700">{scopesError}</p>}
        </fieldset>
        <Field label={t("password")} name="password" type="password" autoComplete="current-password" required hint={t("passwordHint")} error={e.password} />
      </div>
      <FormAlert state={state} testId="create-token" />
      {state.ok && state.secret && <OneTimeSecret label={t("newToken")} value={state.secret} note={t("shownOnce")} testId="new-token" />}
      <SubmitButton pendingLabel={tAccount("saving")}>{t("create")}</SubmitButton>
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("account");
  const [state, action] = useActionState(revokeTokenAction, initialFormState);
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" aria-label={t("tokens.revokeNamed", { name })} pendingLabel={t("saving")}>{t("tokens.revoke")}</SubmitButton>
      {!state.ok && state.formError && <span role="alert" className="ml-2 text-sm text-red-700">{state.formError}</span>}
    </form>
  );
}
