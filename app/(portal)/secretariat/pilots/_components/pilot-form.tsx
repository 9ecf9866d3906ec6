"use client";
// The secretariat's new pilot on the field kit (docs/decisions/0009-forms-conform-zod.md): names in
// both languages, the categories in scope (none ticked: every category), the pilot's period, the
// application window and the stage limits. Created as a draft for a ministry user to approve.
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorText, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { createPilotAction } from "../actions";
import { PilotFields } from "../schemas";

export type CategoryChoice = { key: string; nameZh: string; nameEn: string };

export function PilotForm({ categories }: { categories: CategoryChoice[] }) {
  const t = useTranslations("pilots.form");
  const zh = useLocale().startsWith("zh");
  const [state, action] = useActionState(createPilotAction, undefined);
  const [form, fields, formProps] = useZodForm(PilotFields, { lastResult: state, action, id: "pilot-new" });
  return (
    <form {...formProps} className="space-y-4" data-testid="pilot-form">
      <FormMessage errors={form.errors} result={state?.ok ? { ok: true, message: t("created") } : null} testId="pilot-form" />
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.name} label={t("name")} required maxLength={120} data-testid="pilot-name" />
        <InputField field={fields.nameZh} label={t("nameZh")} required maxLength={120} data-testid="pilot-name-zh" />
      </div>
      <fieldset className="space-y-1" aria-describedby={fields.scope.descriptionId} data-testid="pilot-scope">
        <legend className="text-sm font-medium text-slate-800">{t("scope")}</legend>
        <p id={fields.scope.descriptionId} className="text-xs text-slate-600">{t("scopeHint")}</p>
        <div className="grid gap-1 sm:grid-cols-3">
          {categories.map((c) => (
            <label key={c.key} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name={fields.scope.name} value={c.key} className="h-4 w-4 rounded border-slate-300" data-testid={`pilot-scope-${c.key}`} />
              <span>{zh ? c.nameZh : c.nameEn}</span>
            </label>
          ))}
        </div>
        <ErrorText field={fields.scope} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.startsAt} label={t("startsAt")} type="date" required data-testid="pilot-starts" />
        <InputField field={fields.endsAt} label={t("endsAt")} hint={t("optional")} type="date" data-testid="pilot-ends" />
        <InputField field={fields.applicationsFrom} label={t("applicationsFrom")} hint={t("windowHint")} type="date" data-testid="pilot-from" />
        <InputField field={fields.applicationsUntil} label={t("applicationsUntil")} hint={t("windowHint")} type="date" data-testid="pilot-until" />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">{t("limits")}</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <InputField field={fields.screening} label={t("screening")} inputMode="numeric" />
          <InputField field={fields.testing} label={t("testing")} inputMode="numeric" />
          <InputField field={fields.review} label={t("review")} inputMode="numeric" />
          <InputField field={fields.decision} label={t("decision")} inputMode="numeric" />
        </div>
        <p className="text-xs text-slate-600">{t("limitsHint")}</p>
      </fieldset>
      <SubmitButton pendingLabel={t("saving")} data-testid="pilot-create">{t("create")}</SubmitButton>
    </form>
  );
}
