"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { addItemAction } from "../actions";
import { AddItemInput } from "../schemas";
import { ItemFields } from "./item-fields";

const BLANK = { key: "", titleEn: "", titleZh: "", methodEn: "", methodZh: "", unit: "%", better: "higher", L1: "", L2: "", L3: "" };

export function AddItemForm({ schemeId, version, elementKey, elementTitle }: { schemeId: string; version: string; elementKey: string; elementTitle: string }) {
  const t = useTranslations("schemes");
  const [state, action] = useActionState(addItemAction, undefined);
  const [form, fields, formProps] = useZodForm(AddItemInput, { lastResult: state, action, id: `add-item-${elementKey}`, defaultValue: BLANK });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <details className="rounded border border-dashed border-slate-300 bg-white p-4" open={state?.ok === false || undefined}>
        <summary className="cursor-pointer text-sm font-medium text-brand">{t("addItemTo", { element: elementTitle })}</summary>
        <form {...formProps} aria-label={t("addItemTo", { element: elementTitle })} className="mt-3 space-y-3">
          <input type="hidden" name="schemeId" value={schemeId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="elementKey" value={elementKey} />
          <InputField field={fields.key} label={t("itemKey")} placeholder="snake_case_key" maxLength={100} />
          <ItemFields fields={fields} />
          <FormMessage errors={form.errors} result={state} />
          <SubmitButton>{t("addItem")}</SubmitButton>
        </form>
      </details>
    </ErrorNamespaceProvider>
  );
}
