"use client";
// Making and revoking personal API tokens: a name, a lifetime, scopes, and one's password again.
// Validated in the browser with the lib's own schema (lib/forms/account-schemas.ts); revoking asks first.
import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { CreateApiTokenInput, ApiTokenRef } from "@/lib/forms/account-schemas";
import { SCOPE_MESSAGE_KEYS, type TokenScope } from "@/lib/token-scopes";
import { SubmitButton } from "@/app/_components/ui/button";
import { ConfirmDialog } from "@/app/_components/ui/dialog";
import { ErrorNamespaceProvider, ErrorText, FormMessage, InputField, NativeSelectField, useErrorText, useZodForm } from "@/app/_components/ui/form";
import { OneTimeSecret } from "@/app/_components/ui/one-time-secret";
import { createTokenAction, revokeTokenAction } from "./actions";

export function CreateTokenForm({ scopes, dayChoices, defaultDays }: { scopes: readonly TokenScope[]; dayChoices: readonly number[]; defaultDays: number }) {
  const t = useTranslations("account.tokens");
  const tAccount = useTranslations("account");
  const [state, action] = useActionState(createTokenAction, undefined);
  const [form, fields, formProps] = useZodForm(CreateApiTokenInput, {
    lastResult: state,
    action,
    id: "create-token",
    defaultValue: { expiresInDays: String(defaultDays), scopes: ["read"] },
  });
  const legendId = useId();
  const scopesField = fields.scopes;
  const chosen = new Set(Array.isArray(scopesField.initialValue) ? (scopesField.initialValue as string[]) : scopesField.initialValue ? [String(scopesField.initialValue)] : []);
  return (
    <ErrorNamespaceProvider namespace="account">
      <form {...formProps} className="space-y-4" data-testid="create-token-form">
        <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <InputField field={fields.name} label={t("name")} required maxLength={100} hint={t("nameHint")} />
          <NativeSelectField
            field={fields.expiresInDays}
            label={t("expiresIn")}
            options={dayChoices.map((d) => ({ value: String(d), label: d === 365 ? t("oneYear") : t("days", { count: d }) }))}
          />
          <fieldset className="sm:col-span-2" aria-describedby={scopesField.errors?.length ? scopesField.errorId : undefined}>
            <legend id={legendId} className="text-sm font-medium text-slate-700">
              {t("scopesLegend")}
            </legend>
            <div className="mt-1 space-y-2" key={scopesField.key}>
              {scopes.map((s) => (
                <label key={s} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name={scopesField.name} value={s} defaultChecked={chosen.has(s)} className="mt-1 h-4 w-4" />
                  <span>
                    <span className="font-mono text-xs">{s}</span> — {t(`scopes.${SCOPE_MESSAGE_KEYS[s]}`)}
                  </span>
                </label>
              ))}
            </div>
            <ScopeErrors errors={form.allErrors} field={scopesField} />
          </fieldset>
          <InputField field={fields.password} label={t("password")} type="password" autoComplete="current-password" required hint={t("passwordHint")} />
        </div>
        <FormMessage errors={form.errors} result={state} testId="create-token" />
        {state?.ok && state.secret && <OneTimeSecret label={t("newToken")} value={state.secret} note={t("shownOnce")} testId="new-token" />}
        <SubmitButton pendingLabel={tAccount("saving")}>{t("create")}</SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

/** The scopes' error, or the first error on one of them (`scopes[1]`). */
function ScopeErrors({ errors, field }: { errors: Record<string, string[]>; field: Parameters<typeof ErrorText>[0]["field"] }) {
  const say = useErrorText();
  if (field.errors?.length) return <ErrorText field={field} />;
  const item = Object.entries(errors).find(([k]) => k.startsWith(`${field.name}[`));
  return item ? (
    <p id={field.errorId} className="mt-1 text-sm text-red-700">
      {say(item[1][0])}
    </p>
  ) : null;
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("account");
  const [state, action] = useActionState(revokeTokenAction, undefined);
  const [form, , formProps] = useZodForm(ApiTokenRef, { lastResult: state, action, id: `revoke-token-${tokenId}` });
  return (
    <ErrorNamespaceProvider namespace="account">
      <form {...formProps}>
        <input type="hidden" name="tokenId" value={tokenId} />
        <ConfirmDialog
          formId={form.id}
          trigger={t("tokens.revoke")}
          triggerLabel={t("tokens.revokeNamed", { name })}
          title={t("tokens.revokeNamed", { name })}
          description={t("tokens.revokeConfirm")}
          confirmLabel={t("tokens.revoke")}
          testId={`revoke-token-${name}`}
        />
        <FormMessage errors={form.errors} />
      </form>
    </ErrorNamespaceProvider>
  );
}
