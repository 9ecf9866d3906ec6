"use client";
// One form per event this reader may send to the change case now (getChange's `events`), on the
// field kit (docs/decisions/0009-forms-conform-zod.md): the secretariat classifies, the lab puts
// its re-test results and submits them, the ministry concludes, the vendor withdraws. Each form
// sends the version it was rendered with; a refusal comes back as codes (messages/*/errors.json).
import { useActionState, useState, useTransition, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { $ZodType } from "zod/v4/core";
import type { ChangeEventType } from "@/lib/domain";
import { Button, SubmitButton } from "@/app/_components/ui/button";
import { Alert } from "@/app/_components/ui/alert";
import { ErrorText, FormMessage, InputField, NativeSelectField, TextareaField, useZodForm } from "@/app/_components/ui/form";
import { ReauthPrompt } from "@/app/_components/reauth-prompt-loader";
import { changeEventAction, saveChangeReportAction, type ChangeReportState } from "../actions";
import { LabReportErrors } from "../../../_components/lab-report-errors";
import { classifyFormSchema, concludeFormSchema, earliestCorrectBy, submitReportFormSchema, withdrawChangeFormSchema } from "../../_lib/forms";

type Change = { id: string; version: number; state: string; items: string[]; retestLevel: string | null };
type Item = { key: string; label: string; unit: string };

export function ChangeActions({
  change,
  events,
  awarded,
  downgradeLevels,
  schemeItems,
  suggested,
  hasReport,
}: {
  change: Change;
  events: ChangeEventType[];
  awarded: string | null;
  downgradeLevels: { value: string; label: string }[];
  schemeItems: Item[];
  suggested: string[];
  hasReport: boolean;
}) {
  const t = useTranslations("changes");
  if (events.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="change-no-actions">
        {t("actions.none")}
      </p>
    );
  }
  // Keyed by version: when the change case moves on, every form starts afresh with it.
  const k = (type: string) => `${type}-${change.version}`;
  return (
    <div className="space-y-4">
      {events.includes("CLASSIFY") && <ClassifyForm key={k("CLASSIFY")} change={change} items={schemeItems} suggested={suggested} />}
      {events.includes("SUBMIT_REPORT") && (
        <>
          <ReportUpload key={k("upload")} change={change} items={schemeItems} />
          <SubmitReportForm key={k("SUBMIT_REPORT")} change={change} hasReport={hasReport} />
        </>
      )}
      {events.includes("CONCLUDE") && <ConcludeForm key={k("CONCLUDE")} change={change} awarded={awarded} levels={downgradeLevels} />}
      {events.includes("WITHDRAW") && <WithdrawForm key={k("WITHDRAW")} change={change} />}
    </div>
  );
}

/** The frame every event form shares: its heading, hidden head fields, message, reload and re-auth. */
function useEventForm<S extends $ZodType>(type: ChangeEventType, schema: S, defaultValue?: Record<string, unknown>) {
  const [state, action] = useActionState(changeEventAction, undefined);
  const [form, fields, formProps] = useZodForm(schema, { lastResult: state, id: `change-${type}`, action, defaultValue: defaultValue as never });
  return { state, form, fields, formProps };
}

function Shell({
  type,
  change,
  state,
  form,
  formProps,
  children,
  danger = false,
}: {
  type: ChangeEventType;
  change: Change;
  state: ReturnType<typeof useEventForm>["state"];
  form: ReturnType<typeof useEventForm>["form"];
  formProps: ReturnType<typeof useEventForm>["formProps"];
  children: ReactNode;
  danger?: boolean;
}) {
  const t = useTranslations("changes");
  const router = useRouter();
  return (
    <form {...formProps} aria-labelledby={`change-${type}-title`} data-testid={`change-form-${type}`} className="space-y-3 rounded border border-slate-200 p-3">
      <h3 id={`change-${type}-title`} className="font-medium">
        {t(`events.${type}`)}
      </h3>
      <p className="text-xs text-slate-600">{t(`help.${type}`)}</p>
      <input type="hidden" name="changeId" value={change.id} />
      <input type="hidden" name="expectedVersion" value={change.version} />
      <input type="hidden" name="type" value={type} />
      {children}
      <FormMessage errors={form.errors} result={state} testId={`change-message-${type}`} />
      {state?.stale && (
        <Button variant="secondary" onClick={() => router.refresh()} data-testid="reload-change">
          {t("actions.reload")}
        </Button>
      )}
      {state?.reauth && <ReauthPrompt key={state.at} testId={`reauth-${type}`} />}
      <SubmitButton variant={danger ? "danger" : "primary"} pendingLabel={t("sending")} data-testid={`change-submit-${type}`}>
        {t(`submit.${type}`)}
      </SubmitButton>
    </form>
  );
}

