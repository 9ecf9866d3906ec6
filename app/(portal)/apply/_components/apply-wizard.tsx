"use client";
// The steps of an application, on the field kit (docs/decisions/0009-forms-conform-zod.md). Each
// step is a form with its own schema (../_lib/schemas.ts): "Next" validates it in the browser, then
// asks the server to check the step's answers (the same schemas and rules that createCase applies),
// so errors appear as codes on the step that asked for them and the first invalid field gets the focus.
// The answers of the other steps travel along as hidden inputs.
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { LEVELS, LEVEL_NAMES } from "@/lib/grading/levels";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import type { FieldMetadata } from "@conform-to/react";
import { CheckboxField, ErrorNamespaceProvider, ErrorText, FormMessage, InputField, useZodForm } from "@/app/_components/ui/form";
import { MODEL_DEPLOYMENTS } from "@/lib/cases/models";
import { ModelRows, type ModelEdits } from "../../_components/model-rows";
import { pick } from "../../cases/_lib/text";
import { checkStepAction, createApplicationAction, type ApplyResult } from "../actions";
import { EMPTY_MODEL, EMPTY_VALUES, STEPS, fieldOfStep, formValues, valuesOf, type ApplyValues, type ModelRow, type Step } from "../_lib/steps";
import { STEP_FIELDS, STEP_SCHEMAS } from "../_lib/schemas";

export type CategoryOption = {
  category: string;
  title: string;
  schemes: { schemeId: string; title: string; latest: string; versions: { version: string; publishedAt: string | null }[] }[];
  /** The pilots that take this category now, the default (the one the server picks without a choice) first. */
  pilots: { id: string; name: string; window: string }[];
};

export function ApplyWizard({ categories }: { categories: CategoryOption[] }) {
  const t = useTranslations("apply");
  const [step, setStep] = useState<Step>("category");
  const [reached, setReached] = useState(0);
  const [values, setValues] = useState<ApplyValues>(EMPTY_VALUES);
  /** The server's refusal to show on the step it sent the person back to. */
  const [carried, setCarried] = useState<ApplyResult | null>(null);
  const [pending, start] = useTransition();
  const index = STEPS.indexOf(step);

  const go = (to: Step, result: ApplyResult | null = null) => {
    setCarried(result);
    setStep(to);
    setReached((r) => Math.max(r, STEPS.indexOf(to)));
  };

  function passed(next: ApplyValues) {
    // Choosing a category preselects its latest scheme version and its default pilot.
    const chosen = categories.find((c) => c.category === next.category);
    if (step === "category" && !chosen?.schemes.some((s) => s.schemeId === next.schemeId)) {
      const first = chosen?.schemes[0];
      next = first ? { ...next, schemeId: first.schemeId, schemeVersion: first.latest } : { ...next, schemeId: "", schemeVersion: "" };
    }
    if (step === "category" && !chosen?.pilots.some((p) => p.id === next.pilotId)) next = { ...next, pilotId: chosen?.pilots[0]?.id ?? "" };
    setValues(next);
    go(STEPS[index + 1]);
  }

  function refused(next: ApplyValues, r: ApplyResult) {
    setValues(next);
    if (r.step && r.step !== step) go(r.step, r);
  }

  return (
    <ErrorNamespaceProvider namespace="apply">
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
        <StepForm
          // Adding or removing a model row draws the step again from the answers so far (see ModelRows).
          key={step === "models" ? `${step}:${values.models.length}` : step}
          step={step}
          values={values}
          carried={carried}
          categories={categories}
          pending={pending}
          start={start}
          onBack={index > 0 ? (current) => (setValues(current), go(STEPS[index - 1])) : undefined}
          onEdit={setValues}
          onPassed={passed}
          onRefused={refused}
        />
      </div>
    </ErrorNamespaceProvider>
  );
}

