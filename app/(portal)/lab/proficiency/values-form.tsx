"use client";
// An invited lab's values: one number per item; submitting again before the deadline replaces them.
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { PtField as Field, PtInput as Input, a11y as fieldA11y } from "@/app/(portal)/secretariat/proficiency/_components/fields";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { submitValuesAction, type ValuesFormState } from "./actions";

const initial: ValuesFormState = { ok: false };

export function ValuesForm({ roundId, items, mine, submitted }: { roundId: string; items: { key: string; title: { zh: string; en: string }; unit: string }[]; mine: Record<string, number> | null; submitted: boolean }) {
  const t = useTranslations("proficiency.lab");
  const zh = useLocale().startsWith("zh");
  const [state, action] = useActionState(submitValuesAction, initial);
  const err = (k: string) => state.fieldErrors?.[k] ?? null;
  return (
    <form action={action} className="space-y-3" data-testid="pt-values-form" key={JSON.stringify(state.values ?? {})}>
      <input type="hidden" name="roundId" value={roundId} />
      <p className="text-sm text-slate-700">{t("valuesHint")}</p>
      {state.formError && <Alert tone="error" testId="pt-values-error">{state.formError}</Alert>}
      {state.ok && <Alert tone="success" testId="pt-values-saved">{t("saved")}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        {items.map((it) => {
          const id = `pt-v-${it.key}`;
          return (
            <Field key={it.key} id={id} label={<span className="break-words">{zh ? it.title.zh : it.title.en} <span className="font-mono text-xs text-slate-600">{it.key} ({it.unit})</span></span>} error={err(it.key)}>
              <Input {...fieldA11y(id, err(it.key))} name={`v:${it.key}`} inputMode="decimal" required defaultValue={state.values?.[it.key] ?? (mine?.[it.key] !== undefined ? String(mine[it.key]) : "")} invalid={!!err(it.key)} data-testid={`pt-value-${it.key}`} />
            </Field>
          );
        })}
      </div>
      <SubmitButton pendingLabel={t("saving")} data-testid="pt-submit-values">{submitted || state.ok ? t("resubmit") : t("submit")}</SubmitButton>
    </form>
  );
}
