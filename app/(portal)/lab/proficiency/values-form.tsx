"use client";
// An invited lab's values on the field kit (docs/decisions/0009-forms-conform-zod.md): one number
// per item; submitting again before the deadline replaces them. An empty or non-numeric box is
// refused in the browser already, by code.
import { useActionState } from "react";
import type { FieldMetadata } from "@conform-to/react";
import { useLocale, useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { submitValuesAction } from "./actions";
import { ValuesFields } from "../../secretariat/proficiency/schemas";

export function ValuesForm({ roundId, items, mine, submitted }: { roundId: string; items: { key: string; title: { zh: string; en: string }; unit: string }[]; mine: Record<string, number> | null; submitted: boolean }) {
  const t = useTranslations("proficiency.lab");
  const zh = useLocale().startsWith("zh");
  const [state, action] = useActionState(submitValuesAction, undefined);
  const [form, fields, formProps] = useZodForm(ValuesFields, {
    lastResult: state,
    action,
    id: `pt-values-${roundId}`,
    defaultValue: { values: Object.fromEntries(items.map((it) => [it.key, mine?.[it.key] !== undefined ? String(mine[it.key]) : ""])) },
  });
  // The kit types fields loosely; `values` is an object of one text per item key.
  const values = (fields.values as unknown as FieldMetadata<Record<string, string>, Record<string, unknown>, string[]>).getFieldset();
  return (
    <form {...formProps} className="space-y-3" data-testid="pt-values-form">
      <input type="hidden" name="roundId" value={roundId} />
      {items.map((it) => (
        <input key={it.key} type="hidden" name="keys" value={it.key} />
      ))}
      <p className="text-sm text-slate-700">{t("valuesHint")}</p>
      <FormMessage errors={form.errors} testId="pt-values" />
      {state?.ok && <Alert tone="success" testId="pt-values-saved">{t("saved")}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        {items.map((it) => (
          <InputField
            key={it.key}
            field={values[it.key]}
            label={
              <span className="break-words">
                {zh ? it.title.zh : it.title.en} <span className="font-mono text-xs text-slate-600">{it.key} ({it.unit})</span>
              </span>
            }
            inputMode="decimal"
            required
            data-testid={`pt-value-${it.key}`}
            errorTestId={`pt-value-error-${it.key}`}
          />
        ))}
      </div>
      <SubmitButton pendingLabel={t("saving")} data-testid="pt-submit-values">{submitted || state?.ok ? t("resubmit") : t("submit")}</SubmitButton>
    </form>
  );
}
