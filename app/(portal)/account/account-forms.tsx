"use client";
import { useActionState, useEffect } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { ChangePasswordInput } from "@/lib/forms/account-schemas";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(changePasswordAction, undefined);
  const [form, fields, formProps] = useZodForm(ChangePasswordInput, { lastResult: state, action, id: "change-password" });
  useEffect(() => {
    // The server has ended every session already; clear this browser's cookie and go to sign-in.
    if (state?.ok) {
      const timer = setTimeout(() => signOut({ callbackUrl: "/signin?callbackUrl=%2Faccount" }), 1500);
      return () => clearTimeout(timer);
    }
  }, [state?.ok]);
  return (
    <ErrorNamespaceProvider namespace="account">
      <form {...formProps} className="max-w-md space-y-4" data-testid="change-password-form">
        <InputField field={fields.currentPassword} label={t("password.current")} type="password" autoComplete="current-password" required />
        <InputField field={fields.password} label={t("password.new")} type="password" autoComplete="new-password" required minLength={10} hint={t("password.rule")} />
        <InputField field={fields.confirm} label={t("password.confirm")} type="password" autoComplete="new-password" required />
        <FormMessage errors={form.errors} result={state} testId="change-password" />
        <SubmitButton pendingLabel={t("saving")} disabled={state?.ok}>
          {t("password.submit")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}
