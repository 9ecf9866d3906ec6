"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { OrganizationInput, RenameOrganizationInput } from "@/lib/admin/schemas";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, NativeSelectField, useZodForm } from "@/app/_components/ui/form";
import { createOrganizationAction, renameOrganizationAction } from "./actions";

export function CreateOrganizationForm({ kinds }: { kinds: { value: string; label: string }[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(createOrganizationAction, undefined);
  const [form, fields, formProps] = useZodForm(OrganizationInput, { lastResult: state, action, id: "create-organization" });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-4" data-testid="create-organization-form">
        <div className="grid gap-4 sm:grid-cols-3">
          <InputField field={fields.name} label={t("fields.orgName")} required />
          <InputField field={fields.nameZh} label={t("fields.orgNameZh")} lang="zh-CN" />
          <NativeSelectField field={fields.kind} label={t("fields.kind")} options={kinds} placeholder={t("fields.choose")} required />
        </div>
        <FormMessage errors={form.errors} result={state} testId="create-organization" />
        <SubmitButton pendingLabel={t("saving")}>{t("organizations.create")}</SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

export function RenameOrganizationForm({ organizationId, name, nameZh }: { organizationId: string; name: string; nameZh: string | null }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(renameOrganizationAction, undefined);
  const [form, fields, formProps] = useZodForm(RenameOrganizationInput, {
    lastResult: state,
    action,
    id: "rename-organization",
    defaultValue: { organizationId, name, nameZh: nameZh ?? "" },
  });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-4" data-testid="rename-organization-form">
        <input type="hidden" name="organizationId" value={organizationId} />
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField field={fields.name} label={t("fields.orgName")} required />
          <InputField field={fields.nameZh} label={t("fields.orgNameZh")} lang="zh-CN" />
        </div>
        <FormMessage errors={form.errors} result={state} testId="rename-organization" />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("organizations.rename")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}
