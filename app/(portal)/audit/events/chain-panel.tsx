"use client";
// The ministry's two buttons: verify the whole chain now, and sign a checkpoint of its head.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { SubmitButton } from "@/app/_components/ui/button";
import { createCheckpointAction, verifyChainAction } from "../actions";

export function VerifyChainButton() {
  const t = useTranslations("audit.chain");
  const [state, action] = useActionState(verifyChainAction, null);
  return (
    <form action={action} className="space-y-2" data-testid="verify-chain-form">
      <SubmitButton pendingLabel={t("verifying")}>{t("verify")}</SubmitButton>
      {state?.message && (
        <Alert tone={state.ok ? "success" : "error"} testId="chain-result">
          <span className="break-all">{state.message}</span>
        </Alert>
      )}
    </form>
  );
}

export function CreateCheckpointButton() {
  const t = useTranslations("audit.checkpoints");
  const [state, action] = useActionState(createCheckpointAction, null);
  return (
    <form action={action} className="space-y-2" data-testid="create-checkpoint-form">
      <SubmitButton variant="secondary" pendingLabel={t("creating")}>
        {t("create")}
      </SubmitButton>
      {state?.message && (
        <Alert tone={state.ok ? "success" : "error"} testId="checkpoint-result">
          {state.message}
        </Alert>
      )}
    </form>
  );
}
