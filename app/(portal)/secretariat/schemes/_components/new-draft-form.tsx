"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { createDraftAction } from "../actions";
import { EMPTY_FORM } from "./form-state";
import { Field } from "./field";

export function NewDraftForm({ schemeId, version, suggestion }: { schemeId: string; version: string; suggestion: string }) {
  const t = useTranslations("schemes");
  const [state, action, pending] = useActionState(createDraftAction, EMPTY_FORM);
  return (
    <form action={action} aria-label={t("newDraftFrom", { version })} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4" noValidate>
      <input type="hidden" name="schemeId" value={schemeId} />
      <input type="hidden" name="version" value={version} />
      <Field label={t("newVersion")} name="newVersion" defaultValue={state.values?.newVersion ?? suggestion} error={state.fieldErrors?.newVersion} className="w-48" />
      <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60">
        {t("newDraftFrom", { version })}
      </button>
      {state.message && !state.fieldErrors && <p role="alert" className="text-sm text-red-700">{state.message}</p>}
    </form>
  );
}
