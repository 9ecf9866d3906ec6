"use client";
// The findings forms: record (ministry), answer (secretariat), close (ministry). On the field kit
// (docs/decisions/0009-forms-conform-zod.md): one schema in the browser and in the action
// (./finding-schemas.ts); refusals come back as codes; the rules live in lib/audit/findings.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, InputField, NativeSelectField, TextareaField, useErrorText, useZodForm } from "@/app/_components/ui/form";
import type { FormResult } from "../../_lib/form-reply";
import { SEVERITIES } from "@/lib/audit/findings/schemas";
import { answerFindingAction, closeFindingAction, recordFindingAction } from "./actions";
import { AnswerFindingFields, CloseFindingFields, RecordFindingFields } from "./finding-schemas";

/** The form's answer as a whole: its first form-level code, or the action's success sentence. */
function Outcome({ state, errors, testId }: { state: FormResult | undefined; errors?: string[]; testId: string }) {
  const say = useErrorText();
  if (errors?.length)
    return (
      <Alert tone="error" testId={testId}>
        {say(errors[0])}
      </Alert>
    );
  if (state?.ok && state.message)
    return (
      <Alert tone="success" testId={testId}>
        {state.message}
      </Alert>
    );
  return null;
}

/** With a caseId the form is for that case; without one it asks for the case id. */
export function RecordFindingForm({ caseId }: { caseId?: string }) {
  const t = useTranslations("audit.findings");
  const [state, action] = useActionState(recordFindingAction, undefined);
  const [form, fields, formProps] = useZodForm(RecordFindingFields, {
    lastResult: state,
    action,
    id: caseId ? `finding-${caseId}` : "finding-new",
    defaultValue: { caseId, severity: "medium" },
  });
  return (
    <ErrorNamespaceProvider namespace="audit">
      <form {...formProps} className="space-y-3" data-testid="record-finding-form">
        {caseId ? <input type="hidden" name="caseId" value={caseId} /> : <InputField field={fields.caseId} label={t("caseId")} />}
        <NativeSelectField field={fields.severity} label={t("severity")} options={SEVERITIES.map((s) => ({ value: s, label: t(`severities.${s}`) }))} />
        <TextareaField field={fields.text} label={t("text")} maxLength={4000} />
        <Outcome state={state} errors={form.errors} testId="record-finding-outcome" />
        <SubmitButton pendingLabel={t("recording")}>{t("record")}</SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

export function AnswerFindingForm({ findingId }: { findingId: string }) {
  const t = useTranslations("audit.findings");
  const [state, action] = useActionState(answerFindingAction, undefined);
  const [form, fields, formProps] = useZodForm(AnswerFindingFields, { lastResult: state, action, id: `answer-${findingId}` });
  return (
    <ErrorNamespaceProvider namespace="audit">
      <form {...formProps} className="space-y-2" data-testid="answer-finding-form">
        <input type="hidden" name="findingId" value={findingId} />
        <TextareaField field={fields.answer} label={t("answer")} maxLength={4000} />
        <Outcome state={state} errors={form.errors} testId="answer-finding-outcome" />
        <SubmitButton pendingLabel={t("answering")}>{t("answerAction")}</SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}

export function CloseFindingForm({ findingId }: { findingId: string }) {
  const t = useTranslations("audit.findings");
  const [state, action] = useActionState(closeFindingAction, undefined);
  const [form, , formProps] = useZodForm(CloseFindingFields, { lastResult: state, action, id: `close-${findingId}` });
  return (
    <ErrorNamespaceProvider namespace="audit">
      <form {...formProps} className="space-y-2" data-testid="close-finding-form">
        <input type="hidden" name="findingId" value={findingId} />
        <Outcome state={state} errors={form.errors} testId="close-finding-outcome" />
        <SubmitButton variant="secondary" pendingLabel={t("closing")}>
          {t("close")}
        </SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}
