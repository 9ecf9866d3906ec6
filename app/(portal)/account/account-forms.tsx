"use client";
import { useActionState, useEffect } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, SubmitButton } from "../admin/_components/form-ui";
import { initialFormState } from "../admin/_components/form-state-type";
import { changePasswordAction } from "./actions";

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
