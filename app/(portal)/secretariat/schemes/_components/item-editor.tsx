"use client";
import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, useZodForm } from "@/app/_components/ui/form";
import { updateItemAction } from "../actions";
import { UpdateItemInput } from "../schemas";
import { ItemFields, ItemV2Fields, type ItemV2Values, type ItemValues } from "./item-fields";
import { RemoveItemButton } from "./remove-item-button";

/** The edit form of one draft item; the field kit shows each error code next to its field. */
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
  initial: ItemValues & ItemV2Values;
}) {
  const t = useTranslations("schemes");
  const headingId = useId();
  const [state, action] = useActionState(updateItemAction, undefined);
  // After a refusal the form keeps what the person typed, not the stored values.
  const [form, fields, formProps] = useZodForm(UpdateItemInput, { lastResult: state, action, id: `item-${itemKey}`, defaultValue: initial });
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <div className="rounded border border-slate-200 bg-white p-4" data-testid={`editor-${itemKey}`}>
        <div className="mb-3 flex items-start justify-between gap-3">
          <h3 id={headingId} className="min-w-0 break-words font-medium">
            {title} <span className="font-mono text-xs text-slate-500">{itemKey}</span>
          </h3>
          <RemoveItemButton schemeId={schemeId} version={version} itemKey={itemKey} title={title} />
        </div>
        <form {...formProps} aria-labelledby={headingId} className="space-y-3">
          <input type="hidden" name="schemeId" value={schemeId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="itemKey" value={itemKey} />
          <ItemFields fields={fields} />
          <ItemV2Fields fields={fields} />
          <FormMessage errors={form.errors} result={state} />
          <SubmitButton pendingLabel={t("saving")}>{t("saveItem")}</SubmitButton>
        </form>
      </div>
    </ErrorNamespaceProvider>
  );
}
