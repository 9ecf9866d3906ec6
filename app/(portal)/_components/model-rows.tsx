"use client";
// Model rows (docs/domain.md#model-disclosure): one group of fields per model, for the application
// wizard's Models step, the case page's draft application form and the lab's report envelope (the
// models the tested sample runs). A disclosure row has the deployment, name, version, size,
// provider and filing number; a sample row the deployment, name and version. Adding or removing a
// row keeps what was typed: the form is drawn again from the answers so far with the row added or
// removed (nothing is sent; Conform's list intents did not insert in the browser). A row stacks its
// fields at 375 px and sets them in three columns wider.
import { useTranslations } from "next-intl";
import type { FieldMetadata } from "@conform-to/react";
import { Button } from "@/app/_components/ui/button";
import { ErrorText, InputField, NativeSelectField } from "@/app/_components/ui/form";
import { MODEL_DEPLOYMENTS, MODELS_MAX, MODEL_PARAMETERS_MAX, MODEL_TEXT_MAX } from "@/lib/cases/models";
import type { ModelRow } from "../_lib/model-rows";

export type ModelEdits = { add: () => void; remove: (index: number) => void };

export function ModelRows({
  edits,
  field,
  variant = "disclosure",
  minRows = 1,
  testIdPrefix = "apply",
  hint,
}: {
  edits: ModelEdits;
  field: FieldMetadata<ModelRow[]>;
  /** "sample": the models of a tested sample, name, version and deployment only. */
  variant?: "disclosure" | "sample";
  /** Rows that cannot be removed (the wizard needs one model; a draft envelope none). */
  minRows?: number;
  /** Test ids: `<prefix>-models`, `<prefix>-model-row`, `<prefix>-add-model`. */
  testIdPrefix?: string;
  hint?: React.ReactNode;
}) {
  const t = useTranslations("apply");
  const rows = field.getFieldList();
  const deployments = MODEL_DEPLOYMENTS.map((d) => ({ value: d, label: t(`models.deployments.${d}`) }));
  return (
    <div className="space-y-3" data-testid={`${testIdPrefix}-models`}>
      {hint}
      {rows.map((row, i) => {
        const f = row.getFieldset();
        return (
          <fieldset key={row.key} className="rounded border border-slate-200 p-3" data-testid={`${testIdPrefix}-model-row`}>
            <legend className="px-1 text-sm font-medium">{t("models.row", { n: i + 1 })}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              <NativeSelectField field={f.deployment} label={t("models.deployment")} options={deployments} />
              <InputField field={f.name} label={t("models.name")} maxLength={MODEL_TEXT_MAX} required />
              <InputField field={f.version} label={t("models.version")} maxLength={MODEL_TEXT_MAX} required />
              {variant === "disclosure" && (
                <>
                  <InputField field={f.parameters} label={t("models.parameters")} hint={t("models.parametersHint")} maxLength={MODEL_PARAMETERS_MAX} />
                  <InputField field={f.provider} label={t("models.provider")} hint={t("models.providerHint")} maxLength={MODEL_TEXT_MAX} />
                  <InputField field={f.filingNumber} label={t("models.filingNumber")} hint={t("models.filingNumberHint")} maxLength={MODEL_TEXT_MAX} />
                </>
              )}
            </div>
            {rows.length > minRows && (
              <Button variant="secondary" className="mt-3" onClick={() => edits.remove(i)} aria-label={t("models.removeNamed", { n: i + 1 })}>
                {t("models.remove")}
              </Button>
            )}
          </fieldset>
        );
      })}
      <ErrorText field={field} />
      {rows.length < MODELS_MAX && (
        <Button variant="secondary" onClick={edits.add} data-testid={`${testIdPrefix}-add-model`}>
          {t("models.add")}
        </Button>
      )}
    </div>
  );
}
