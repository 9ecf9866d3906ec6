"use client";
// Runs a failed outbox job again (not irreversible: no confirm dialog). On the field kit
// (docs/decisions/0009-forms-conform-zod.md): a refusal comes back as a code from admin.errors.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormMessage, useZodForm } from "@/app/_components/ui/form";
import { retryJobAction } from "./actions";
import { RetryJobFields } from "./retry-schema";

export function RetryJobButton({ jobId, label }: { jobId: string; label: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(retryJobAction, undefined);
  const [form, , formProps] = useZodForm(RetryJobFields, { lastResult: state, action, id: `retry-${jobId}` });
  return (
    <ErrorNamespaceProvider namespace="admin">
      <form {...formProps} className="flex flex-col items-start gap-2" data-testid={`retry-${jobId}`}>
        <input type="hidden" name="jobId" value={jobId} />
        <SubmitButton variant="secondary" aria-label={t("outbox.retryNamed", { name: label })} pendingLabel={t("saving")}>
          {t("outbox.retry")}
        </SubmitButton>
        <FormMessage errors={form.errors} />
      </form>
    </ErrorNamespaceProvider>
  );
}
