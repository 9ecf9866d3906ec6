"use client";
// The fields of one item (title, unit, direction, method, thresholds L1–L3; L4 reserved), shared
// by the edit form and the add form, on the field kit: each field's error is a code under it.
import { useLocale, useTranslations } from "next-intl";
import { UNIT_NAMES, UNITS } from "@/lib/grading/scheme";
import { InputField, NativeSelectField, TextareaField, type useZodForm } from "@/app/_components/ui/form";

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
