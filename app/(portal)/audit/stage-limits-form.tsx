"use client";
// The secretariat's form for a pilot's stage time limits (days; empty = no limit). One schema in the
// browser and in the action (./stage-limits-schema.ts, docs/decisions/0009-forms-conform-zod.md).
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { SubmitButton } from "@/app/_components/ui/button";
import { ErrorNamespaceProvider, FormErrors, InputField, useZodForm } from "@/app/_components/ui/form";
import { setStageLimitsAction } from "./actions";
import { STAGE_FIELDS, StageLimitsFields } from "./stage-limits-schema";

export function StageLimitsForm({ pilotId, limits }: { pilotId: string; limits: Partial<Record<(typeof STAGE_FIELDS)[number], number>> }) {
  const t = useTranslations("audit");
  const [state, action] = useActionState(setStageLimitsAction, undefined);
  const [form, fields, formProps] = useZodForm(StageLimitsFields, {
    lastResult: state,
    action,
    id: `stage-limits-${pilotId}`,
    defaultValue: { pilotId, ...limits },
  });
  return (
    <ErrorNamespaceProvider namespace="audit">
      <form {...formProps} className="space-y-3" data-testid="stage-limits-form">
        <input type="hidden" name="pilotId" value={pilotId} />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {STAGE_FIELDS.map((s) => (
            <InputField
              key={s}
              field={fields[s]}
              label={t(`stages.${s}`)}
              errorTestId={`error-limit-${s}`}
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              step={1}
            />
          ))}
        </div>
        <FormErrors errors={form.errors} testId="stage-limits-error" />
        {state?.ok && state.message && (
          <Alert tone="success" testId="stage-limits-outcome">
            {state.message}
          </Alert>
        )}
        <SubmitButton pendingLabel={t("limits.saving")}>{t("limits.save")}</SubmitButton>
      </form>
    </ErrorNamespaceProvider>
  );
}
