"use client";
// The draft application's edit form (updateApplication): product, claimed level, the disclosed
// models (the wizard's rows, ../../../_components/model-rows.tsx; docs/domain.md#model-disclosure)
// and the declarations. Validated in the browser with the schema the action parses with
// (_lib/application-form.ts). Adding or removing a model row draws the form again from what was
// typed so far (nothing is sent).
import { useActionState, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { FieldMetadata } from "@conform-to/react";
import { LEVELS } from "@/lib/domain";
import { CheckboxField, InputField, useZodForm } from "@/app/_components/ui/form";
import { SelectField } from "@/app/_components/ui/select";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { ModelRows } from "@/app/(portal)/_components/model-rows";
import { EMPTY_MODEL, formText, modelRowsOf, rowsDefault, type ModelRow } from "@/app/(portal)/_lib/model-rows";
import { updateApplicationAction } from "../actions";
import { applicationFormSchema } from "../_lib/application-form";
import { levelLabel } from "../../_lib/text";

export type ApplicationInitial = {
  name: string;
  model: string;
  softwareVersion: string;
  claimedLevel: string;
  /** The disclosed models; none yet: one empty row to fill in. */
  models: ModelRow[];
  accurate: boolean;
  samplesAvailable: boolean;
  acceptsRules: boolean;
};

/** What the form holds now (its inputs), to draw it again with a row added or removed. */
function valuesOf(data: FormData): ApplicationInitial {
  const text = formText(data);
  return {
    name: text("name"),
    model: text("model"),
    softwareVersion: text("softwareVersion"),
    claimedLevel: text("claimedLevel"),
    models: modelRowsOf(text),
    accurate: data.get("accurate") === "on",
    samplesAvailable: data.get("samplesAvailable") === "on",
    acceptsRules: data.get("acceptsRules") === "on",
  };
}

export function ApplicationForm({ caseId, version, initial }: { caseId: string; version: number; initial: ApplicationInitial }) {
  const [state, action] = useActionState(updateApplicationAction, undefined);
  // Rows added or removed since the case was last drawn; a new version (saved) starts from what was saved.
  const [edited, setEdited] = useState<{ values: ApplicationInitial; gen: number; state: typeof state; version: number } | null>(null);
  const current = edited?.version === version ? edited : null;
  const values = current?.values ?? { ...initial, models: initial.models.length ? initial.models : [{ ...EMPTY_MODEL }] };
  // The action's answer counts only when it came after the last row edit (its field names may be stale).
  const result = current && current.state === state ? undefined : state;
  const gen = current?.gen ?? 0;
  const edit = (form: HTMLFormElement | null, change: (rows: ModelRow[]) => ModelRow[]) => {
    const now = form ? valuesOf(new FormData(form)) : values;
    setEdited({ values: { ...now, models: change(now.models) }, gen: gen + 1, state, version });
  };
  return <Body key={`${version}:${gen}`} caseId={caseId} version={version} values={values} result={result} action={action} edit={edit} gen={gen} />;
}

function Body({
  caseId,
  version,
  values,
  result,
  action,
  edit,
  gen,
}: {
  caseId: string;
  version: number;
  values: ApplicationInitial;
  result: Awaited<ReturnType<typeof updateApplicationAction>> | undefined;
  action: (data: FormData) => void;
  edit: (form: HTMLFormElement | null, change: (rows: ModelRow[]) => ModelRow[]) => void;
  gen: number;
}) {
  const t = useTranslations("case");
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const on = (b: boolean) => (b ? "on" : undefined);
  const [, fields, formProps] = useZodForm(applicationFormSchema, {
    lastResult: result,
    action,
    id: `application-${version}-${gen}`,
    defaultValue: {
      name: values.name,
      model: values.model,
      softwareVersion: values.softwareVersion,
      claimedLevel: (values.claimedLevel || undefined) as (typeof LEVELS)[number] | undefined,
      models: rowsDefault(values.models) as never,
      accurate: on(values.accurate),
      samplesAvailable: on(values.samplesAvailable),
      acceptsRules: on(values.acceptsRules),
    },
  });
  const edits = {
    add: () => edit(formRef.current, (rows) => [...rows, { ...EMPTY_MODEL }]),
    remove: (i: number) => edit(formRef.current, (rows) => rows.filter((_, j) => j !== i)),
  };
  return (
    <form {...formProps} ref={formRef} className="space-y-3" data-testid="application-form">
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
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("application.models")}</legend>
        <ModelRows edits={edits} field={fields.models as unknown as FieldMetadata<ModelRow[]>} testIdPrefix="draft" />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("application.declarations")}</legend>
        <CheckboxField field={fields.accurate} label={t("application.declareAccurate")} />
        <CheckboxField field={fields.samplesAvailable} label={t("application.declareSamples")} />
        <CheckboxField field={fields.acceptsRules} label={t("application.declareRules")} />
      </fieldset>
      {result?.message && (
        <div data-testid="application-message">
          <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>
        </div>
      )}
      <SubmitButton variant="secondary" pendingLabel={t("actions.sending")}>
        {t("application.save")}
      </SubmitButton>
    </form>
  );
}
