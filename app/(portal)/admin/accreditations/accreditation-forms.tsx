"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { AccreditationRef, AddAccreditationInput, ChangeAccreditationDatesInput } from "@/lib/admin/schemas";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, NativeSelectField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { addAccreditationAction, changeAccreditationDatesAction, removeAccreditationAction } from "./actions";

type Option = { value: string; label: string };

export function AddAccreditationForm({ labs, categories }: { labs: Option[]; categories: Option[] }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(addAccreditationAction, undefined);
  const [form, fields, formProps] = useZodForm(AddAccreditationInput, { lastResult: state, action, id: "add-accreditation" });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="space-y-4" data-testid="add-accreditation-form">
        <div className="grid gap-4 sm:grid-cols-4">
          <NativeSelectField field={fields.labOrgId} label={t("fields.lab")} options={labs} placeholder={t("fields.choose")} required />
          <NativeSelectField field={fields.category} label={t("fields.category")} options={categories} placeholder={t("fields.choose")} required />
          <InputField field={fields.validFrom} label={t("fields.validFrom")} type="date" required />
          <InputField field={fields.validUntil} label={t("fields.validUntil")} type="date" required />
        </div>
        <DetailFields fields={fields} />
        <FormMessage errors={form.errors} result={state} testId="add-accreditation" />
        <SubmitButton pendingLabel={t("saving")}>{t("accreditations.add")}</SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

/** Accreditation detail (docs/domain.md#lab-evidence): number, accrediting body, scope. */
function DetailFields({ fields }: { fields: ReturnType<typeof useZodForm>[1] }) {
  const te = useTranslations("labEvidence");
  return (
    <div className="grid w-full gap-3 sm:grid-cols-3">
      <InputField field={fields.number} label={te("accreditation.number")} autoComplete="off" />
      <InputField field={fields.body} label={te("accreditation.body")} autoComplete="off" />
      <TextareaField field={fields.scope} rows={2} label={te("accreditation.scope")} hint={te("accreditation.scopeHint")} />
    </div>
  );
}

export function AccreditationRowForms({
  id,
  label,
  validFrom,
  validUntil,
  number,
  body,
  scope,
}: {
  id: string;
  label: string;
  validFrom: string;
  validUntil: string;
  number: string;
  body: string;
  scope: string;
}) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(changeAccreditationDatesAction, undefined);
  const [removeState, remove] = useActionState(removeAccreditationAction, undefined);
  const [form, fields, formProps] = useZodForm(ChangeAccreditationDatesInput, {
    lastResult: state,
    action,
    id: `accreditation-${id}`,
    defaultValue: { accreditationId: id, validFrom, validUntil, number, body, scope },
  });
  const [removeForm, , removeProps] = useZodForm(AccreditationRef, { lastResult: removeState, action: remove, id: `remove-accreditation-${id}` });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <div className="flex flex-wrap items-end gap-3">
        <form {...formProps} className="flex flex-wrap items-end gap-3" aria-label={t("accreditations.changeNamed", { name: label })}>
          <input type="hidden" name="accreditationId" value={id} />
          <InputField field={fields.validFrom} label={t("fields.validFrom")} type="date" />
          <InputField field={fields.validUntil} label={t("fields.validUntil")} type="date" />
          <DetailFields fields={fields} />
          <SubmitButton variant="secondary" pendingLabel={t("saving")}>
            {t("accreditations.saveDates")}
          </SubmitButton>
        </form>
        <form {...removeProps}>
          <input type="hidden" name="accreditationId" value={id} />
          <SubmitButton variant="danger" aria-label={t("accreditations.removeNamed", { name: label })} pendingLabel={t("saving")}>
            {t("accreditations.remove")}
          </SubmitButton>
        </form>
        <div className="w-full empty:hidden">
          <FormMessage errors={form.errors} result={state} />
          <FormMessage errors={removeForm.errors} />
        </div>
      </div>
    </ErrorNamespaceProvider>
  );
}
