"use client";
// The triage form (choose a handler among those free to handle it) and the handler's close form.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, Select, Textarea, fieldA11y } from "@/app/_components/ui/field";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { COMPLAINT_OUTCOMES } from "@/lib/domain";
import { closeAction, triageAction, type HandleState } from "../actions";

const initial: HandleState = { ok: false };

export function TriageForm({ reference, version, options }: { reference: string; version: number; options: { id: string; label: string }[] }) {
  const t = useTranslations("complaints.secretariat");
  const [state, action] = useActionState(triageAction, initial);
  const err = state.fieldErrors?.handlerId ?? null;
  return (
    <form action={action} className="space-y-3" data-testid="triage-form">
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      {state.formError && <Alert tone="error" testId="triage-error">{state.formError}</Alert>}
      <Field id="triage-handler" label={t("handlerLabel")} error={err}>
        <Select {...fieldA11y("triage-handler", err)} name="handlerId" required defaultValue={state.values?.handlerId ?? ""} invalid={!!err}>
          <option value="">{t("choose")}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>{o.label}</option>
          ))}
        </Select>
      </Field>
      <SubmitButton pendingLabel={t("saving")} data-testid="triage-submit">{t("triage")}</SubmitButton>
    </form>
  );
}

export function CloseForm({ reference, version }: { reference: string; version: number }) {
  const t = useTranslations("complaints.secretariat");
  const to = useTranslations("complaints.outcomes");
  const [state, action] = useActionState(closeAction, initial);
  const err = (n: string) => state.fieldErrors?.[n] ?? null;
  return (
    <form action={action} className="space-y-3" data-testid="close-form" key={JSON.stringify(state.values ?? {})}>
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      {state.formError && <Alert tone="error" testId="close-error">{state.formError}</Alert>}
      <Field id="close-outcome" label={t("outcomeLabel")} error={err("outcome")}>
        <Select {...fieldA11y("close-outcome", err("outcome"))} name="outcome" required defaultValue={state.values?.outcome ?? ""} invalid={!!err("outcome")}>
          <option value="">{t("choose")}</option>
          {COMPLAINT_OUTCOMES.map((o) => (
            <option key={o} value={o}>{to(o)}</option>
          ))}
        </Select>
      </Field>
      <Field id="close-summary" label={t("summaryLabel")} hint={t("summaryHint")} error={err("publicSummary")}>
        <Textarea {...fieldA11y("close-summary", err("publicSummary"), true)} name="publicSummary" required rows={5} maxLength={2000} defaultValue={state.values?.publicSummary} invalid={!!err("publicSummary")} />
      </Field>
      <SubmitButton pendingLabel={t("saving")} data-testid="close-submit">{t("close")}</SubmitButton>
    </form>
  );
}
