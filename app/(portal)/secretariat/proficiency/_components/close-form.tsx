"use client";
// Closing a round, confirmed first: labs can no longer submit, and the results are shown.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { closeRoundAction, type RoundFormState } from "../actions";

const initial: RoundFormState = { ok: false };

export function CloseRoundForm({ roundId }: { roundId: string }) {
  const t = useTranslations("proficiency.round");
  const [state, action] = useActionState(closeRoundAction, initial);
  return (
    <form
      action={action}
      className="space-y-2"
      data-testid="pt-close-form"
      onSubmit={(e) => {
        if (!window.confirm(t("closeConfirm"))) e.preventDefault();
      }}
    >
      <input type="hidden" name="roundId" value={roundId} />
      {state.formError && <Alert tone="error" testId="pt-close-error">{state.formError}</Alert>}
      <SubmitButton variant="secondary" pendingLabel={t("closing")} data-testid="pt-close">{t("close")}</SubmitButton>
    </form>
  );
}
