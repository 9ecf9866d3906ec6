"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { CreateUserInput } from "@/lib/admin/schemas";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, NativeSelectField, useZodForm } from "@/app/_components/ui/form";
import { OneTimeSecret } from "@/app/_components/ui/one-time-secret";
import { createUserAction } from "./actions";

type Option = { value: string; label: string };

export function CreateUserForm({ roles, organizations }: { roles: Option[]; organizations: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(createUserAction, undefined);
  const [form, fields, formProps] = useZodForm(CreateUserInput, { lastResult: state, action, id: "create-user" });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-4" data-testid="create-user-form">
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField field={fields.email} label={t("fields.email")} type="email" autoComplete="off" required />
          <InputField field={fields.name} label={t("fields.name")} required />
          <NativeSelectField field={fields.role} label={t("fields.role")} options={roles} placeholder={t("fields.choose")} required />
          <NativeSelectField field={fields.organizationId} label={t("fields.organization")} options={organizations} placeholder={t("fields.choose")} required />
        </div>
        <FormMessage errors={form.errors} result={state} testId="create-user" />
        {state?.ok && state.secret && <OneTimeSecret label={t("users.linkLabel")} value={state.secret} note={t("users.linkNote")} testId="set-password-link" />}
        <SubmitButton pendingLabel={t("saving")}>{t("users.create")}</SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}
