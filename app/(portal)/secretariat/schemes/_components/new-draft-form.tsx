"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { createDraftAction } from "../actions";
import { NewDraftInput } from "../schemas";

export function NewDraftForm({ schemeId, version, suggestion }: { schemeId: string; version: string; suggestion: string }) {
  const t = useTranslations("schemes");
  const [state, action] = useActionState(createDraftAction, undefined);
  const [form, fields, formProps] = useZodForm(NewDraftInput, { lastResult: state, action, id: "new-draft", defaultValue: { newVersion: suggestion } });
  // The field's own error says what is wrong with it; the form's line is for anything else.
  const formErrors = fields.newVersion.errors?.length ? undefined : form.errors;
  return (
    <ErrorNamespaceProvider namespace="schemes">
      <form {...formProps} aria-label={t("newDraftFrom", { version })} className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <input type="hidden" name="schemeId" value={schemeId} />
        <input type="hidden" name="version" value={version} />
        <div className="flex flex-wrap items-start gap-3">
          <InputField field={fields.newVersion} label={t("newVersion")} required maxLength={50} className="w-full sm:w-48" />
          <SubmitButton className="sm:mt-6">{t("newDraftFrom", { version })}</SubmitButton>
        </div>
        <FormMessage errors={formErrors} />
      </form>
    </ErrorNamespaceProvider>
  );
}
