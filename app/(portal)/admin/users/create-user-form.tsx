"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, OneTimeSecret, SelectField, SubmitButton } from "../_components/form-ui";
import { fieldsKey, initialFormState } from "../_components/form-state-type";
import { createUserAction } from "./actions";

type Option = { value: string; label: string };

export function CreateUserForm({ roles, organizations }: { roles: Option[]; organizations: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(createUserAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate data-testid="create-user-form">
      <div className="grid gap-4 sm:grid-cols-2" key={fieldsKey(state)}>
        <Field label={t("fields.email")} name="email" type="email" autoComplete="off" required defaultValue={v.email} error={e.email} />
        <Field label={t("fields.name")} name="name" required defaultValue={v.name} error={e.name} />
        <SelectField label={t("fields.role")} name="role" options={roles} placeholder={t("fields.choose")} defaultValue={v.role ?? ""} error={e.role} required />
        <SelectField label={t("fields.organization")} name="organizationId" options={organizations} placeholder={t("fields.choose")} defaultValue={v.organizationId ?? ""} error={e.organizationId} required />
      </div>
      <FormAlert state={state} testId="create-user" />
      {state.ok && state.secret && (
        <OneTimeSecret label={t("users.linkLabel")} value={state.secret} note={t("users.linkNote")} testId="set-password-link" />
      )}
      <SubmitButton pendingLabel={t("saving")}>{t("users.create")}</SubmitButton>
    </form>
  );
}
