"use client";
import { useActionState, useEffect } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, OneTimeSecret, SubmitButton } from "../admin/_components/form-ui";
import { initialFormState } from "../admin/_components/form-state-type";
import { changePasswordAction, createTokenAction, revokeTokenAction } from "./actions";

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(changePasswordAction, initialFormState);
  const e = state.fieldErrors ?? {};
  useEffect(() => {
    // The server has ended every session already; clear this browser's cookie and go to sign-in.
    if (state.ok) {
      const timer = setTimeout(() => signOut({ callbackUrl: "/signin?callbackUrl=%2Faccount" }), 1500);
      return () => clearTimeout(timer);
    }
  }, [state.ok]);
  return (
    <form action={action} className="max-w-md space-y-4" noValidate data-testid="change-password-form">
      <Field label={t("password.current")} name="currentPassword" type="password" autoComplete="current-password" required error={e.currentPassword} />
      <Field label={t("password.new")} name="password" type="password" autoComplete="new-password" required minLength={10} hint={t("password.rule")} error={e.password} />
      <Field label={t("password.confirm")} name="confirm" type="password" autoComplete="new-password" required error={e.confirm} />
      <FormAlert state={state} testId="change-password" />
      <SubmitButton pendingLabel={t("saving")} disabled={state.ok}>{t("password.submit")}</SubmitButton>
    </form>
  );
}

export function CreateTokenForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(createTokenAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="space-y-4" noValidate data-testid="create-token-form">
      <Field label={t("tokens.name")} name="name" required maxLength={100} hint={t("tokens.nameHint")} defaultValue={v.name} error={state.fieldErrors?.name} className="max-w-md" />
      <FormAlert state={state} testId="create-token" />
      {state.ok && state.secret && <OneTimeSecret label={t("tokens.newToken")} value={state.secret} note={t("tokens.shownOnce")} testId="new-token" />}
      <SubmitButton pendingLabel={t("saving")}>{t("tokens.create")}</SubmitButton>
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