function ClassifyForm({ change, items, suggested }: { change: Change; items: Item[]; suggested: string[] }) {
  const t = useTranslations("changes");
  const f = useEventForm("CLASSIFY", classifyFormSchema);
  const [classification, setClassification] = useState("");
  const c = f.fields.classification;
  return (
    <Shell type="CLASSIFY" change={change} {...f}>
      <fieldset className="space-y-1" aria-describedby={c.errors?.length ? c.errorId : undefined}>
        <legend className="text-sm font-medium">{t("classify.classification")}</legend>
        {(["minor", "major"] as const).map((x) => (
          <label key={x} className="flex items-start gap-2 text-sm">
            <input type="radio" name={c.name} value={x} checked={classification === x} onChange={() => setClassification(x)} className="mt-1" data-testid={`classify-${x}`} />
            <span>
              <span className="font-medium">{t(`classifications.${x}`)}</span>
              <span className="block text-xs text-slate-600">{t(`classify.${x}Hint`)}</span>
            </span>
          </label>
        ))}
        <ErrorText field={c} />
      </fieldset>
      <fieldset className="space-y-1" disabled={classification !== "major"} aria-describedby="classify-items-hint">
        <legend className="text-sm font-medium">{t("classify.items")}</legend>
        <p id="classify-items-hint" className="text-xs text-slate-600">
          {suggested.length ? t("classify.itemsSuggested", { count: suggested.length }) : t("classify.itemsHint")}
        </p>
        <ItemChecks name={f.fields.items.name} items={items} checked={suggested} idPrefix="classify" />
        <ErrorText field={f.fields.items} />
      </fieldset>
      <TextareaField field={f.fields.reason} label={t("fields.reason")} data-testid="classify-reason" />
    </Shell>
  );
}

function ItemChecks({ name, items, checked, idPrefix }: { name: string; items: Item[]; checked: string[]; idPrefix: string }) {
  const on = new Set(checked);
  return (
    <ul className="grid gap-1 rounded border border-slate-200 p-2 sm:grid-cols-2" data-testid={`${idPrefix}-items`}>
      {items.map((i) => (
        <li key={i.key} className="flex items-start gap-2 text-sm">
          <input type="checkbox" id={`${idPrefix}-${i.key}`} name={name} value={i.key} defaultChecked={on.has(i.key)} className="mt-1 h-4 w-4" />
          <label htmlFor={`${idPrefix}-${i.key}`}>
            {i.label} <code className="text-xs text-slate-500">{i.key}</code>
          </label>
        </li>
      ))}
    </ul>
  );
}

const FILE_MAX_BYTES = 900 * 1024;

