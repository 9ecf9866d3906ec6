"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { removeItemAction } from "../actions";
import { EMPTY_FORM } from "./form-state";

/** Two steps, so an item is never removed by one stray click. */
export function RemoveItemButton({ schemeId, version, itemKey, title }: { schemeId: string; version: string; itemKey: string; title: string }) {
  const t = useTranslations("schemes");
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(removeItemAction, EMPTY_FORM);
  if (!confirming) {
    return (
      <div className="text-right">
        <button type="button" onClick={() => setConfirming(true)} className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100">
          {t("removeItem")}
        </button>
        {state.ok === false && state.message && <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">{state.message}</p>}
      </div>
    );
  }
  return (
    <form action={action} onSubmit={() => setConfirming(false)} className="flex items-center gap-2 text-xs">
      <input type="hidden" name="schemeId" value={schemeId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="itemKey" value={itemKey} />
      <span>{t("removeConfirm", { item: title })}</span>
      <button type="submit" disabled={pending} className="rounded bg-red-700 px-2 py-1 text-white hover:bg-red-800">
        {t("removeYes")}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
        {t("cancel")}
      </button>
    </form>
  );
}
