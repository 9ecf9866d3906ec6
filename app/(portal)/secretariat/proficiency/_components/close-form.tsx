"use client";
// Closing a round, confirmed in a dialog first (it cannot be undone): labs can no longer submit, and
// the results are shown. On the field kit; a refusal (closed meanwhile) shows by code.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/app/_components/ui/dialog";
import { FormMessage, useZodForm } from "@/app/_components/ui/form";
import { closeRoundAction } from "../actions";
import { CloseFields } from "../schemas";

export function CloseRoundForm({ roundId }: { roundId: string }) {
  const t = useTranslations("proficiency.round");
  const [state, action] = useActionState(closeRoundAction, undefined);
  const [form, , formProps] = useZodForm(CloseFields, { lastResult: state, action, id: `pt-close-${roundId}` });
  return (
    <form {...formProps} className="space-y-2" data-testid="pt-close-form">
      <input type="hidden" name="roundId" value={roundId} />
      <FormMessage errors={form.errors} testId="pt-close" />
      <ConfirmDialog
        formId={form.id}
        trigger={t("close")}
        title={t("close")}
        description={t("closeConfirm")}
        confirmLabel={t("close")}
        variant="secondary"
        testId="pt-close"
      />
    </form>
  );
}
