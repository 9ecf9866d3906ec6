"use client";
// The secretariat's form for a pilot's stage time limits (days; empty = no limit).
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { SubmitButton } from "@/app/_components/ui/button";
import { Field, Input, fieldA11y } from "@/app/_components/ui/field";
import { setStageLimitsAction } from "./actions";

const STAGES = ["screening", "testing", "review", "decision"] as const;

export function StageLimitsForm({ pilotId, limits }: { pilotId: string; limits: Partial<Record<(typeof STAGES)[number], number>> }) {
  const t = useTranslations("audit");
  const [state, action] = useActionState(setStageLimitsAction, null);
  return (
    <form action={action} className="space-y-3" data-testid="stage-limits-form">
      <input type="hidden" name="pilotId" value={pilotId} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {STAGES.map((s) => {
          const id = `limit-${s}`;
          const err = state?.fieldErrors?.[s] ?? null;
          return (
            <Field key={s} id={id} label={t(`stages.${s}`)} error={err}>
              <Input name={s} type="number" min={1} max={365} step={1} defaultValue={limits[s] ?? ""} invalid={!!err} {...fieldA11y(id, err)} />
            </Field>
          );
        })}
      </div>
      {state?.message && (
        <Alert tone={state.ok ? "success" : "error"} testId="stage-limits-outcome">
          {state.message}
        </Alert>
      )}
      <SubmitButton pendingLabel={t("limits.saving")}>{t("limits.save")}</SubmitButton>
    </form>
  );
}
