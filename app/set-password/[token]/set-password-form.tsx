"use client";
import { useActionState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { NewPasswordFields } from "@/lib/forms/account-schemas";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import type { FormResult } from "@/app/(portal)/_lib/form-reply";
import { setPasswordAction } from "./actions";

type State = (FormResult & { signedIn?: boolean }) | undefined;

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("account");
  const router = useRouter();
  const [state, action] = useActionState(async (prev: State, formData: FormData): Promise<State> => {
    const r = await setPasswordAction(prev, formData);
    if (!r.ok) return r;
    // Signs the person in with the password they just chose, and takes them to their home page.
    const res = await signIn("credentials", { email, password: String(formData.get("password") ?? ""), redirect: false });
    if (res && !res.error) {
      router.replace("/");
      return { ...r, signedIn: true, message: t("setPassword.signingIn") };
    }
    return { ...r, message: t("setPassword.doneSignIn") };
  }, undefined);
  const [form, fields, formProps] = useZodForm(NewPasswordFields, { lastResult: state, action, id: "set-password" });

  if (state?.ok) {
    return (
      <div className="space-y-3">
        <p role="status" data-testid="set-password-ok" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
          {state.message}
        </p>
        {!state.signedIn && (
          <Link href="/signin" className="inline-block rounded bg-brand px-3 py-2 text-sm font-medium text-white hover:bg-brand-dark">
            {t("setPassword.signIn")}
          </Link>
        )}
      </div>
    );
  }
  return (
    <ErrorNamespaceProvider namespace="account">
      <form {...formProps} className="space-y-4" data-testid="set-password-form">
        <input type="hidden" name="token" value={token} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <InputField field={fields.password} label={t("password.new")} type="password" autoComplete="new-password" required minLength={10} hint={t("password.rule")} />
        <InputField field={fields.confirm} label={t("password.confirm")} type="password" autoComplete="new-password" required />
        <FormMessage errors={form.errors} testId="set-password" />
        <SubmitButton className="w-full" pendingLabel={t("saving")}>
          {t("setPassword.submit")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}
