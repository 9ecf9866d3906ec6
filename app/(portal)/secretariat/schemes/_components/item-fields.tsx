"use client";
// The fields of one item (title, unit, direction, method, thresholds L1–L3; L4 reserved), shared
// by the edit form and the add form, on the field kit: each field's error is a code under it.
import { useLocale, useTranslations } from "next-intl";
import { UNIT_NAMES, UNITS } from "@/lib/grading/scheme";
import { CheckboxField, InputField, NativeSelectField, TextareaField, type useZodForm } from "@/app/_components/ui/form";
import { ITEM_MODES } from "../schemas";

export type ItemValues = {
  titleEn: string;
  titleZh: string;
  methodEn: string;
  methodZh: string;
  unit: string;
  better: string;
  L1: string;
  L2: string;
  L3: string;
};

/** The edit form's format v2 values: text as typed, checkboxes "on" or "". */
export type ItemV2Values = {
  mode: string;
  testSetId: string;
  testSetVersion: string;
  testSetSize: string;
  uncertaintyRequired: string;
  minSamples: string;
  qualifyingL1: string;
  qualifyingL2: string;
  qualifyingL3: string;
};

export type FormFields = ReturnType<typeof useZodForm>[1];

export function ItemFields({ fields }: { fields: FormFields }) {
  const t = useTranslations("schemes");
  const zh = useLocale().startsWith("zh");
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField field={fields.titleEn} label={t("titleEn")} maxLength={2000} />
        <InputField field={fields.titleZh} label={t("titleZh")} maxLength={2000} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <NativeSelectField
          field={fields.unit}
          label={t("unit")}
          options={UNITS.map((u) => ({ value: u, label: `${u} — ${zh ? UNIT_NAMES[u].zh : UNIT_NAMES[u].en}` }))}
        />
        <NativeSelectField
          field={fields.better}
          label={t("direction")}
          options={[
            { value: "higher", label: t("higherBetter") },
            { value: "lower", label: t("lowerBetter") },
          ]}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextareaField field={fields.methodEn} label={t("methodEn")} rows={2} maxLength={2000} />
        <TextareaField field={fields.methodZh} label={t("methodZh")} rows={2} maxLength={2000} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("thresholds")}</legend>
        <div className="mt-1 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(["L1", "L2", "L3"] as const).map((level) => (
            <InputField key={level} field={fields[level]} label={t("thresholdAt", { level })} type="number" step="any" />
          ))}
          <div>
            <span className="block text-sm font-medium text-slate-800">{t("thresholdAt", { level: "L4" })}</span>
            <span className="mt-1 block rounded border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-500">{t("reserved")}</span>
          </div>
        </div>
        <p className="mt-1 text-xs text-slate-500">{t("thresholdHint")}</p>
      </fieldset>
    </div>
  );
}

/**
 * The format v2 fields of an item (docs/domain.md#schemes): how it is tested, its named test set,
 * what a result must carry, and the levels it qualifies (the scheme's `qualifying` lists).
 */
export function ItemV2Fields({ fields }: { fields: FormFields }) {
  const t = useTranslations("schemes");
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-3" data-testid="item-v2-fields">
      <legend className="px-1 text-sm font-medium text-slate-800">{t("v2Legend")}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <NativeSelectField
          field={fields.mode}
          label={t("itemMode")}
          placeholder={t("modeUnset")}
          options={ITEM_MODES.map((m) => ({ value: m, label: t(`public.mode_${m}`) }))}
        />
        <InputField field={fields.minSamples} label={t("minSamples")} hint={t("minSamplesHint")} type="number" min={1} step={1} />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <InputField field={fields.testSetId} label={t("testSetId")} maxLength={100} />
        <InputField field={fields.testSetVersion} label={t("testSetVersion")} maxLength={50} />
        <InputField field={fields.testSetSize} label={t("testSetSize")} type="number" min={1} step={1} />
      </div>
      <CheckboxField field={fields.uncertaintyRequired} label={t("uncertaintyRequired")} />
      <div>
        <p className="text-sm font-medium text-slate-800">{t("qualifying")}</p>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
          {(["L1", "L2", "L3"] as const).map((level) => (
            <CheckboxField key={level} field={fields[`qualifying${level}`]} label={t("qualifyingAt", { level })} />
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-500">{t("qualifyingHint")}</p>
      </div>
    </fieldset>
  );
}
