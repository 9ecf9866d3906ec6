"use client";
// The assigned lab enters its results, by uploading a CSV or JSON file or in a form generated
// from the case's scheme, and sees the determination live (previewLabReport runs here, in the
// browser, on the same scheme the server will grade against). Saving goes to the server.
import { useMemo, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { previewLabReport, type LabReportError, type LabReportInput, type LabReportPreview } from "@/lib/grading/lab-report";
import { explainVerdict, type ExplainLocale } from "@/lib/grading/engine";
import type { Scheme, SchemeItem } from "@/lib/grading/scheme";
import { Button } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/app/_components/ui/tabs";
import { saveLabReportAction } from "../actions";
import type { LabReportState } from "../_lib/form-state";
import { Determination } from "./determination";
import { pick } from "../../_lib/text";
import { LabReportErrors } from "../../../_components/lab-report-errors";

type Upload =
  | { name: string; format: "csv"; text: string }
  | { name: string; format: "json"; body: unknown }
  | { name: string; format: "unreadable"; tooLarge?: boolean };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Server action bodies are limited to 1 MB (next.config.js); the file travels as text inside one,
// with room left for the encoding around it.
const LAB_FILE_MAX_BYTES = 900 * 1024;

/** The form's text boxes as numbers; a box that is not a number is reported, not guessed. */
function formValues(values: Record<string, string>) {
  const numbers: Record<string, number> = {};
  const notNumbers: string[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const v = raw.trim();
    if (v === "") continue;
    if (NUMBER.test(v)) numbers[key] = Number(v);
    else notNumbers.push(key);
  }
  return { numbers, notNumbers };
}

/** U and n boxes of the form, by item: an empty box is "not reported"; a box that is not a number is reported. */
function extraValues(uValues: Record<string, string>, nValues: Record<string, string>) {
  const extras: Record<string, { uncertainty?: number | string; n?: number | string }> = {};
  for (const [field, source] of [["uncertainty", uValues], ["n", nValues]] as const) {
    for (const [key, raw] of Object.entries(source)) {
      const v = raw.trim();
      if (v === "") continue;
      // A number is sent as one; anything else as typed, so the preview and the server name it.
      extras[key] = { ...extras[key], [field]: NUMBER.test(v) ? Number(v) : v };
    }
  }
  return extras;
}

export function LabWorkbench({
  caseId,
  scheme,
  saved,
  savedExtras = null,
}: {
  caseId: string;
  scheme: Scheme;
  saved: Record<string, number> | null;
  savedExtras?: Record<string, { uncertainty: number | null; n: number | null }> | null;
}) {
  const t = useTranslations("case");
  const [mode, setMode] = useState<"file" | "form">("file");
  const [upload, setUpload] = useState<Upload | null>(null);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(saved ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const [uValues, setUValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(savedExtras ?? {}).flatMap(([k, v]) => (v.uncertainty === null ? [] : [[k, String(v.uncertainty)]]))),
  );
  const [nValues, setNValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(savedExtras ?? {}).flatMap(([k, v]) => (v.n === null ? [] : [[k, String(v.n)]]))),
  );
  const [result, setResult] = useState<LabReportState | null>(null);
  const [pending, start] = useTransition();

  const form = useMemo(() => formValues(values), [values]);
  const extras = useMemo(() => extraValues(uValues, nValues), [uValues, nValues]);
  const preview: LabReportPreview | null = useMemo(() => {
    if (mode === "form") {
      return previewLabReport(scheme, {
        results: Object.entries(form.numbers).map(([item, value]) => ({ item, value, unit: unitOf(scheme, item) ?? "", ...extras[item] })),
      } satisfies LabReportInput);
    }
    if (!upload || upload.format === "unreadable") return null;
    return previewLabReport(scheme, upload.format === "csv" ? upload.text : (upload.body as { results: [] }));
  }, [mode, scheme, form, extras, upload]);

  async function readFile(file: File) {
    setResult(null);
    // The server takes at most 1 MB through this form: say so before reading a larger file.
    if (file.size > LAB_FILE_MAX_BYTES) return setUpload({ name: file.name, format: "unreadable", tooLarge: true });
    const text = await file.text();
    const looksJson = file.name.toLowerCase().endsWith(".json") || /^\s*[[{]/.test(text);
    if (!looksJson) return setUpload({ name: file.name, format: "csv", text });
    try {
      setUpload({ name: file.name, format: "json", body: JSON.parse(text) });
    } catch {
      // The parser's English reason stays out of the page: the message says what the file must be.
      setUpload({ name: file.name, format: "unreadable" });
    }
  }

  function save() {
    let input: { format: "csv"; text: string } | { format: "json"; body: unknown };
    if (mode === "form") {
      const units = new Map(scheme.elements.flatMap((e) => e.items.map((i) => [i.key, i.unit] as const)));
      input = {
        format: "json",
        body: { results: Object.entries(form.numbers).map(([item, value]) => ({ item, value, unit: units.get(item), ...extras[item] })) },
      };
    } else if (upload && upload.format !== "unreadable") {
      input = upload.format === "csv" ? { format: "csv", text: upload.text } : { format: "json", body: upload.body };
    } else return;
    start(async () => setResult(await saveLabReportAction(caseId, input)));
  }

  const canSave = mode === "form" ? Object.keys(form.numbers).length > 0 : !!upload && upload.format !== "unreadable";
  return (
    <Tabs
      value={mode}
      onValueChange={(m) => {
        setMode(m as "file" | "form");
        setResult(null);
      }}
      className="space-y-4"
      data-testid="lab-workbench"
    >
      <TabsList aria-label={t("lab.entryMode")}>
        {(["file", "form"] as const).map((m) => (
          <TabsTrigger key={m} value={m}>
            {t(m === "file" ? "lab.modeFile" : "lab.modeForm")}
          </TabsTrigger>
        ))}
      </TabsList>

      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <TabsContent value="file">
            <div className="space-y-2">
              <label htmlFor="lab-results-file" className="block text-sm font-medium">
                {t("lab.file")}
              </label>
              <input
                id="lab-results-file"
                type="file"
                accept=".csv,.json,text/csv,application/json"
                aria-describedby="lab-results-file-hint"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void readFile(f);
                }}
                className="block text-sm"
                data-testid="lab-results-file"
              />
              <p id="lab-results-file-hint" className="text-xs text-slate-500">
                {t("lab.fileHint")}
              </p>
              {upload?.format === "unreadable" && (
                <Alert tone="error">{upload.tooLarge ? t("lab.tooLarge", { limit: "900 KB" }) : t("lab.unreadable")}</Alert>
              )}
              {upload && upload.format !== "unreadable" && (
                <p className="text-sm text-slate-700" data-testid="lab-file-name">
                  {t("lab.fileRead", { name: upload.name, format: upload.format.toUpperCase() })}
                </p>
              )}
            </div>
          </TabsContent>
          <TabsContent value="form">
            <ResultsForm
              scheme={scheme}
              values={values}
              uValues={uValues}
              nValues={nValues}
              notNumbers={form.notNumbers}
              preview={preview}
              onChange={(k, v) => setValues((old) => ({ ...old, [k]: v }))}
              onExtra={(field, k, v) => (field === "uncertainty" ? setUValues : setNValues)((old) => ({ ...old, [k]: v }))}
            />
          </TabsContent>
        </div>
        <div className="space-y-3 self-start rounded border border-slate-200 bg-slate-50 p-3 lg:sticky lg:top-4" aria-live="polite">
          <h4 className="text-sm font-semibold">{t("lab.preview")}</h4>
          {preview ? <Preview scheme={scheme} preview={preview} /> : <p className="text-sm text-slate-600">{t("lab.previewEmpty")}</p>}
        </div>
      </div>

      <div className="flex items-center gap-3">
        <Button onClick={save} disabled={!canSave || pending} data-testid="save-lab-report">
          {pending ? t("actions.sending") : t("lab.save")}
        </Button>
        <span className="text-xs text-slate-500">{t("lab.saveHint")}</span>
      </div>
      {result && (
        <div data-testid="lab-save-result">
          <Alert tone={result.ok ? "success" : "error"}>
            <p>{result.message}</p>
            {!result.ok && result.errors.length > 0 && <RowErrors errors={result.errors} />}
          </Alert>
        </div>
      )}
    </Tabs>
  );
}

