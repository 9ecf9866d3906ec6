"use client";
// The findings forms: record (ministry), answer (secretariat), close (ministry). Each shows the
// server's answer; the rules live in lib/audit/findings.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { SubmitButton } from "@/app/_components/ui/button";
import { Field, Input, Select, Textarea, fieldA11y } from "@/app/_components/ui/field";
import { answerFindingAction, closeFindingAction, recordFindingAction } from "./actions";
import type { FormState } from "../form-state";

function Outcome({ state, testId }: { state: FormState; testId: string }) {
  if (!state?.message) return null;
  return (
    <Alert tone={state.ok ? "success" : "error"} testId={testId}>
      {state.message}
    </Alert>
  );
}

/** With a caseId the form is for that case; without one it asks for the case id. */
export function RecordFindingForm({ caseId }: { caseId?: string }) {
  const t = useTranslations("audit.findings");
  const [state, action] = useActionState(recordFindingAction, null);
  const err = (k: string) => state?.fieldErrors?.[k] ?? null;
  const idPrefix = caseId ? `finding-${caseId}` : "finding-new";
  return (
    <form action={action} className="space-y-3" data-testid="record-finding-form">
      {caseId ? (
        <input type="hidden" name="caseId" value={caseId} />
      ) : (
        <Field id={`${idPrefix}-case`} label={t("caseId")} error={err("caseId")}>
          <Input name="caseId" invalid={!!err("caseId")} {...fieldA11y(`${idPrefix}-case`, err("caseId"))} />
        </Field>
      )}
      <Field id={`${idPrefix}-severity`} label={t("severity")} error={err("severity")}>
        <Select name="severity" defaultValue="medium" invalid={!!err("severity")} {...fieldA11y(`${idPrefix}-severity`, err("severity"))}>
          {(["low", "medium", "high"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`severities.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${idPrefix}-text`} label={t("text")} error={err("text")}>
        <Textarea name="text" invalid={!!err("text")} {...fieldA11y(`${idPrefix}-text`, err("text"))} />
      </Field>
      <Outcome state={state} testId="record-finding-outcome" />
      <SubmitButton pendingLabel={t("recording")}>{t("record")}</SubmitButton>
    </form>
  );
}

export function AnswerFindingForm({ findingId }: { findingId: string }) {
  const t = useTranslations("audit.findings");
  const [state, action] = useActionState(answerFindingAction, null);
  const id = `answer-${findingId}`;
  const err = state?.fieldErrors?.answer ?? null;
  return (
    <form action={action} className="space-y-2" data-testid="answer-finding-form">
      <input type="hidden" name="findingId" value={findingId} />
      <Field id={id} label={t("answer")} error={err}>
        <Textarea name="answer" invalid={!!err} {...fieldA11y(id, err)} />
      </Field>
      <Outcome state={state} testId="answer-finding-outcome" />
      <SubmitButton pendingLabel={t("answering")}>{t("answerAction")}</SubmitButton>
    </form>
  );
}

export function CloseFindingForm({ findingId }: { findingId: string }) {
  const t = useTranslations("audit.findings");
  const [state, action] = useActionState(closeFindingAction, null);
  return (
    <form action={action} className="space-y-2" data-testid="close-finding-form">
      <input type="hidden" name="findingId" value={findingId} />
      <Outcome state={state} testId="close-finding-outcome" />
      <SubmitButton variant="secondary" pendingLabel={t("closing")}>
        {t("close")}
      </SubmitButton>
    </form>
  );
}
