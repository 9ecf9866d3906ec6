"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/app/_components/ui/button-class";
import { ErrorNamespaceProvider, useErrorText, useZodForm } from "@/app/_components/ui/form";
import { removeItemAction } from "../actions";
import { RemoveItemInput } from "../schemas";

/** Two steps, so an item is never removed by one stray click. */
export function RemoveItemButton({ schemeId, version, itemKey, title }: { schemeId: string; version: string; itemKey: string; title: string }) {
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <RemoveItem schemeId={schemeId} version={version} itemKey={itemKey} title={title} />
    </ErrorNamespaceProvider>
  );
}

function RemoveItem({ schemeId, version, itemKey, title }: { schemeId: string; version: string; itemKey: string; title: string }) {
  const t = useTranslations("schemes");
  const say = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(removeItemAction, undefined);
  const [form, , formProps] = useZodForm(RemoveItemInput, { lastResult: state, action, id: `remove-${itemKey}` });
  const refusal = form.errors?.[0];
  return (
    <div className="text-right">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className={buttonClass("secondary", "px-2 py-1 text-xs")}>
          {t("removeItem")}
        </button>
      ) : (
        <form {...formProps} className="flex flex-wrap items-center justify-end gap-2 text-xs">
          <input type="hidden" name="schemeId" value={schemeId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="itemKey" value={itemKey} />
          <span>{t("removeConfirm", { item: title })}</span>
          <button type="submit" disabled={pending} onClick={() => setTimeout(() => setConfirming(false), 0)} className={buttonClass("danger", "px-2 py-1 text-xs")}>
            {t("removeYes")}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className={buttonClass("secondary", "px-2 py-1 text-xs")}>
            {t("cancel")}
          </button>
        </form>
      )}
      {refusal && (
        <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">
          {say(refusal)}
        </p>
      )}
    </div>
  );
}
