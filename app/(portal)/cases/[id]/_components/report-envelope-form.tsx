"use client";
// The lab report's envelope (ISO/IEC 17025 §7.8, docs/domain.md#lab-evidence): report number, the
// sample tested (serials, build fingerprint, software version), the test dates, the environment and
// the signatory. A draft: each field may wait; SUBMIT_REPORT needs them all (the completeness list
// beside it says which are missing). Validated in the browser with the action's schema.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ErrorNamespaceProvider, InputField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { saveReportEnvelopeAction } from "../actions";
import { envelopeFormSchema } from "../_lib/envelope-form";

export type EnvelopeInitial = {
  reportNumber: string;
  serials: string;
  buildFingerprint: string;
  softwareVersion: string;
  testedFrom: string;
  testedTo: string;
  environment: string;
  signatory: string;
};

export function ReportEnvelopeForm({ caseId, initial, appliedVersion, formKey }: { caseId: string; initial: EnvelopeInitial; appliedVersion: string; formKey: string }) {
  const t = useTranslations("labEvidence");
  const [state, action] = useActionState(saveReportEnvelopeAction, undefined);
  const [, fields, formProps] = useZodForm(envelopeFormSchema, { lastResult: state, action, id: `envelope-${formKey}`, defaultValue: { caseId, ...initial } });
  return (
    <ErrorNamespaceProvider namespace="labEvidence">
      <form {...formProps} className="space-y-3" data-testid="envelope-form" key={formKey}>
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
