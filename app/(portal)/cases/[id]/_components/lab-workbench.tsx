"use client";
// The assigned lab enters its results, by uploading a CSV or JSON file or in a form generated
// from the case's scheme, and sees the determination live (previewLabReport runs here, in the
// browser, on the same scheme the server will grade against). Saving goes to the server.
import { useMemo, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { previewLabReport, type LabReportError, type LabReportPreview } from "@/lib/grading/lab-report";
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

export function LabWorkbench({ caseId, scheme, saved }: { caseId: string; scheme: Scheme; saved: Record<string, number> | null }) {
  const t = useTranslations("case");
  const [mode, setMode] = useState<"file" | "form">("file");
  const [upload, setUpload] = useState<Upload | null>(null);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(saved ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const [result, setResult] = useState<LabReportState | null>(null);
  const [pending, start] = useTransition();

  const form = useMemo(() => formValues(values), [values]);
  const preview: LabReportPreview | null = useMemo(() => {
    if (mode === "form") return previewLabReport(scheme, form.numbers);
    if (!upload || upload.format === "unreadable") return null;
    return previewLabReport(scheme, upload.format === "csv" ? upload.text : (upload.body as { results: [] }));
  }, [mode, scheme, form, upload]);

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
      input = { format: "json", body: { results: Object.entries(form.numbers).map(([item, value]) => ({ item, value, unit: units.get(item) })) } };
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
            <ResultsForm scheme={scheme} values={values} notNumbers={form.notNumbers} preview={preview} onChange={(k, v) => setValues((old) => ({ ...old, [k]: v }))} />
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
      {preview.errors.length > 0 && <RowErrors errors={preview.errors} />}
    </div>
  );
}

function RowErrors({ errors }: { errors: LabReportError[] }) {
  const t = useTranslations("case");
  return <LabReportErrors errors={errors} heading={t("lab.rowErrors", { count: errors.length })} />;
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
  notNumbers,
  preview,
  onChange,
}: {
  scheme: Scheme;
  values: Record<string, string>;
  notNumbers: string[];
  preview: LabReportPreview | null;
  onChange: (key: string, value: string) => void;
}) {
  const t = useTranslations("case");
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
                <div className="mt-1 flex items-center gap-2">
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