function StepForm({
  step,
  values,
  carried,
  categories,
  pending,
  start,
  onBack,
  onEdit,
  onPassed,
  onRefused,
}: {
  step: Step;
  values: ApplyValues;
  carried: ApplyResult | null;
  categories: CategoryOption[];
  pending: boolean;
  start: (fn: () => Promise<void>) => void;
  onBack?: (current: ApplyValues) => void;
  onEdit: (next: ApplyValues) => void;
  onPassed: (next: ApplyValues) => void;
  onRefused: (next: ApplyValues, r: ApplyResult) => void;
}) {
  const t = useTranslations("apply");
  const [result, setResult] = useState<ApplyResult | null>(carried);
  const formRef = useRef<HTMLFormElement>(null);
  const defaults = formValues(values);
  // Conform takes the model rows as a list (it names their inputs models[0].name, …); the step
  // schemas differ in shape, so the one value for all of them is not typed by any one schema.
  const nested = { ...Object.fromEntries(Object.entries(defaults).filter(([name]) => !name.startsWith("models["))), models: values.models };
  const [form, fields, formProps] = useZodForm(STEP_SCHEMAS[step], { id: `apply-${step}`, lastResult: result, defaultValue: nested as never });

  // Sent back here by the server from a later step: the first field it refused gets the focus.
  useEffect(() => {
    const refused = Object.keys(carried?.error ?? {});
    const first = Array.from(formRef.current?.elements ?? []).find((el) => refused.includes((el as HTMLInputElement).name) && (el as HTMLInputElement).type !== "hidden");
    (first as HTMLElement | undefined)?.focus();
  }, [carried]);

  function submit(e: FormEvent<HTMLFormElement>) {
    form.onSubmit(e);
    if (e.defaultPrevented) return;
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const next = valuesOf(data);
    start(async () => {
      // On success the server redirects to the new case.
      const r = step === "review" ? await createApplicationAction(data) : await checkStepAction(step, data);
      if (r.ok) onPassed(next);
      else {
        setResult(r);
        onRefused(next, r);
      }
    });
  }

  /** The model rows changed: the answers typed so far, with the rows changed, become the step's values. */
  const editModels = (change: (rows: ModelRow[]) => ModelRow[]) => {
    const current = formRef.current ? valuesOf(new FormData(formRef.current)) : values;
    onEdit({ ...current, models: change(current.models) });
  };
  const modelEdits = { add: () => editModels((rows) => [...rows, { ...EMPTY_MODEL }]), remove: (i: number) => editModels((rows) => rows.filter((_, j) => j !== i)) };

  // The answers of the other steps, so the server sees them all.
  const hidden = Object.entries(defaults).filter(([name, v]) => !fieldOfStep(STEP_FIELDS[step], name) && v !== undefined && v !== "");
  return (
    <form {...formProps} ref={formRef} onSubmit={submit} data-testid={`apply-step-${step}`}>
      {hidden.map(([name, v]) => (
        <input key={name} type="hidden" name={name} value={v} />
      ))}
      <Card title={t(`steps.${step}`)}>
        <div className="space-y-4">
          <p className="text-sm text-slate-600">{t(`help.${step}`)}</p>
          <StepFields step={step} fields={fields} values={values} categories={categories} modelEdits={modelEdits} />
          {form.errors?.length ? (
            <div data-testid="apply-message">
              <FormMessage errors={form.errors} />
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {onBack && (
              <Button variant="secondary" onClick={() => onBack(formRef.current ? valuesOf(new FormData(formRef.current)) : values)} disabled={pending}>
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
  );
}

type Fields = ReturnType<typeof useZodForm>[1];

/** A group of radio buttons with its legend, the error under it, tied together. */
function RadioGroup({ field, legend, children, className = "" }: { field: Fields[string]; legend: string; children: React.ReactNode; className?: string }) {
  return (
    <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined} className={className}>
      <legend className="sr-only">{legend}</legend>
      {children}
      <ErrorText field={field} />
    </fieldset>
  );
}

const CARD = "flex cursor-pointer items-center gap-2 rounded border border-slate-200 p-3 has-[:checked]:border-brand has-[:checked]:bg-blue-50";

function StepFields({ step, fields, values, categories, modelEdits }: { step: Step; fields: Fields; values: ApplyValues; categories: CategoryOption[]; modelEdits: ModelEdits }) {
  const t = useTranslations("apply");
  const locale = useLocale();
  const category = categories.find((c) => c.category === values.category);
  switch (step) {
    case "category": {
      const f = fields.category;
      return (
        <RadioGroup field={f} legend={t("steps.category")}>
          <div className="grid gap-2 sm:grid-cols-2">
            {categories.map((c) => (
              <label key={c.category} className={`${CARD} ${c.schemes.length === 0 ? "opacity-60" : ""}`} data-testid={`category-option-${c.category}`}>
                <input type="radio" name={f.name} value={c.category} defaultChecked={f.initialValue === c.category} disabled={c.schemes.length === 0} />
                <span className="min-w-0">
                  <span className="font-medium">{c.title}</span> <code className="text-xs text-slate-500">{c.category}</code>
                  {c.schemes.length === 0 && <span className="block text-xs text-slate-600">{t("noSchemeInForce")}</span>}
                </span>
              </label>
            ))}
          </div>
        </RadioGroup>
      );
    }
    case "scheme": {
      const f = fields.scheme;
      return (
        <div className="space-y-4">
        <RadioGroup field={f} legend={t("steps.scheme")} className="space-y-2">
          {category?.schemes.flatMap((s) =>
            s.versions.map((v) => {
              const value = `${s.schemeId}@${v.version}`;
              return (
                <div key={value} className="flex flex-wrap items-center gap-3 rounded border border-slate-200 p-3 has-[:checked]:border-brand has-[:checked]:bg-blue-50">
                  <label className="flex min-w-0 flex-1 cursor-pointer items-center gap-2">
                    <input type="radio" name={f.name} value={value} defaultChecked={f.initialValue === value} />
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
        </RadioGroup>
        <PilotChoice field={fields.pilotId} pilots={category?.pilots ?? []} />
        </div>
      );
    }
    case "product":
      return (
        <div className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-3">
            <InputField field={fields.name} label={t("fields.name")} maxLength={200} required />
            <InputField field={fields.model} label={t("fields.model")} maxLength={200} required />
            <InputField field={fields.softwareVersion} label={t("fields.softwareVersion")} maxLength={100} required />
          </div>
        </div>
      );
    case "models":
      return <ModelRows edits={modelEdits} field={fields.models as unknown as FieldMetadata<ModelRow[]>} />;
    case "level": {
      const f = fields.claimedLevel;
      return (
        <RadioGroup field={f} legend={t("steps.level")} className="space-y-2">
          {LEVELS.map((l) => (
            <label key={l} className={`${CARD} items-start`}>
              <input type="radio" name={f.name} value={l} className="mt-1" defaultChecked={f.initialValue === l} />
              <span>
                <span className="font-medium">
                  {l} · {pick(LEVEL_NAMES[l], locale)}
                </span>
                <span className="block text-sm text-slate-600">{t(`levels.${l}`)}</span>
              </span>
            </label>
          ))}
        </RadioGroup>
      );
    }
    case "declarations":
      return (
        <fieldset className="space-y-3">
          <legend className="sr-only">{t("steps.declarations")}</legend>
          <CheckboxField field={fields.accurate} label={t("fields.accurate")} />
          <CheckboxField field={fields.samplesAvailable} label={t("fields.samplesAvailable")} />
          <CheckboxField field={fields.acceptsRules} label={t("fields.acceptsRules")} />
        </fieldset>
      );
    case "review": {
      const scheme = category?.schemes.find((s) => s.schemeId === values.schemeId);
      const rows: [string, string][] = [
        [t("steps.category"), category?.title ?? values.category],
        [t("steps.scheme"), `${scheme?.title ?? values.schemeId} ${values.schemeVersion}`],
        [t("pilot"), category?.pilots.find((p) => p.id === values.pilotId)?.name ?? "—"],
        [t("fields.name"), values.name],
        [t("fields.model"), values.model],
        [t("fields.softwareVersion"), values.softwareVersion],
        [t("steps.models"), values.models.map((m) => `${m.name} ${m.version} (${t(`models.deployments.${m.deployment as (typeof MODEL_DEPLOYMENTS)[number]}`)})`).join(" · ") || "—"],
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

/**
 * The pilot the application goes into (docs/domain.md#pilots): only the pilots that take the
 * category now, each with its application window, the default preselected. The server checks the
 * choice again (PILOT_* codes on this field).
 */
function PilotChoice({ field, pilots }: { field: Fields[string]; pilots: CategoryOption["pilots"] }) {
  const t = useTranslations("apply");
  return (
    <fieldset aria-describedby={field.errors?.length ? field.errorId : undefined} className="space-y-2" data-testid="apply-pilots">
      <legend className="text-sm font-medium">{t("pilot")}</legend>
      <p className="text-sm text-slate-600">{t("pilotHelp")}</p>
      {pilots.length === 0 && (
        <p className="text-sm text-amber-800" role="status" data-testid="apply-no-pilot">
          {t("noPilot")}
        </p>
      )}
      {pilots.map((p, i) => (
        <label key={p.id} className={CARD} data-testid="apply-pilot-option" data-pilot={p.id}>
          <input type="radio" name={field.name} value={p.id} defaultChecked={field.initialValue === p.id} />
          <span className="min-w-0">
            <span className="font-medium">{p.name}</span> {i === 0 && <span className="text-xs text-green-700">{t("pilotDefault")}</span>}
            <span className="block text-xs text-slate-600">{p.window}</span>
          </span>
        </label>
      ))}
      <ErrorText field={field} />
    </fieldset>
  );
}