function Preview({ scheme, preview }: { scheme: Scheme; preview: LabReportPreview }) {
  const t = useTranslations("case");
  const total = preview.items.length;
  return (
    <div className="space-y-2" data-testid="lab-preview">
      {preview.complete ? (
        <Badge tone="success" testId="preview-complete">{t("lab.previewComplete")}</Badge>
      ) : (
        <p className="text-sm text-amber-900" data-testid="preview-missing">
          {t("lab.previewMissing", { measured: total - preview.missing.length, total })}
        </p>
      )}
      <Determination scheme={scheme} level={preview.level} profile={preview.profile} blockers={preview.blockers} testId="preview-determination" pending={!preview.complete} />
      {preview.complete && preview.verdicts.length > 0 && <Verdicts scheme={scheme} verdicts={preview.verdicts} />}
      {preview.errors.length > 0 && <RowErrors errors={preview.errors} />}
    </div>
  );
}

function RowErrors({ errors }: { errors: LabReportError[] }) {
  const t = useTranslations("case");
  return <LabReportErrors errors={errors} heading={t("lab.rowErrors", { count: errors.length })} />;
}

function unitOf(scheme: Scheme, key: string) {
  return scheme.elements.flatMap((e) => e.items).find((i) => i.key === key)?.unit;
}

