"use client";
// The draft application's edit form (updateApplication): product, claimed level, models, declarations.
// Validated in the browser with the schema the action parses with (_lib/application-form.ts).
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { LEVELS } from "@/lib/domain";
import { CheckboxField, InputField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { SelectField } from "@/app/_components/ui/select";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { updateApplicationAction } from "../actions";
import { applicationFormSchema } from "../_lib/application-form";
import { levelLabel } from "../../_lib/text";

type Initial = {
  name: string;
  model: string;
  softwareVersion: string;
  claimedLevel: string;
  onDeviceModel: string;
  cloudModel: string;
  accurate: boolean;
  samplesAvailable: boolean;
  acceptsRules: boolean;
};

export function ApplicationForm({ caseId, version, initial }: { caseId: string; version: number; initial: Initial }) {
  const t = useTranslations("case");
  const locale = useLocale();
  const [state, action] = useActionState(updateApplicationAction, undefined);
  const on = (b: boolean) => (b ? "on" : undefined);
  const [, fields, formProps] = useZodForm(applicationFormSchema, {
    lastResult: state,
    action,
    id: `application-${version}`,
    defaultValue: {
      name: initial.name,
      model: initial.model,
      softwareVersion: initial.softwareVersion,
      claimedLevel: initial.claimedLevel as (typeof LEVELS)[number],
      onDeviceModel: initial.onDeviceModel,
      cloudModel: initial.cloudModel,
      accurate: on(initial.accurate),
      samplesAvailable: on(initial.samplesAvailable),
      acceptsRules: on(initial.acceptsRules),
    },
  });
  return (
    <form {...formProps} className="space-y-3" data-testid="application-form" key={version}>
      <p className="text-sm text-slate-600">{t("application.editIntro")}</p>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <div className="grid gap-3 sm:grid-cols-3">
        <InputField field={fields.name} label={t("application.name")} />
        <InputField field={fields.model} label={t("application.model")} />
        <InputField field={fields.softwareVersion} label={t("application.softwareVersion")} />
      </div>
      <SelectField
        field={fields.claimedLevel}
        label={t("application.claimedLevel")}
        options={LEVELS.map((l) => ({ value: l, label: levelLabel(l, locale) }))}
        className="max-w-sm"
        testId="app-claimedLevel"
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextareaField field={fields.onDeviceModel} rows={2} label={t("application.onDeviceModel")} hint={t("application.onDeviceModelHint")} />
        <TextareaField field={fields.cloudModel} rows={2} label={t("application.cloudModel")} hint={t("application.cloudModelHint")} />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("application.declarations")}</legend>
        <CheckboxField field={fields.accurate} label={t("application.declareAccurate")} />
        <CheckboxField field={fields.samplesAvailable} label={t("application.declareSamples")} />
        <CheckboxField field={fields.acceptsRules} label={t("application.declareRules")} />
      </fieldset>
      {state?.message && (
        <div data-testid="application-message">
          <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      )}
      <SubmitButton variant="secondary" pendingLabel={t("actions.sending")}>
        {t("application.save")}
      </SubmitButton>
    </form>
  );
}
