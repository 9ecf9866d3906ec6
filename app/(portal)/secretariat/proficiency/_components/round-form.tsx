"use client";
// The secretariat's new round on the field kit (docs/decisions/0009-forms-conform-zod.md): a
// published scheme, then its items and the labs accredited for its category (checkboxes), the
// reference sample and the deadline. Validated in the browser with ../schemas.ts; the lib checks
// again and its refusals show by code on the fields.
import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { ErrorText, FormMessage, InputField, NativeSelectField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { createRoundAction } from "../actions";
import { RoundFields } from "../schemas";

export type SchemeChoice = {
  schemeId: string;
  version: string;
  category: string;
  items: { key: string; title: { zh: string; en: string }; unit: string }[];
  labs: { id: string; name: string; nameZh: string | null }[];
};

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);

export function RoundForm({ choices, bounds }: { choices: SchemeChoice[]; bounds: { title: number; sample: number; items: number; labs: number; minLabs: number } }) {
  const t = useTranslations("proficiency.form");
  const zh = useLocale().startsWith("zh");
  const [state, action] = useActionState(createRoundAction, undefined);
  const [form, fields, formProps] = useZodForm(RoundFields, { lastResult: state, action, id: "pt-round" });
  const [scheme, setScheme] = useState<string>(typeof fields.scheme.initialValue === "string" ? fields.scheme.initialValue : "");
  const chosen = choices.find((c) => `${c.schemeId}@${c.version}` === scheme);
  const items = asList(fields.items.initialValue);
  const labIds = asList(fields.labIds.initialValue);
  return (
    <form {...formProps} className="space-y-4" data-testid="pt-round-form">
      <FormMessage errors={form.errors} testId="pt-round" />
      <InputField field={fields.title} label={t("roundTitle")} required maxLength={bounds.title} />
      <NativeSelectField
        field={fields.scheme}
        label={t("scheme")}
        required
        placeholder={t("chooseScheme")}
        onChange={(e) => setScheme(e.target.value)}
        options={choices.map((c) => ({ value: `${c.schemeId}@${c.version}`, label: `${c.schemeId} ${c.version} (${c.category})` }))}
      />
      {chosen && (
        <fieldset className="space-y-1" aria-describedby={`${fields.items.descriptionId}${fields.items.errors?.length ? ` ${fields.items.errorId}` : ""}`} data-testid="pt-items">
          <legend className="text-sm font-medium text-slate-800">{t("items")}</legend>
          <p id={fields.items.descriptionId} className="text-xs text-slate-600">{t("itemsHint", { max: bounds.items })}</p>
          <div className="grid gap-1 sm:grid-cols-2">
            {chosen.items.map((it) => (
              <label key={it.key} className="flex items-start gap-2 text-sm text-slate-800">
                <input type="checkbox" name={fields.items.name} value={it.key} defaultChecked={items.includes(it.key)} className="mt-1 h-4 w-4 rounded border-slate-300" data-testid={`pt-item-${it.key}`} />
                <span className="break-words">
                  {zh ? it.title.zh : it.title.en} <span className="font-mono text-xs text-slate-600">{it.key} ({it.unit})</span>
                </span>
              </label>
            ))}
          </div>
          <ErrorText field={fields.items} />
        </fieldset>
      )}
      <TextareaField field={fields.referenceSample} label={t("sample")} hint={t("sampleHint", { max: bounds.sample })} required rows={4} maxLength={bounds.sample} />
      <InputField field={fields.deadline} label={t("deadline")} hint={t("deadlineHint")} type="date" required />
      {chosen && (
        <fieldset className="space-y-1" aria-describedby={`${fields.labIds.descriptionId}${fields.labIds.errors?.length ? ` ${fields.labIds.errorId}` : ""}`} data-testid="pt-labs">
          <legend className="text-sm font-medium text-slate-800">{t("labs")}</legend>
          <p id={fields.labIds.descriptionId} className="text-xs text-slate-600">{t("labsHint", { min: bounds.minLabs })}</p>
          {chosen.labs.length === 0 ? (
            <Alert tone="warning">{t("noLabs")}</Alert>
          ) : (
            <div className="grid gap-1 sm:grid-cols-2">
              {chosen.labs.map((l) => (
                <label key={l.id} className="flex items-start gap-2 text-sm text-slate-800">
                  <input type="checkbox" name={fields.labIds.name} value={l.id} defaultChecked={labIds.includes(l.id)} className="mt-1 h-4 w-4 rounded border-slate-300" data-testid="pt-lab" data-lab-name={l.name} />
                  <span>{zh && l.nameZh ? l.nameZh : l.name}</span>
                </label>
              ))}
            </div>
          )}
          <ErrorText field={fields.labIds} />
        </fieldset>
      )}
      <SubmitButton pendingLabel={t("saving")} data-testid="pt-create">{t("create")}</SubmitButton>
    </form>
  );
}
