"use client";
// Declaring a conflict (organisation from a Radix select of vendors and labs, kind, dates, note)
// and withdrawing one, on the field kit: validated in the browser with the API's schema; the server
// decides, and its refusals come back as codes on the fields they name.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SelectField as RadixSelect } from "@/app/_components/ui/select";
import { SubmitButton } from "@/app/_components/ui/button";
import { FormMessage, InputField, NativeSelectField, useErrorText, useZodForm } from "@/app/_components/ui/form";
import { declareConflictAction, withdrawConflictAction } from "./actions";
import { DeclareConflictSchema, WithdrawConflictInput } from "./schemas";

export type OrgOption = { id: string; label: string; kind: string };

export function DeclareConflictForm({ orgs, kinds, today }: { orgs: OrgOption[]; kinds: readonly string[]; today: string }) {
  const t = useTranslations("conflicts");
  const [state, action] = useActionState(declareConflictAction, undefined);
  const [form, fields, formProps] = useZodForm(DeclareConflictSchema, {
    lastResult: state,
    action,
    id: "declare-conflict",
    defaultValue: { kind: kinds[0], declaredFrom: today },
  });
  return (
    <form {...formProps} className="space-y-4" data-testid="declare-conflict-form">
      <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
        <RadixSelect
          key={fields.organizationId.key}
          field={fields.organizationId}
          className="sm:col-span-2"
          label={t("organization")}
          hint={t("organizationHint")}
          placeholder={t("chooseOrganization")}
          options={orgs.map((o) => ({ value: o.id, label: `${o.label} · ${t(`orgKinds.${o.kind}`)}` }))}
          testId="conflict-organization"
        />
        <NativeSelectField field={fields.kind} label={t("kind")} options={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} data-testid="conflict-kind" />
        <InputField field={fields.declaredFrom} label={t("from")} type="date" required data-testid="conflict-from" />
        <InputField field={fields.declaredUntil} label={t("until")} type="date" hint={t("untilHint")} data-testid="conflict-until" />
        <InputField field={fields.note} className="sm:col-span-2" label={t("note")} maxLength={500} hint={t("noteHint")} data-testid="conflict-note" />
      </div>
      <FormMessage errors={form.errors} result={state} testId="declare-conflict" />
      <SubmitButton pendingLabel={t("saving")}>{t("declare")}</SubmitButton>
    </form>
  );
}

export function WithdrawConflictButton({ id, organization }: { id: string; organization: string }) {
  const t = useTranslations("conflicts");
  const say = useErrorText();
  const [state, action] = useActionState(withdrawConflictAction, undefined);
  const [form, , formProps] = useZodForm(WithdrawConflictInput, { lastResult: state, action, id: `withdraw-conflict-${id}` });
  return (
    <form {...formProps}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" aria-label={t("withdrawNamed", { organization })} pendingLabel={t("saving")} data-testid="conflict-withdraw">
        {t("withdraw")}
      </SubmitButton>
      {form.errors?.length ? (
        <span role="alert" className="ml-2 text-sm text-red-700">
          {say(form.errors[0])}
        </span>
      ) : null}
    </form>
  );
}
