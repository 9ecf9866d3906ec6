"use client";
// One pilot event (APPROVE, OPEN or CLOSE) as a button confirmed in a dialog; a refusal shows by code.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/app/_components/ui/dialog";
import { FormMessage, useZodForm } from "@/app/_components/ui/form";
import { pilotEventAction } from "../actions";
import { PilotEventFields } from "../schemas";

export function PilotEventForm({ pilotId, type }: { pilotId: string; type: "APPROVE" | "OPEN" | "CLOSE" }) {
  const t = useTranslations("pilots.events");
  const [state, action] = useActionState(pilotEventAction, undefined);
  const [form, , formProps] = useZodForm(PilotEventFields, { lastResult: state, action, id: `pilot-${type}-${pilotId}` });
  const key = type.toLowerCase() as "approve" | "open" | "close";
  return (
    <form {...formProps} className="space-y-1" data-testid={`pilot-${key}-form`}>
      <input type="hidden" name="pilotId" value={pilotId} />
      <input type="hidden" name="type" value={type} />
      <FormMessage errors={form.errors} testId={`pilot-${key}`} />
      <ConfirmDialog
        formId={form.id}
        trigger={t(key)}
        title={t(key)}
        description={t(`${key}Confirm`)}
        confirmLabel={t(key)}
        variant={type === "CLOSE" ? "danger" : "primary"}
        testId={`pilot-${key}`}
      />
    </form>
  );
}
