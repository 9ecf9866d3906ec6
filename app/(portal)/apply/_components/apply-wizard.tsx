"use client";
// The steps of an application. Each "Next" asks the server to check the step's answers (the same
// schemas and rules that createCase applies), so errors appear on the step that asked for them.
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { LEVELS, LEVEL_NAMES } from "@/lib/grading/levels";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Alert } from "@/app/_components/ui/alert";
import { Field, FieldError, Input, Textarea, Checkbox, fieldA11y } from "@/app/_components/ui/field";
import { pick } from "../../cases/_lib/text";
import { checkStepAction, createApplicationAction } from "../actions";
import { EMPTY_VALUES, STEPS, type ApplyValues, type Step } from "../_lib/steps";

export type CategoryOption = {
  category: string;
  title: string;
  schemes: { schemeId: string; title: string; latest: string; versions: { version: string; publishedAt: string | null }[] }[];
};

export function ApplyWizard({ categories }: { categories: CategoryOption[] }) {
  const t = useTranslations("apply");
  const [step, setStep] = useState<Step>("category");
  const [reached, setReached] = useState(0);
  const [values, setValues] = useState<ApplyValues>(EMPTY_VALUES);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const index = STEPS.indexOf(step);

  const set = <K extends keyof ApplyValues>(key: K, value: ApplyValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const go = (to: Step) => {
    setErrors({});
    setMessage(null);
    setStep(to);
    setReached((r) => Math.max(r, STEPS.indexOf(to)));
  };

  function next(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      if (step === "review") {
        // On success the server redirects to the new case.
        const r = await createApplicationAction(values);
        if (!r.ok) {
          setMessage(r.message ?? null);
          setErrors(r.fieldErrors);
          if (r.step) setStep(r.step);
        }
        return;
      }
      const r = await checkStepAction(step, values);
      if (!r.ok) {
        setErrors(r.fieldErrors);
        setMessage(r.message ?? t("errors.fixStep"));
        return;
      }
      // Choosing a category preselects its latest scheme version.
      if (step === "category" && !categories.find((c) => c.category === values.category)?.schemes.some((s) => s.schemeId === values.schemeId)) {
        const first = categories.find((c) => c.category === values.category)?.schemes[0];
        if (first) setValues((v) => ({ ...v, schemeId: first.schemeId, schemeVersion: first.latest }));
      }
      go(STEPS[index + 1]);
    });
  }

  return (
    <div className="space-y-4" data-testid="apply-wizard">
      <nav aria-label={t("stepsLabel")}>
        <ol className="flex flex-wrap gap-2 text-sm">
          {STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                onClick={() => i <= reached && go(s)}
                disabled={i > reached || pending}
                aria-current={s === step ? "step" : undefined}
                className={`rounded-full px-3 py-1 ${s === step ? "bg-brand text-white" : i <= reached ? "bg-blue-50 text-brand" : "bg-slate-100 text-slate-500"}`}
              >
                {i + 1}. {t(`steps.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form onSubmit={next} noValidate data-testid={`apply-step-${step}`}>
        <Card title={t(`steps.${step}`)}>
          <div className="space-y-4">
            <p className="text-sm text-slate-600">{t(`help.${step}`)}</p>
            <StepFields step={step} values={values} set={set} errors={errors} categories={categories} />
            {message && (
              <div data-testid="apply-message">
                <Alert tone="error">{message}</Alert>
              </div>
            )}
            <div className="flex gap-2">
              {index > 0 && (
                <Button variant="secondary" onClick={() => go(STEPS[index - 1])} disabled={pending}>
                  {t("back")}
                </Button>
              )}
              <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
                {pending ? t("checking") : step === "review" ? t("create") : t("next")}
              </Button>
            </div>
          </div>
        </Card>
      </form>
    </div>
  );
}

function StepFields({
  step,
  values,
  set,
  errors,
  categories,
}: {
  step: Step;
  values: ApplyValues;
  set: <K extends keyof ApplyValues>(key: K, value: ApplyValues[K]) => void;
  errors: Record<string, string>;
  categories: CategoryOption[];
}) {
  const t = useTranslations("apply");
  const locale = useLocale();
  const category = categories.find((c) => c.category === values.category);
  switch (step) {
    case "category":
      return (
        <fieldset aria-describedby={errors.category ? "category-error" : undefined}>
          <legend className="sr-only">{t("steps.category")}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {categories.map((c) => (
              <label key={c.category} className={`flex cursor-pointer items-center gap-2 rounded border p-3 ${values.category === c.category ? "border-brand bg-blue-50" : "border-slate-200"}`}>
                <input type="radio" name="category" value={c.category} checked={values.category === c.category} onChange={() => set("category", c.category)} />
                <span>
                  <span className="font-medium">{c.title}</span> <code className="text-xs text-slate-500">{c.category}</code>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="category" error={errors.category} />
        </fieldset>
      );
    case "scheme":
      return (
        <fieldset aria-describedby={errors.scheme ? "scheme-error" : undefined} className="space-y-2">
          <legend className="sr-only">{t("steps.scheme")}</legend>
          {category?.schemes.flatMap((s) =>
            s.versions.map((v) => {
              const checked = values.schemeId === s.schemeId && values.schemeVersion === v.version;
              return (
                <div key={`${s.schemeId}-${v.version}`} className={`flex items-center gap-3 rounded border p-3 ${checked ? "border-brand bg-blue-50" : "border-slate-200"}`}>
                  <label className="flex flex-1 cursor-pointer items-center gap-2">
                    <input
                      type="radio"
                      name="scheme"
                      value={`${s.schemeId}@${v.version}`}
                      checked={checked}
                      onChange={() => {
                        set("schemeId", s.schemeId);
                        set("schemeVersion", v.version);
                      }}
                    />
                    <span>
                      <span className="font-medium">
                        {s.title} {v.version}
                      </span>{" "}
                      {v.version === s.latest && <span className="text-xs text-green-700">{t("latest")}</span>}
                      {v.publishedAt && <span className="block text-xs text-slate-500">{t("publishedAt", { date: v.publishedAt })}</span>}
                    </span>
                  </label>
                  <Link href={`/schemes/${encodeURIComponent(s.schemeId)}/${encodeURIComponent(v.version)}`} target="_blank" className="text-sm text-brand hover:underline">
                    {t("readScheme")}
                  </Link>
                </div>
              );
            }),
          )}
          <FieldError id="scheme" error={errors.scheme} />
        </fieldset>
      );
    case "product":
      return (
        <div className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-3">
            <Field id="name" label={t("fields.name")} error={errors.name}>
              <Input name="name" value={values.name} onChange={(e) => set("name", e.target.value)} invalid={!!errors.name} {...fieldA11y("name", errors.name)} />
            </Field>
            <Field id="model" label={t("fields.model")} error={errors.model}>
              <Input name="model" value={values.model} onChange={(e) => set("model", e.target.value)} invalid={!!errors.model} {...fieldA11y("model", errors.model)} />
            </Field>
            <Field id="softwareVersion" label={t("fields.softwareVersion")} error={errors.softwareVersion}>
              <Input name="softwareVersion" value={values.softwareVersion} onChange={(e) => set("softwareVersion", e.target.value)} invalid={!!errors.softwareVersion} {...fieldA11y("softwareVersion", errors.softwareVersion)} />
            </Field>
          </div>
          <Field id="onDeviceModel" label={t("fields.onDeviceModel")} hint={t("fields.onDeviceModelHint")} error={errors.onDeviceModel}>
            <Textarea name="onDeviceModel" rows={2} value={values.onDeviceModel} onChange={(e) => set("onDeviceModel", e.target.value)} invalid={!!errors.onDeviceModel} {...fieldA11y("onDeviceModel", errors.onDeviceModel, true)} />
          </Field>
          <Field id="cloudModel" label={t("fields.cloudModel")} hint={t("fields.cloudModelHint")} error={errors.cloudModel}>
            <Textarea name="cloudModel" rows={2} value={values.cloudModel} onChange={(e) => set("cloudModel", e.target.value)} invalid={!!errors.cloudModel} {...fieldA11y("cloudModel", errors.cloudModel, true)} />
          </Field>
        </div>
      );
    case "level":
      return (
        <fieldset aria-describedby={errors.claimedLevel ? "claimedLevel-error" : undefined} className="space-y-2">
          <legend className="sr-only">{t("steps.level")}</legend>
          {LEVELS.map((l) => (
            <label key={l} className={`flex cursor-pointer items-start gap-2 rounded border p-3 ${values.claimedLevel === l ? "border-brand bg-blue-50" : "border-slate-200"}`}>
              <input type="radio" name="claimedLevel" value={l} className="mt-1" checked={values.claimedLevel === l} onChange={() => set("claimedLevel", l)} />
              <span>
                <span className="font-medium">
                  {l} · {pick(LEVEL_NAMES[l], locale)}
                </span>
                <span className="block text-sm text-slate-600">{t(`levels.${l}`)}</span>
              </span>
            </label>
          ))}
          <FieldError id="claimedLevel" error={errors.claimedLevel} />
        </fieldset>
      );
    case "declarations":
      return (
        <fieldset className="space-y-3">
          <legend className="sr-only">{t("steps.declarations")}</legend>
          <Checkbox id="accurate" name="accurate" checked={values.accurate} onChange={(e) => set("accurate", e.target.checked)} label={t("fields.accurate")} error={errors.accurate} />
          <Checkbox id="samplesAvailable" name="samplesAvailable" checked={values.samplesAvailable} onChange={(e) => set("samplesAvailable", e.target.checked)} label={t("fields.samplesAvailable")} error={errors.samplesAvailable} />
          <Checkbox id="acceptsRules" name="acceptsRules" checked={values.acceptsRules} onChange={(e) => set("acceptsRules", e.target.checked)} label={t("fields.acceptsRules")} error={errors.acceptsRules} />
        </fieldset>
      );
    case "review": {
      const scheme = category?.schemes.find((s) => s.schemeId === values.schemeId);
      const rows: [string, string][] = [
        [t("steps.category"), category?.title ?? values.category],
        [t("steps.scheme"), `${scheme?.title ?? values.schemeId} ${values.schemeVersion}`],
        [t("fields.name"), values.name],
        [t("fields.model"), values.model],
        [t("fields.softwareVersion"), values.softwareVersion],
        [t("fields.onDeviceModel"), values.onDeviceModel || "—"],
        [t("fields.cloudModel"), values.cloudModel || "—"],
        [t("steps.level"), values.claimedLevel ? `${values.claimedLevel} · ${pick(LEVEL_NAMES[values.claimedLevel as keyof typeof LEVEL_NAMES], locale)}` : "—"],
        [t("steps.declarations"), values.accurate && values.samplesAvailable && values.acceptsRules ? t("allDeclared") : "—"],
      ];
      return (
        <div className="space-y-3">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="apply-review">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-500">{label}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-slate-600">{t("draftNote")}</p>
        </div>
      );
    }
  }
}
