"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "../_components/form-ui";
import { initialFormState } from "../_components/form-state-type";
import { retryJobAction } from "./actions";

export function RetryJobButton({ jobId, label }: { jobId: string; label: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(retryJobAction, initialFormState);
  return (
    <form action={action} className="flex flex-col items-start gap-2" data-testid={`retry-${jobId}`}>
      <input type="hidden" name="jobId" value={jobId} />
      <SubmitButton variant="secondary" aria-label={t("outbox.retryNamed", { name: label })} pendingLabel={t("saving")}>
        {t("outbox.retry")}
      </SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}
