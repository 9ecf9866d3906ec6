"use client";
import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { updateItemAction } from "../actions";
import { EMPTY_FORM } from "./form-state";
import { ItemFields, type ItemValues } from "./item-fields";
import { RemoveItemButton } from "./remove-item-button";

/** The edit form of one draft item; the server's field errors appear next to their fields. */
export function ItemEditor({
  schemeId,
  version,
  itemKey,
  title,
  initial,
}: {
  schemeId: string;
  version: string;
  itemKey: string;
  title: string;
  initial: ItemValues;
}) {
  const t = useTranslations("schemes");
  const headingId = useId();
  const [state, action, pending] = useActionState(updateItemAction, EMPTY_FORM);
  // After a refusal the form shows what the person typed, not the stored values.
  const values = state.ok === false && state.values ? { ...initial, ...state.values } : initial;
  const errors = state.fieldErrors ?? {};
  const general = Object.entries(errors).filter(([k]) => !/^(title|method)\.|^thresholds\.|^(unit|better)$/.test(k));
  return (
    <div className="rounded border border-slate-200 bg-white p-4" data-testid={`editor-${itemKey}`}>
      <div className="mb-3 flex items-start justify-between gap-3">
        <h3 id={headingId} className="font-medium">
          {title} <span className="font-mono text-xs text-slate-500">{itemKey}</span>
        </h3>
        <RemoveItemButton schemeId={schemeId} version={version} itemKey={itemKey} title={title} />
      </div>
      <form action={action} aria-labelledby={headingId} className="space-y-3" noValidate>
        <input type="hidden" name="schemeId" value={schemeId} />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="itemKey" value={itemKey} />
        <ItemFields key={state.savedAt ?? "initial"} values={values} errors={errors} />
        {general.length > 0 && (
          <ul role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
            {general.map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
        )}
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60">
            {pending ? t("saving") : t("saveItem")}
          </button>
          <p aria-live="polite" className={state.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
            {state.message}
          </p>
        </div>
      </form>
    </div>
  );
}
