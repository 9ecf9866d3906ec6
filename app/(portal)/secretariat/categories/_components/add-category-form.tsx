"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { addCategoryAction } from "../actions";
import { AddCategoryForm as Schema } from "../schemas";

export function AddCategoryForm() {
  const t = useTranslations("categories");
  const [state, action] = useActionState(addCategoryAction, undefined);
  const [form, fields, formProps] = useZodForm(Schema, { lastResult: state, action, id: "add-category" });
  return (
    <ErrorNamespaceProvider namespace="categories">
      <form {...formProps} aria-label={t("addTitle")} className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("addTitle")}</h2>
        <p className="text-sm text-slate-600">{t("addIntro")}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <InputField field={fields.key} label={t("key")} hint={t("keyHint")} required maxLength={31} autoComplete="off" />
          <InputField field={fields.certificateCode} label={t("certificateCode")} hint={t("codeHint")} required maxLength={10} autoComplete="off" />
          <InputField field={fields.nameZh} label={t("nameZh")} required maxLength={40} lang="zh-CN" autoComplete="off" />
          <InputField field={fields.nameEn} label={t("nameEn")} required maxLength={40} lang="en" autoComplete="off" />
        </div>
        <SubmitButton>{t("add")}</SubmitButton>
        <FormMessage errors={form.errors} result={state} testId="add-category-message" />
      </form>
    </ErrorNamespaceProvider>
  );
}
