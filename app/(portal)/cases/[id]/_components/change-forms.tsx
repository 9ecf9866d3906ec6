"use client";
// The case page's after-care forms on the field kit (docs/decisions/0009-forms-conform-zod.md): the
// vendor's change report and the secretariat's surveillance. Both validate in the browser with the
// schema the action parses with; a refusal comes back as codes on the fields and the form.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { REPORTED_CHANGE_KINDS } from "@/lib/domain";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorText, FormMessage, InputField, NativeSelectField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { reportChangeFormSchema, surveillanceFormSchema } from "../../../changes/_lib/forms";
import { openSurveillanceAction, reportChangeAction } from "../change-actions";

export function ReportChangeForm({ caseId, from }: { caseId: string; from: string }) {
  const t = useTranslations("changes");
  const [state, action] = useActionState(reportChangeAction, undefined);
  const [form, fields, formProps] = useZodForm(reportChangeFormSchema, {
    lastResult: state,
    id: "report-change",
    action,
    defaultValue: { caseId, kind: "software", from, to: "", description: "" },
  });
  return (
    <form {...formProps} aria-labelledby="report-change-title" data-testid="report-change-form" className="mt-4 space-y-3 rounded border border-slate-200 p-3">
      <h3 id="report-change-title" className="font-medium">
        {t("report.title")}
      </h3>
      <p className="text-xs text-slate-600">{t("report.intro")}</p>
      <input type="hidden" name="caseId" value={caseId} />
      <NativeSelectField
        field={fields.kind}
        label={t("report.kind")}
        options={REPORTED_CHANGE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        data-testid="report-change-kind"
        className="max-w-sm"
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.from} label={t("report.from")} hint={t("report.fromHint")} data-testid="report-change-from" autoComplete="off" />
        <InputField field={fields.to} label={t("report.to")} data-testid="report-change-to" autoComplete="off" />
      </div>
      <TextareaField field={fields.description} rows={3} label={t("report.description")} hint={t("report.descriptionHint")} data-testid="report-change-description" />
      <FormMessage errors={form.errors} testId="report-change-message" />
      <SubmitButton pendingLabel={t("sending")}>{t("report.submit")}</SubmitButton>
    </form>
  );
}

export function SurveillanceForm({ caseId, items }: { caseId: string; items: { key: string; label: string; element: string }[] }) {
  const t = useTranslations("changes");
  const [state, action] = useActionState(openSurveillanceAction, undefined);
  const [form, fields, formProps] = useZodForm(surveillanceFormSchema, { lastResult: state, id: "open-surveillance", action });
  return (
    <form {...formProps} aria-labelledby="open-surveillance-title" data-testid="surveillance-form" className="mt-4 space-y-3 rounded border border-slate-200 p-3">
      <h3 id="open-surveillance-title" className="font-medium">
        {t("surveillance.title")}
      </h3>
      <p className="text-xs text-slate-600">{t("surveillance.intro")}</p>
      <input type="hidden" name="caseId" value={caseId} />
      <TextareaField field={fields.description} rows={3} label={t("surveillance.description")} data-testid="surveillance-description" />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t("surveillance.items")}</legend>
        <p className="text-xs text-slate-600">{t("surveillance.itemsHint")}</p>
        <ul className="grid max-h-64 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2">
          {items.map((i) => (
            <li key={i.key} className="flex items-start gap-2 text-sm">
              <input type="checkbox" id={`surveil-${i.key}`} name={fields.items.name} value={i.key} className="mt-1 h-4 w-4" />
              <label htmlFor={`surveil-${i.key}`}>
                {i.label} <code className="text-xs text-slate-500">{i.key}</code>
              </label>
            </li>
          ))}
        </ul>
        <ErrorText field={fields.items} />
      </fieldset>
      <FormMessage errors={form.errors} testId="surveillance-message" />
      <SubmitButton pendingLabel={t("sending")}>{t("surveillance.submit")}</SubmitButton>
    </form>
  );
}
