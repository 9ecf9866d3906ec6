"use client";
// Declaring a conflict (organisation from a Radix select of vendors and labs, kind, dates, note)
// and withdrawing one. The server decides; refusals come back as translated field errors.
import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { SelectField as RadixSelect } from "@/app/_components/ui/select";
import { Field, FormAlert, SelectField, SubmitButton } from "../../admin/_components/form-ui";
import { fieldsKey, initialFormState } from "../../admin/_components/form-state-type";
import { declareConflictAction, withdrawConflictAction } from "./actions";

export type OrgOption = { id: string; label: string; kind: string };

export function DeclareConflictForm({ orgs, kinds, today }: { orgs: OrgOption[]; kinds: readonly string[]; today: string }) {
  const t = useTranslations("conflicts");
  const [state, action] = useActionState(declareConflictAction, initialFormState);
  const v = state.ok ? {} : (state.values ?? {});
  const e = state.fieldErrors ?? {};
  const orgFieldId = useId();
  const orgField = {
    id: orgFieldId,
    name: "organizationId",
    key: undefined,
    // The kit renders error codes; this form's errors arrive as text and are shown below.
    errors: undefined,
    errorId: `${orgFieldId}-error`,
    descriptionId: `${orgFieldId}-hint`,
    initialValue: v.organizationId ?? "",
  };
  return (
    <form action={action} className="space-y-4" noValidate data-testid="declare-conflict-form">
      <div key={fieldsKey(state)} className="grid max-w-2xl gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <RadixSelect
            field={orgField}
            label={t("organization")}
            hint={t("organizationHint")}
            placeholder={t("chooseOrganization")}
            options={orgs.map((o) => ({ value: o.id, label: `${o.label} · ${t(`orgKinds.${o.kind}`)}` }))}
            testId="conflict-organization"
          />
          {e.organizationId && (
            <p id={`${orgFieldId}-error`} className="mt-1 text-sm text-red-700">
              {e.organizationId}
            </p>
          )}
        </div>
        <SelectField
          label={t("kind")}
          name="kind"
          defaultValue={v.kind ?? kinds[0]}
          error={e.kind}
          options={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          data-testid="conflict-kind"
        />
        <Field label={t("from")} name="declaredFrom" type="date" required defaultValue={v.declaredFrom ?? today} error={e.declaredFrom} data-testid="conflict-from" />
        <Field label={t("until")} name="declaredUntil" type="date" hint={t("untilHint")} defaultValue={v.declaredUntil} error={e.declaredUntil} data-testid="conflict-until" />
        <Field className="sm:col-span-2" label={t("note")} name="note" maxLength={500} hint={t("noteHint")} defaultValue={v.note} error={e.note} data-testid="conflict-note" />
      </div>
      <FormAlert state={state} testId="declare-conflict" />
      <SubmitButton pendingLabel={t("saving")}>{t("declare")}</SubmitButton>
    </form>
  );
}

export function WithdrawConflictButton({ id, organization }: { id: string; organization: string }) {
  const t = useTranslations("conflicts");
  const [state, action] = useActionState(withdrawConflictAction, initialFormState);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" aria-label={t("withdrawNamed", { organization })} pendingLabel={t("saving")} data-testid="conflict-withdraw">
        {t("withdraw")}
      </SubmitButton>
      {!state.ok && state.formError && (
        <span role="alert" className="ml-2 text-sm text-red-700">
          {state.formError}
        </span>
      )}
    </form>
  );
}
