"use client";
// The triage form (choose a handler among those free to handle it) and the handler's close form, on
// the field kit: validated in the browser; the complaint's door decides, its refusals shown by code.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { FormMessage, NativeSelectField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { COMPLAINT_OUTCOMES } from "@/lib/domain";
import { closeAction, triageAction } from "../actions";
import { CloseFields, SUMMARY_MAX, TriageFields } from "../schemas";

export function TriageForm({ reference, version, options }: { reference: string; version: number; options: { id: string; label: string }[] }) {
  const t = useTranslations("complaints.secretariat");
  const [state, action] = useActionState(triageAction, undefined);
  const [form, fields, formProps] = useZodForm(TriageFields, { lastResult: state, action, id: "triage" });
  return (
    <form {...formProps} className="space-y-3" data-testid="triage-form">
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <FormMessage errors={form.errors} testId="triage" />
      <NativeSelectField
        field={fields.handlerId}
        label={t("handlerLabel")}
        required
        placeholder={t("choose")}
        options={options.map((o) => ({ value: o.id, label: o.label }))}
      />
      <SubmitButton pendingLabel={t("saving")} data-testid="triage-submit">
        {t("triage")}
      </SubmitButton>
    </form>
  );
}

export function CloseForm({ reference, version }: { reference: string; version: number }) {
  const t = useTranslations("complaints.secretariat");
  const to = useTranslations("complaints.outcomes");
  const [state, action] = useActionState(closeAction, undefined);
  const [form, fields, formProps] = useZodForm(CloseFields, { lastResult: state, action, id: "close" });
  return (
    <form {...formProps} className="space-y-3" data-testid="close-form">
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <FormMessage errors={form.errors} testId="close" />
      <NativeSelectField
        field={fields.outcome}
        label={t("outcomeLabel")}
        required
        placeholder={t("choose")}
        options={COMPLAINT_OUTCOMES.map((o) => ({ value: o, label: to(o) }))}
      />
      <TextareaField field={fields.publicSummary} label={t("summaryLabel")} hint={t("summaryHint")} required rows={5} maxLength={SUMMARY_MAX} />
      <SubmitButton pendingLabel={t("saving")} data-testid="close-submit">
        {t("close")}
      </SubmitButton>
    </form>
  );
}