/** Each item's verdict as the engine explains it ("meets L3: 92.1 − U 1.4 ≥ 90"), in the reader's language. */
function Verdicts({ scheme, verdicts }: { scheme: Scheme; verdicts: LabReportPreview["verdicts"] }) {
  const t = useTranslations("labEvidence");
  const locale = useLocale();
  const titles = new Map(scheme.elements.flatMap((e) => e.items.map((i) => [i.key, i.title] as const)));
  const lang: ExplainLocale = locale.startsWith("zh") ? "zh" : "en";
  return (
    <details className="text-sm" data-testid="preview-verdicts" open>
      <summary className="cursor-pointer font-medium">{t("verdicts.title")}</summary>
      <ul className="mt-1 max-h-72 space-y-1 overflow-auto">
        {verdicts.map((v) => (
          <li key={v.item} data-testid={`verdict-${v.item}`}>
            <span className="font-medium">{titles.get(v.item) ? pick(titles.get(v.item)!, locale) : v.item}</span>{" "}
            <span className="text-slate-700">{explainVerdict(v, lang)}</span>
            {v.n !== null && <span className="ml-1 text-xs text-slate-500">n = {v.n}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function thresholdText(item: SchemeItem) {
  const op = item.better === "higher" ? "≥" : "≤";
  return Object.entries(item.thresholds)
    .filter(([, v]) => v !== undefined)
    .map(([level, v]) => `${level} ${op} ${v}`)
    .join(" · ");
}

function ResultsForm({
  scheme,
  values,
  uValues,
  nValues,
  notNumbers,
  preview,
  onChange,
  onExtra,
}: {
  scheme: Scheme;
  values: Record<string, string>;
  uValues: Record<string, string>;
  nValues: Record<string, string>;
  notNumbers: string[];
  preview: LabReportPreview | null;
  onChange: (key: string, value: string) => void;
  onExtra: (field: "uncertainty" | "n", key: string, value: string) => void;
}) {
  const t = useTranslations("case");
  const te = useTranslations("labEvidence");
  const locale = useLocale();
  const checks = new Map(preview?.items.map((i) => [i.item, i]) ?? []);
  return (
    <div className="space-y-4" data-testid="lab-results-form">
      {scheme.elements.map((e) => (
        <fieldset key={e.key} className="space-y-2 rounded border border-slate-200 p-2">
          <legend className="px-1 text-sm font-semibold">{pick(e.title, locale)}</legend>
          {e.items.map((i) => {
            const id = `result-${i.key}`;
            const bad = notNumbers.includes(i.key);
            const meets = checks.get(i.key)?.meets;
            return (
              <div key={i.key}>
                <label htmlFor={id} className="block text-sm">
                  {pick(i.title, locale)} <code className="text-xs text-slate-500">{i.key}</code>
                </label>
                <div className="mt-1 flex flex-wrap items-center gap-2">
                  <input
                    id={id}
                    name={i.key}
                    inputMode="decimal"
                    value={values[i.key] ?? ""}
                    onChange={(ev) => onChange(i.key, ev.target.value)}
                    aria-invalid={bad || undefined}
                    aria-describedby={`${id}-hint`}
                    className={`w-32 rounded border px-2 py-1 text-sm ${bad ? "border-red-600" : "border-slate-300"}`}
                  />
                  <span className="text-sm text-slate-600">{i.unit}</span>
                  <label htmlFor={`${id}-u`} className="text-xs text-slate-600">
                    {te("form.uncertainty")}
                    {i.uncertaintyRequired && <span className="text-red-700"> *</span>}
                  </label>
                  <input
                    id={`${id}-u`}
                    inputMode="decimal"
                    value={uValues[i.key] ?? ""}
                    onChange={(ev) => onExtra("uncertainty", i.key, ev.target.value)}
                    aria-required={i.uncertaintyRequired || undefined}
                    className="w-20 rounded border border-slate-300 px-2 py-1 text-sm"
                    data-testid={`${id}-u`}
                  />
                  <label htmlFor={`${id}-n`} className="text-xs text-slate-600">
                    n{i.minSamples !== undefined && <span className="text-red-700"> ≥ {i.minSamples}</span>}
                  </label>
                  <input
                    id={`${id}-n`}
                    inputMode="numeric"
                    value={nValues[i.key] ?? ""}
                    onChange={(ev) => onExtra("n", i.key, ev.target.value)}
                    aria-required={i.minSamples !== undefined || undefined}
                    className="w-20 rounded border border-slate-300 px-2 py-1 text-sm"
                    data-testid={`${id}-n`}
                  />
                  {checks.get(i.key)?.measured !== null && checks.get(i.key) && (
                    <Badge tone={meets ? "success" : "danger"}>{meets ? t("lab.meets", { level: meets }) : t("lab.meetsNone")}</Badge>
                  )}
                </div>
                <p id={`${id}-hint`} className="text-xs text-slate-500">
                  {bad ? <span className="text-red-700">{t("lab.notANumber")}</span> : thresholdText(i)}
                </p>
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
