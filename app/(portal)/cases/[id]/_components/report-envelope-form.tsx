"use client";
// The lab report's envelope (ISO/IEC 17025 §7.8, docs/domain.md#lab-evidence): report number, the
// sample tested (serials, build fingerprint, software version, the models it runs), the test dates,
// the environment and the signatory. A draft: each field may wait; SUBMIT_REPORT needs them all (the
// completeness list beside it says which are missing) and the sample's models must be the ones the
// application discloses, which the form shows beside the rows. Validated in the browser with the
// action's schema. The model rows are the wizard's (../../../_components/model-rows.tsx): adding or
// removing one draws the form again from what was typed so far.
import { useActionState, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { FieldMetadata } from "@conform-to/react";
import { ErrorNamespaceProvider, InputField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { ModelRows } from "@/app/(portal)/_components/model-rows";
import { EMPTY_MODEL, formText, modelRowsOf, rowsDefault, type ModelRow } from "@/app/(portal)/_lib/model-rows";
import { saveReportEnvelopeAction } from "../actions";
import { envelopeFormSchema } from "../_lib/envelope-form";

export type EnvelopeInitial = {
  reportNumber: string;
  serials: string;
  buildFingerprint: string;
  softwareVersion: string;
  /** The sample's models as recorded (none yet: no rows). */
  models: ModelRow[];
  testedFrom: string;
  testedTo: string;
  environment: string;
  signatory: string;
};

/** What the form holds now, to draw it again with a model row added or removed. */
function valuesOf(data: FormData): EnvelopeInitial {
  const text = formText(data);
  return {
    reportNumber: text("reportNumber"),
    serials: text("serials"),
    buildFingerprint: text("buildFingerprint"),
    softwareVersion: text("softwareVersion"),
    models: modelRowsOf(text),
    testedFrom: text("testedFrom"),
    testedTo: text("testedTo"),
    environment: text("environment"),
    signatory: text("signatory"),
  };
}

type Props = {
  caseId: string;
  initial: EnvelopeInitial;
  appliedVersion: string;
  /** The models the case discloses, as one line each ("name version (runs)"); none: not disclosed. */
  disclosed: string[];
  formKey: string;
};

export function ReportEnvelopeForm(props: Props) {
  const [state, action] = useActionState(saveReportEnvelopeAction, undefined);
  const [edited, setEdited] = useState<{ values: EnvelopeInitial; gen: number; state: typeof state; formKey: string } | null>(null);
  const current = edited?.formKey === props.formKey ? edited : null;
  const values = current?.values ?? props.initial;
  // The action's answer counts only when it came after the last row edit (its row names may be stale).
  const result = current && current.state === state ? undefined : state;
  const gen = current?.gen ?? 0;
  const edit = (form: HTMLFormElement | null, change: (rows: ModelRow[]) => ModelRow[]) => {
    const now = form ? valuesOf(new FormData(form)) : values;
    setEdited({ values: { ...now, models: change(now.models) }, gen: gen + 1, state, formKey: props.formKey });
  };
  return <EnvelopeBody key={`${props.formKey}:${gen}`} {...props} values={values} result={result} action={action} edit={edit} gen={gen} />;
}

function EnvelopeBody({
  caseId,
  values,
  appliedVersion,
  disclosed,
  formKey,
  result,
  action,
  edit,
  gen,
}: Props & {
  values: EnvelopeInitial;
  result: Awaited<ReturnType<typeof saveReportEnvelopeAction>> | undefined;
  action: (data: FormData) => void;
  edit: (form: HTMLFormElement | null, change: (rows: ModelRow[]) => ModelRow[]) => void;
  gen: number;
}) {
  const t = useTranslations("labEvidence");
  const formRef = useRef<HTMLFormElement>(null);
  const { models, ...rest } = values;
  const [, fields, formProps] = useZodForm(envelopeFormSchema, {
    lastResult: result,
    action,
    id: `envelope-${formKey}-${gen}`,
    defaultValue: { caseId, ...rest, models: rowsDefault(models) as never },
  });
  const state = result;
  const edits = {
    add: () => edit(formRef.current, (rows) => [...rows, { ...EMPTY_MODEL }]),
    remove: (i: number) => edit(formRef.current, (rows) => rows.filter((_, j) => j !== i)),
  };
  return (
    <ErrorNamespaceProvider namespace="labEvidence">
      <form {...formProps} ref={formRef} className="space-y-3" data-testid="envelope-form">
        <p className="text-sm text-slate-600">{t("envelope.intro")}</p>
        <input type="hidden" name="caseId" value={caseId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <InputField field={fields.reportNumber} label={t("fields.reportNumber")} autoComplete="off" />
          <InputField field={fields.signatory} label={t("fields.signatory")} hint={t("envelope.signatoryHint")} autoComplete="off" />
        </div>
        <fieldset className="space-y-3 rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold">{t("envelope.sample")}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <InputField field={fields.softwareVersion} label={t("fields.sample.softwareVersion")} hint={t("envelope.versionHint", { version: appliedVersion })} autoComplete="off" />
            <TextareaField field={fields.serials} rows={2} label={t("fields.sample.serials")} hint={t("envelope.serialsHint")} />
          </div>
          <InputField field={fields.buildFingerprint} label={t("fields.sample.buildFingerprint")} hint={t("envelope.fingerprintHint")} autoComplete="off" className="font-mono" />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t("fields.sample.models")}</legend>
            <ModelRows
              edits={edits}
              field={fields.models as unknown as FieldMetadata<ModelRow[]>}
              variant="sample"
              minRows={0}
              testIdPrefix="sample"
              hint={
                <div className="text-xs text-slate-600" data-testid="sample-models-disclosed">
                  <p>{disclosed.length ? t("envelope.modelsHint") : t("envelope.modelsNotDisclosed")}</p>
                  {disclosed.length > 0 && (
                    <ul className="mt-1 list-disc pl-5">
                      {disclosed.map((m, i) => (
                        <li key={i} className="break-words">
                          {m}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              }
            />
          </fieldset>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <InputField field={fields.testedFrom} type="date" label={t("fields.testedFrom")} />
          <InputField field={fields.testedTo} type="date" label={t("fields.testedTo")} />
        </div>
        <TextareaField field={fields.environment} rows={2} label={t("fields.environment")} hint={t("envelope.environmentHint")} />
        {state?.message && (
          <div data-testid="envelope-message">
            <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
          </div>
        )}
        <SubmitButton variant="secondary" pendingLabel={t("envelope.saving")} data-testid="save-envelope">
          {t("envelope.save")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}