/** The lab's re-test results: JSON or CSV typed or pasted, or read from a file, over exactly the listed items. */
function ReportUpload({ change, items }: { change: Change; items: Item[] }) {
  const t = useTranslations("changes");
  const router = useRouter();
  const listed = items.filter((i) => change.items.includes(i.key));
  const template = ["item,value,unit", ...listed.map((i) => `${i.key},,${i.unit}`)].join("\n");
  const [text, setText] = useState("");
  const [result, setResult] = useState<ChangeReportState | null>(null);
  const [pending, start] = useTransition();
  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > FILE_MAX_BYTES) {
      setResult({ ok: false, message: t("report.tooLarge"), errors: [], at: Date.now() });
      return;
    }
    setText(await file.text());
  }
  return (
    <section aria-labelledby="retest-upload-title" className="space-y-2 rounded border border-slate-200 p-3" data-testid="retest-upload">
      <h3 id="retest-upload-title" className="font-medium">
        {t("report.uploadTitle")}
      </h3>
      <p className="text-xs text-slate-600">{t("report.uploadIntro", { count: listed.length })}</p>
      <label htmlFor="retest-text" className="block text-sm font-medium">
        {t("report.text")}
      </label>
      <textarea
        id="retest-text"
        rows={Math.min(12, listed.length + 2)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={template}
        className="block w-full rounded border border-slate-300 px-3 py-2 font-mono text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"
        data-testid="retest-text"
        spellCheck={false}
      />
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm">
          <span className="sr-only">{t("report.file")}</span>
          <input type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => readFile(e.target.files?.[0])} data-testid="retest-file" className="text-sm" />
        </label>
        <Button variant="secondary" onClick={() => setText(template)} data-testid="retest-template">
          {t("report.template")}
        </Button>
        <Button
          disabled={pending || text.trim() === ""}
          aria-busy={pending || undefined}
          data-testid="retest-save"
          onClick={() =>
            start(async () => {
              const r = await saveChangeReportAction(change.id, text);
              setResult(r);
              if (r.ok) router.refresh();
            })
          }
        >
          {pending ? t("sending") : t("report.save")}
        </Button>
      </div>
      {result && (
        <div data-testid="retest-save-message">
          <Alert tone={result.ok ? "success" : "error"}>
            {result.message}
            {!result.ok && result.errors.length > 0 && (
              <LabReportErrors errors={result.errors} context="retest" testId="retest-row-errors" />
            )}
          </Alert>
        </div>
      )}
    </section>
  );
}

function SubmitReportForm({ change, hasReport }: { change: Change; hasReport: boolean }) {
  const t = useTranslations("changes");
  const f = useEventForm("SUBMIT_REPORT", submitReportFormSchema);
  return (
    <Shell type="SUBMIT_REPORT" change={change} {...f}>
      <p className={`text-sm ${hasReport ? "text-slate-700" : "text-amber-900"}`} data-testid="retest-status">
        {hasReport ? t("report.ready") : t("report.notYet")}
      </p>
    </Shell>
  );
}

function ConcludeForm({ change, awarded, levels }: { change: Change; awarded: string | null; levels: { value: string; label: string }[] }) {
  const t = useTranslations("changes");
  const f = useEventForm("CONCLUDE", concludeFormSchema);
  const [outcome, setOutcome] = useState("");
  const o = f.fields.outcome;
  return (
    <Shell type="CONCLUDE" change={change} {...f} danger={outcome === "downgraded" || outcome === "suspended"}>
      <p className="text-sm text-slate-700" data-testid="conclude-retest">
        {t("conclude.retest", { level: change.retestLevel ?? "—", awarded: awarded ?? "—" })}
      </p>
      <fieldset className="space-y-1" aria-describedby={o.errors?.length ? o.errorId : undefined}>
        <legend className="text-sm font-medium">{t("conclude.outcome")}</legend>
        {(["amended", "downgraded", "suspended"] as const).map((x) => (
          <label key={x} className="flex items-start gap-2 text-sm">
            <input type="radio" name={o.name} value={x} checked={outcome === x} onChange={() => setOutcome(x)} className="mt-1" data-testid={`conclude-${x}`} />
            <span>
              <span className="font-medium">{t(`outcomes.${x}`)}</span>
              <span className="block text-xs text-slate-600">{t(`conclude.${x}Hint`)}</span>
            </span>
          </label>
        ))}
        <ErrorText field={o} />
      </fieldset>
      {outcome === "downgraded" && (
        <NativeSelectField
          field={f.fields.level}
          label={t("conclude.level")}
          placeholder={t("conclude.chooseLevel")}
          options={levels}
          className="max-w-sm"
          data-testid="conclude-level"
        />
      )}
      {outcome === "suspended" && (
        <InputField
          field={f.fields.correctBy}
          type="date"
          min={earliestCorrectBy()}
          label={t("conclude.correctBy")}
          hint={t("conclude.correctByHint")}
          className="max-w-xs"
          data-testid="conclude-correct-by"
        />
      )}
      <TextareaField field={f.fields.reason} label={t("fields.reason")} data-testid="conclude-reason" />
    </Shell>
  );
}

function WithdrawForm({ change }: { change: Change }) {
  const t = useTranslations("changes");
  const f = useEventForm("WITHDRAW", withdrawChangeFormSchema);
  return (
    <Shell type="WITHDRAW" change={change} {...f} danger>
      <TextareaField field={f.fields.reason} label={t("fields.optional", { label: t("fields.reason") })} data-testid="withdraw-reason" />
    </Shell>
  );
}
