"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, NativeSelectField, useZodForm } from "@/app/_components/ui/form";
import { firstSchemeAction } from "../actions";
import { FirstSchemeForm as Schema } from "../schemas";

export function FirstSchemeForm({ category, name, sources, suggestion }: {
  category: string;
  name: string;
  sources: { value: string; label: string }[];
  suggestion: string;
}) {
  const t = useTranslations("categories");
  const [state, action] = useActionState(firstSchemeAction, undefined);
  const [form, fields, formProps] = useZodForm(Schema, {
    lastResult: state,
    action,
    id: `first-scheme-${category}`,
    defaultValue: { category, source: sources[0]?.value, newVersion: suggestion },
  });
  const formErrors = fields.newVersion.errors?.length ? undefined : form.errors;
  return (
    <ErrorNamespaceProvider namespace="categories">
      <form {...formProps} aria-label={t("firstSchemeFor", { name })} className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4">
        <p className="text-sm">{t("firstSchemeIntro", { name })}</p>
        <input type="hidden" name="category" value={category} />
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
          <NativeSelectField field={fields.source} label={t("copyFrom")} options={sources} required />
          <InputField field={fields.newVersion} label={t("firstVersion")} required maxLength={50} />
          <SubmitButton className="sm:mt-6">{t("startScheme")}</SubmitButton>
        </div>
        <FormMessage errors={formErrors} />
      </form>
    </ErrorNamespaceProvider>
  );
}
