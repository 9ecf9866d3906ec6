"use client";
// The fields of one item (title, unit, direction, method, thresholds L1–L3; L4 reserved), shared
// by the edit form and the add form. Errors arrive keyed as lib/schemes keys them.
import { useLocale, useTranslations } from "next-intl";
import { UNIT_NAMES, UNITS } from "@/lib/grading/scheme";
import { Field } from "./field";

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

export function ItemFields({ values, errors = {} }: { values: ItemValues; errors?: Record<string, string> }) {
  const t = useTranslations("schemes");
  const zh = useLocale().startsWith("zh");
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("titleEn")} name="titleEn" defaultValue={values.titleEn} error={errors["title.en"]} />
        <Field label={t("titleZh")} name="titleZh" defaultValue={values.titleZh} error={errors["title.zh"]} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t("unit")}
          name="unit"
          defaultValue={values.unit}
          error={errors.unit}
          options={UNITS.map((u) => ({ value: u, label: `${u} — ${zh ? UNIT_NAMES[u].zh : UNIT_NAMES[u].en}` }))}
        />
        <Field
          label={t("direction")}
          name="better"
          defaultValue={values.better}
          error={errors.better}
          options={[
            { value: "higher", label: t("higherBetter") },
            { value: "lower", label: t("lowerBetter") },
          ]}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("methodEn")} name="methodEn" defaultValue={values.methodEn} error={errors["method.en"]} multiline />
        <Field label={t("methodZh")} name="methodZh" defaultValue={values.methodZh} error={errors["method.zh"]} multiline />
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-slate-600">{t("thresholds")}</legend>
        <div className="mt-1 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(["L1", "L2", "L3"] as const).map((level) => (
            <Field
              key={level}
              label={t("thresholdAt", { level })}
              name={level}
              type="number"
              defaultValue={values[level]}
              error={errors[`thresholds.${level}`]}
            />
          ))}
          <div>
            <span className="block text-xs font-medium text-slate-600">{t("thresholdAt", { level: "L4" })}</span>
            <span className="block rounded border border-dashed border-slate-300 px-2 py-1 text-sm text-slate-500">{t("reserved")}</span>
          </div>
        </div>
        <p className="mt-1 text-xs text-slate-500">{t("thresholdHint")}</p>
      </fieldset>
    </div>
  );
}
