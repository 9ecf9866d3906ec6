"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, SelectField, SubmitButton } from "../_components/form-ui";
import { fieldsKey, initialFormState } from "../_components/form-state-type";
import { createOrganizationAction, renameOrganizationAction } from "./actions";

export function CreateOrganizationForm({ kinds }: { kinds: { value: string; label: string }[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(createOrganizationAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate data-testid="create-organization-form">
      <div className="grid gap-4 sm:grid-cols-3" key={fieldsKey(state)}>
        <Field label={t("fields.orgName")} name="name" required defaultValue={v.name} error={e.name} />
        <Field label={t("fields.orgNameZh")} name="nameZh" lang="zh-CN" defaultValue={v.nameZh} error={e.nameZh} />
        <SelectField label={t("fields.kind")} name="kind" options={kinds} placeholder={t("fields.choose")} defaultValue={v.kind ?? ""} error={e.kind} required />
      </div>
      <FormAlert state={state} testId="create-organization" />
      <SubmitButton pendingLabel={t("saving")}>{t("organizations.create")}</SubmitButton>
    </form>
  );
}

export function RenameOrganizationForm({ organizationId, name, nameZh }: { organizationId: string; name: string; nameZh: string | null }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(renameOrganizationAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate data-testid="rename-organization-form">
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("fields.orgName")} name="name" required defaultValue={v.name ?? name} error={e.name} />
        <Field label={t("fields.orgNameZh")} name="nameZh" lang="zh-CN" defaultValue={v.nameZh ?? nameZh ?? ""} error={e.nameZh} />
      </div>
      <FormAlert state={state} testId="rename-organization" />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("organizations.rename")}</SubmitButton>
    </form>
  );
}
