"use client";
// The secretariat's new round: a published scheme, then its items and the labs accredited for its
// category (checkboxes), the reference sample and the deadline.
import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { PtField as Field, PtInput as Input, PtSelect as Select, PtTextarea as Textarea, a11y as fieldA11y } from "./fields";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { createRoundAction, type RoundFormState } from "../actions";

export type SchemeChoice = {
  schemeId: string;
  version: string;
  category: string;
  items: { key: string; title: { zh: string; en: string }; unit: string }[];
  labs: { id: string; name: string; nameZh: string | null }[];
};

const initial: RoundFormState = { ok: false };

export function RoundForm({ choices, bounds }: { choices: SchemeChoice[]; bounds: { title: number; sample: number; items: number; labs: number; minLabs: number } }) {
  const t = useTranslations("proficiency.form");
  const zh = useLocale().startsWith("zh");
  const [state, action] = useActionState(createRoundAction, initial);
  const [scheme, setScheme] = useState<string>(typeof state.values?.scheme === "string" ? state.values.scheme : "");
  const chosen = choices.find((c) => `${c.schemeId}@${c.version}` === scheme);
  const err = (n: string) => state.fieldErrors?.[n] ?? null;
  const checked = (name: "items" | "labIds", v: string) => (Array.isArray(state.values?.[name]) ? (state.values[name] as string[]).includes(v) : false);
  const str = (n: string) => (typeof state.values?.[n] === "string" ? (state.values[n] as string) : undefined);
  return (
    <form action={action} className="space-y-4" data-testid="pt-round-form" key={JSON.stringify(state.values ?? {})}>
      {state.formError && <Alert tone="error" testId="pt-round-error">{state.formError}</Alert>}
      <Field id="pt-title" label={t("roundTitle")} error={err("title")}>
        <Input {...fieldA11y("pt-title", err("title"))} name="title" required maxLength={bounds.title} defaultValue={str("title")} invalid={!!err("title")} />
      </Field>
      <Field id="pt-scheme" label={t("scheme")} error={err("scheme")}>
        <Select {...fieldA11y("pt-scheme", err("scheme"))} name="scheme" required value={scheme} onChange={(e) => setScheme(e.target.value)} invalid={!!err("scheme")}>
          <option value="">{t("chooseScheme")}</option>
          {choices.map((c) => (
            <option key={`${c.schemeId}@${c.version}`} value={`${c.schemeId}@${c.version}`}>
              {c.schemeId} {c.version} ({c.category})
            </option>
          ))}
        </Select>
      </Field>
      {chosen && (
        <fieldset className="space-y-1" aria-describedby="pt-items-hint" data-testid="pt-items">
          <legend className="text-sm font-medium text-slate-800">{t("items")}</legend>
          <p id="pt-items-hint" className="text-xs text-slate-600">{t("itemsHint", { max: bounds.items })}</p>
          <div className="grid gap-1 sm:grid-cols-2">
            {chosen.items.map((it) => (
              <label key={it.key} className="flex items-start gap-2 text-sm text-slate-800">
                <input type="checkbox" name="items" value={it.key} defaultChecked={checked("items", it.key)} className="mt-1 h-4 w-4 rounded border-slate-300" data-testid={`pt-item-${it.key}`} />
                <span className="break-words">
                  {zh ? it.title.zh : it.title.en} <span className="font-mono text-xs text-slate-600">{it.key} ({it.unit})</span>
                </span>
              </label>
            ))}
          </div>
          {err("items") && <p className="text-sm text-red-700" role="alert">{err("items")}</p>}
        </fieldset>
      )}
      <Field id="pt-sample" label={t("sample")} hint={t("sampleHint", { max: bounds.sample })} error={err("referenceSample")}>
        <Textarea {...fieldA11y("pt-sample", err("referenceSample"), true)} name="referenceSample" required rows={4} maxLength={bounds.sample} defaultValue={str("referenceSample")} invalid={!!err("referenceSample")} />
      </Field>
      <Field id="pt-deadline" label={t("deadline")} hint={t("deadlineHint")} error={err("deadline")}>
        <Input {...fieldA11y("pt-deadline", err("deadline"), true)} type="date" name="deadline" required defaultValue={str("deadline")} invalid={!!err("deadline")} />
      </Field>
      {chosen && (
        <fieldset className="space-y-1" aria-describedby="pt-labs-hint" data-testid="pt-labs">
          <legend className="text-sm font-medium text-slate-800">{t("labs")}</legend>
          <p id="pt-labs-hint" className="text-xs text-slate-600">{t("labsHint", { min: bounds.minLabs })}</p>
          {chosen.labs.length === 0 ? (
            <Alert tone="warning">{t("noLabs")}</Alert>
          ) : (
            <div className="grid gap-1 sm:grid-cols-2">
              {chosen.labs.map((l) => (
                <label key={l.id} className="flex items-start gap-2 text-sm text-slate-800">
                  <input type="checkbox" name="labIds" value={l.id} defaultChecked={checked("labIds", l.id)} className="mt-1 h-4 w-4 rounded border-slate-300" data-testid="pt-lab" data-lab-name={l.name} />
                  <span>{zh && l.nameZh ? l.nameZh : l.name}</span>
                </label>
              ))}
            </div>
          )}
          {err("labIds") && <p className="text-sm text-red-700" role="alert">{err("labIds")}</p>}
        </fieldset>
      )}
      <SubmitButton pendingLabel={t("saving")} data-testid="pt-create">{t("create")}</SubmitButton>
    </form>
  );
}
