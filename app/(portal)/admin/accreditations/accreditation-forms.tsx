"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormAlert, SelectField, SubmitButton } from "../_components/form-ui";
import { fieldsKey, initialFormState } from "../_components/form-state-type";
import { addAccreditationAction, changeAccreditationDatesAction, removeAccreditationAction } from "./actions";

type Option = { value: string; label: string };

export function AddAccreditationForm({ labs, categories }: { labs: Option[]; categories: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(addAccreditationAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate data-testid="add-accreditation-form">
      <div className="grid gap-4 sm:grid-cols-4" key={fieldsKey(state)}>
        <SelectField label={t("fields.lab")} name="labOrgId" options={labs} placeholder={t("fields.choose")} defaultValue={v.labOrgId ?? ""} error={e.labOrgId} required />
        <SelectField label={t("fields.category")} name="category" options={categories} placeholder={t("fields.choose")} defaultValue={v.category ?? ""} error={e.category} required />
        <Field label={t("fields.validFrom")} name="validFrom" type="date" required defaultValue={v.validFrom} error={e.validFrom} />
        <Field label={t("fields.validUntil")} name="validUntil" type="date" required defaultValue={v.validUntil} error={e.validUntil} />
      </div>
      <FormAlert state={state} testId="add-accreditation" />
      <SubmitButton pendingLabel={t("saving")}>{t("accreditations.add")}</SubmitButton>
    </form>
  );
}

export function AccreditationRowForms({ id, label, validFrom, validUntil }: { id: string; label: string; validFrom: string; validUntil: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(changeAccreditationDatesAction, initialFormState);
  const [removeState, remove] = useActionState(removeAccreditationAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  return (
    <div className="flex flex-wrap items-end gap-3">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate aria-label={t("accreditations.changeNamed", { name: label })}>
        <input type="hidden" name="accreditationId" value={id} />
        <Field label={t("fields.validFrom")} name="validFrom" type="date" defaultValue={v.validFrom ?? validFrom} error={e.validFrom} />
        <Field label={t("fields.validUntil")} name="validUntil" type="date" defaultValue={v.validUntil ?? validUntil} error={e.validUntil} />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>{t("accreditations.saveDates")}</SubmitButton>
      </form>
      <form action={remove}>
        <input type="hidden" name="accreditationId" value={id} />
        <SubmitButton variant="danger" aria-label={t("accreditations.removeNamed", { name: label })} pendingLabel={t("saving")}>{t("accreditations.remove")}</SubmitButton>
      </form>
      <div className="w-full empty:hidden">
        <FormAlert state={state} />
        {!removeState.ok && <FormAlert state={removeState} />}
      </div>
    </div>
  );
}
