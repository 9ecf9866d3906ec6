"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { addItemAction } from "../actions";
import { EMPTY_FORM } from "./form-state";
import { Field } from "./field";
import { ItemFields } from "./item-fields";

const BLANK = { titleEn: "", titleZh: "", methodEn: "", methodZh: "", unit: "%", better: "higher", L1: "", L2: "", L3: "" };

export function AddItemForm({ schemeId, version, elementKey, elementTitle }: { schemeId: string; version: string; elementKey: string; elementTitle: string }) {
  const t = useTranslations("schemes");
  const [state, action, pending] = useActionState(addItemAction, EMPTY_FORM);
  const values: typeof BLANK & { key?: string } = { ...BLANK, ...(state.ok === false ? state.values : {}) };
  const errors = state.fieldErrors ?? {};
  const general = Object.entries(errors).filter(([k]) => !/^(title|method)\.|^thresholds\.|^(unit|better|key)$/.test(k));
  return (
    <details className="rounded border border-dashed border-slate-300 bg-white p-4" open={state.ok === false}>
      <summary className="cursor-pointer text-sm font-medium text-brand">{t("addItemTo", { element: elementTitle })}</summary>
      <form action={action} aria-label={t("addItemTo", { element: elementTitle })} className="mt-3 space-y-3" noValidate>
        <input type="hidden" name="schemeId" value={schemeId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="elementKey" value={elementKey} />
        <div key={state.savedAt ?? "initial"} className="space-y-3">
          <Field label={t("itemKey")} name="key" defaultValue={values.key ?? ""} error={errors.key} placeholder="snake_case_key" />
          <ItemFields values={values} errors={errors} />
        </div>
        {general.length > 0 && (
          <ul role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
            {general.map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
        )}
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60">
            {t("addItem")}
          </button>
          <p aria-live="polite" className={state.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{state.message}</p>
        </div>
      </form>
    </details>
  );
}
