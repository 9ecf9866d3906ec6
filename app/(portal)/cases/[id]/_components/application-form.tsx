"use client";
// The draft application's edit form (updateApplication): product, claimed level, models, declarations.
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { LEVELS } from "@/lib/grading/levels";
import { Field, Input, Select, Textarea, Checkbox, fieldA11y } from "@/app/_components/ui/field";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { updateApplicationAction } from "../actions";
import { EMPTY_FORM } from "../_lib/form-state";
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
  const [state, action] = useActionState(updateApplicationAction, EMPTY_FORM);
  // The server keys product fields as product.name; the form's fields are named name, model….
  const err = (name: string) => state.fieldErrors?.[name] ?? state.fieldErrors?.[`product.${name}`] ?? state.fieldErrors?.[`application.${name}`];
  const v = (name: keyof Initial) => {
    const sent = state.ok === false ? state.values?.[name] : undefined;
    return typeof sent === "string" ? sent : String(initial[name]);
  };
  const checked = (name: "accurate" | "samplesAvailable" | "acceptsRules") => (state.ok === false && state.values ? state.values[name] === "on" : initial[name]);
  return (
    <form action={action} noValidate className="space-y-3" data-testid="application-form" key={`${version}-${state.at ?? 0}`}>
      <p className="text-sm text-slate-600">{t("application.editIntro")}</p>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="app-name" label={t("application.name")} error={err("name")}>
          <Input name="name" defaultValue={v("name")} invalid={!!err("name")} {...fieldA11y("app-name", err("name"))} />
        </Field>
        <Field id="app-model" label={t("application.model")} error={err("model")}>
          <Input name="model" defaultValue={v("model")} invalid={!!err("model")} {...fieldA11y("app-model", err("model"))} />
        </Field>
        <Field id="app-softwareVersion" label={t("application.softwareVersion")} error={err("softwareVersion")}>
          <Input name="softwareVersion" defaultValue={v("softwareVersion")} invalid={!!err("softwareVersion")} {...fieldA11y("app-softwareVersion", err("softwareVersion"))} />
        </Field>
      </div>
      <Field id="app-claimedLevel" label={t("application.claimedLevel")} error={err("claimedLevel")}>
        <Select name="claimedLevel" defaultValue={v("claimedLevel")} {...fieldA11y("app-claimedLevel", err("claimedLevel"))}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {levelLabel(l, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="app-onDeviceModel" label={t("application.onDeviceModel")} hint={t("application.onDeviceModelHint")} error={err("onDeviceModel")}>
          <Textarea name="onDeviceModel" rows={2} defaultValue={v("onDeviceModel")} {...fieldA11y("app-onDeviceModel", err("onDeviceModel"), true)} />
        </Field>
        <Field id="app-cloudModel" label={t("application.cloudModel")} hint={t("application.cloudModelHint")} error={err("cloudModel")}>
          <Textarea name="cloudModel" rows={2} defaultValue={v("cloudModel")} {...fieldA11y("app-cloudModel", err("cloudModel"), true)} />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("application.declarations")}</legend>
        <Checkbox id="app-accurate" name="accurate" defaultChecked={checked("accurate")} label={t("application.declareAccurate")} />
        <Checkbox id="app-samplesAvailable" name="samplesAvailable" defaultChecked={checked("samplesAvailable")} label={t("application.declareSamples")} />
        <Checkbox id="app-acceptsRules" name="acceptsRules" defaultChecked={checked("acceptsRules")} label={t("application.declareRules")} />
      </fieldset>
      {state.message && (
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
