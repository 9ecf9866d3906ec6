"use client";
// One form per event this viewer may send now (view.allowedEvents). Each submits the case version
// it was rendered with. The form validates in the browser with its event's zod schema (the same one
// the server action parses with, _lib/event-forms.ts), shows field errors from their codes, and
// focuses the first invalid field; an irreversible event asks for confirmation in a dialog first.
import { useActionState, useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { levelRank, levelsUpTo, isLevel, LEVELS, type Level } from "@/lib/domain";
import type { EventType, Recommendation } from "@/lib/domain";
import type { EligibleExpert } from "@/lib/cases/eligible";
import { SubmitButton, Button } from "@/app/_components/ui/button";
import { useZodForm, useErrorText, TextareaField, InputField, ErrorText, controlA11y } from "@/app/_components/ui/form";
import { SelectField } from "@/app/_components/ui/select";
import { ConfirmDialog } from "@/app/_components/ui/dialog";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { ReauthPrompt } from "@/app/_components/reauth-prompt-loader";
import { sendEventAction } from "../actions";
import { eventFormSchema, earliestCorrectBy, latestCorrectBy } from "../_lib/event-forms";
import { levelLabel } from "../../_lib/text";
import { EvidenceUpload, formatBytes } from "./evidence";

export type CorrectiveEvidence = { id: string; name: string; size: number; createdAt: string };

export type ActionContext = {
  caseId: string;
  version: number;
  allowedEvents: EventType[];
  labLevel: string | null;
  /** The certified level (DOWNGRADE offers the levels below it). */
  awardedLevel: string | null;
  recommendation: Recommendation | null;
  panelSize: number;
  /** What SUBMIT would still refuse: keys of lib/cases/facts applicationProblems. */
  applicationProblems: string[];
  /** Already formatted for the reader. */
  appealDeadline: string | null;
  labs: { id: string; name: string; accreditedUntil: string }[];
  experts: EligibleExpert[];
  report: { level: string | null; complete: boolean; updatedAt: string } | null;
  /** The vendor's corrective evidence since the suspension (REINSTATE cites it); createdAt formatted. */
  corrective: CorrectiveEvidence[];
  /** The vendor of a suspended case may upload corrective evidence. */
  mayUploadCorrective: boolean;
};

/** Events that end or cut something and cannot be taken back: confirmed in a dialog before sending. */
const CONFIRM = new Set<EventType>(["WITHDRAW", "REJECT_APPLICATION", "DENY", "SUSPEND", "DOWNGRADE", "REVOKE"]);
const DANGER = new Set<EventType>([...CONFIRM, "DISMISS_APPEAL"]);

export function CaseActions({ context }: { context: ActionContext }) {
  const t = useTranslations("case");
  return (
    <div className="space-y-4">
      {context.allowedEvents.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-actions">
          {t("actions.none")}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("actions.intro")}</p>
          {context.allowedEvents.map((type) => (
            // Keyed by version too: when the case changes, every form starts afresh with it.
            <EventForm key={`${type}-${context.version}`} type={type} context={context} />
          ))}
        </>
      )}
      {context.mayUploadCorrective && <CorrectiveUpload context={context} />}
    </div>
  );
}

type Fields = ReturnType<typeof useZodForm>[1];

function EventForm({ type, context }: { type: EventType; context: ActionContext }) {
  const t = useTranslations("case");
  const say = useErrorText();
  const router = useRouter();
  const [state, action] = useActionState(sendEventAction, undefined);
  const schema = useMemo(() => eventFormSchema(type), [type]);
  const [form, fields, formProps] = useZodForm(schema, { lastResult: state, id: `event-${type}`, action });
  const headingId = `event-${type}-title`;
  // Errors of fields the form has no control for (e.g. `evidenceIds.1`) are listed under the message.
  const placed = new Set(PLACED[type] ?? []);
  const unplaced = Object.entries(form.allErrors).filter(([k]) => k !== "" && !placed.has(k.split(/[.[]/)[0]));
  return (
    <form
      {...formProps}
      aria-labelledby={headingId}
      data-testid={`event-form-${type}`}
      className="space-y-3 rounded border border-slate-200 p-3"
    >
      <h3 id={headingId} className="font-medium">
        {t(`events.${type}`)}
      </h3>
      <p className="text-xs text-slate-600">{t(`help.${type}`)}</p>
      <input type="hidden" name="caseId" value={context.caseId} />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="expectedVersion" value={context.version} />
      <EventFields type={type} context={context} fields={fields} allErrors={form.allErrors} />
      {state?.message && (
        <div data-testid={`event-message-${type}`}>
          <Alert tone={state.ok ? "success" : "error"}>
            {state.message}
            {state.stale && (
              <Button variant="secondary" className="ml-3" onClick={() => router.refresh()} data-testid="reload-case">
                {t("actions.reload")}
              </Button>
            )}
            {!state.ok && unplaced.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {unplaced.map(([k, v]) => (
                  <li key={k}>{say(v[0])}</li>
                ))}
              </ul>
            )}
          </Alert>
          {state.reauth && <ReauthPrompt key={state.at} testId={`reauth-${type}`} />}
        </div>
      )}
      {CONFIRM.has(type) ? (
        <ConfirmDialog
          formId={form.id}
          trigger={t(`submit.${type}`)}
          title={t("confirmDialog.title", { event: t(`events.${type}`) })}
          description={t(`confirmDialog.${type}`)}
          confirmLabel={t(`submit.${type}`)}
          testId={`confirm-${type}`}
        />
      ) : (
        <SubmitButton variant={DANGER.has(type) ? "danger" : "primary"} pendingLabel={t("actions.sending")}>
          {t(`submit.${type}`)}
        </SubmitButton>
      )}
    </form>
  );
}

/** Field names each form shows next to a control. */
const PLACED: Partial<Record<EventType, string[]>> = {
  WITHDRAW: ["reason"],
  RETURN: ["reasons"],
  REJECT_APPLICATION: ["reason"],
  ACCEPT: ["labId"],
  ASSIGN_PANEL: ["expertIds"],
  RECUSE: ["reason"],
  VOTE: ["verdict", "level", "rationale"],
  AWARD: ["level", "justification"],
  DENY: ["reason"],
  REMAND: ["reason"],
  SUSPEND: ["reason", "correctBy"],
  REINSTATE: ["reason", "evidenceIds"],
  DOWNGRADE: ["level", "reason"],
  REVOKE: ["reason"],
  APPEAL: ["grounds"],
  UPHOLD_APPEAL: ["reason"],
  DISMISS_APPEAL: ["reason"],
};

function EventFields({
  type,
  context,
  fields,
  allErrors,
}: {
  type: EventType;
  context: ActionContext;
  fields: Fields;
  allErrors: Record<string, string[]>;
}) {
  const t = useTranslations("case");
  const locale = useLocale();
  const errorId = (name: string) => `error-${type}-${name}`;
  const reason = (required: boolean, label = t("fields.reason")) => (
    <TextareaField
      field={fields.reason}
      label={required ? label : t("fields.optional", { label })}
      errorTestId={errorId("reason")}
    />
  );

  switch (type) {
    case "SUBMIT":
      return <SubmitChecklist problems={context.applicationProblems} />;
    case "WITHDRAW":
      return reason(false);
    case "RETURN":
      return <TextareaField field={fields.reasons} rows={4} label={t("fields.reasons")} hint={t("fields.reasonsHint")} errorTestId={errorId("reasons")} />;
    case "ACCEPT":
      return <LabChoice context={context} fields={fields} />;
    case "SUBMIT_REPORT":
      return <ReportStatus report={context.report} />;
    case "ASSIGN_PANEL":
      return <PanelPicker context={context} fields={fields} allErrors={allErrors} />;
    case "VOTE":
      return <VoteFields context={context} fields={fields} />;
    case "AWARD":
      return <AwardFields context={context} fields={fields} />;
    case "APPEAL":
      return (
        <>
          {context.appealDeadline && (
            <p className="text-sm text-slate-700" data-testid="appeal-deadline">
              {t("fields.appealDeadline", { date: context.appealDeadline })}
            </p>
          )}
          <TextareaField field={fields.grounds} rows={4} label={t("fields.appealReason")} errorTestId={errorId("grounds")} />
        </>
      );
    case "SUSPEND":
      return (
        <>
          {reason(true)}
          <InputField
            field={fields.correctBy}
            type="date"
            min={earliestCorrectBy()}
            max={latestCorrectBy()}
            label={t("fields.correctBy")}
            hint={t("fields.correctByHint", { date: latestCorrectBy() })}
            errorTestId={errorId("correctBy")}
            className="max-w-xs"
          />
        </>
      );
    case "REINSTATE":
      return (
        <>
          <CorrectiveChoice context={context} fields={fields} />
          {reason(true)}
        </>
      );
    case "DOWNGRADE": {
      const below = LEVELS.filter((l) => isLevel(context.awardedLevel) && levelRank(l) < levelRank(context.awardedLevel));
      return (
        <>
          <SelectField
            field={fields.level}
            label={t("fields.downgradeLevel")}
            hint={t("fields.downgradeLevelHint", { level: levelLabel(context.awardedLevel, locale) })}
            placeholder={t("fields.chooseLevel")}
            options={below.map((l) => ({ value: l, label: levelLabel(l, locale) }))}
            testId="DOWNGRADE-level"
            errorTestId={errorId("level")}
          />
          {reason(true)}
        </>
      );
    }
    case "REVOKE":
    case "UPHOLD_APPEAL":
    case "REJECT_APPLICATION":
    case "RECUSE":
    case "DENY":
    case "REMAND":
    case "DISMISS_APPEAL":
      return reason(true);
    default:
      return null;
  }
}

const PROBLEM_KEYS: Record<string, string> = {
  "product name": "productName",
  "product model": "productModel",
  "software version": "softwareVersion",
  declarations: "declarations",
};

function SubmitChecklist({ problems }: { problems: string[] }) {
  const t = useTranslations("case");
  if (problems.length === 0) {
    return (
      <p className="text-sm text-green-800" data-testid="application-complete">
        {t("submitCheck.complete")}
      </p>
    );
  }
  return (
    <div className="text-sm text-amber-900" data-testid="application-incomplete">
      <p>{t("submitCheck.incomplete")}</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{PROBLEM_KEYS[p] ? t(`submitCheck.${PROBLEM_KEYS[p]}`) : p}</li>
        ))}
      </ul>
    </div>
  );
}

function LabChoice({ context, fields }: { context: ActionContext; fields: Fields }) {
  const t = useTranslations("case");
  if (context.labs.length === 0) {
    return <Alert tone="warning">{t("fields.noLabs")}</Alert>;
  }
  return (
    <SelectField
      field={fields.labId}
      label={t("fields.lab")}
      hint={t("fields.labHint")}
      placeholder={t("fields.chooseLab")}
      options={context.labs.map((l) => ({ value: l.id, label: t("fields.labOption", { name: l.name, until: l.accreditedUntil }) }))}
      testId="ACCEPT-labId"
      errorTestId="error-ACCEPT-labId"
    />
  );
}

function ReportStatus({ report }: { report: ActionContext["report"] }) {
  const t = useTranslations("case");
  const locale = useLocale();
  if (!report) {
    return (
      <p className="text-sm text-amber-900" data-testid="report-status">
        {t("lab.noReportYet")}
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-700" data-testid="report-status">
      {t("lab.reportSaved", { level: levelLabel(report.level, locale), date: report.updatedAt })}
    </p>
  );
}

function PanelPicker({ context, fields, allErrors }: { context: ActionContext; fields: Fields; allErrors: Record<string, string[]> }) {
  const t = useTranslations("case");
  const say = useErrorText();
  const field = fields.expertIds;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const submitted = Array.isArray(field.value) ? (field.value as string[]) : [];
  // An error on one chosen expert comes as `expertIds[i]` (i in the submitted list).
  const rowError = (expertId: string) => {
    const i = submitted.indexOf(expertId);
    return i >= 0 ? allErrors[`${field.name}[${i}]`]?.[0] : undefined;
  };
  return (
    <fieldset aria-describedby={`ASSIGN_PANEL-count${field.errors?.length ? ` ${field.errorId}` : ""}`} className="space-y-2">
      <legend className="text-sm font-medium">{t("fields.experts")}</legend>
      <p id="ASSIGN_PANEL-count" className="text-xs text-slate-600" data-testid="panel-count">
        {t("fields.panelCount", { chosen: chosen.size, needed: context.panelSize })}
      </p>
      <ul className="divide-y divide-slate-100 rounded border border-slate-200">
        {context.experts.map((e) => {
          const fid = `expert-${e.id}`;
          const error = rowError(e.id);
          return (
            <li key={e.id} className={`px-2 py-2 ${e.selectable ? "" : "bg-slate-50"}`} data-testid="expert-option" data-expert-name={e.name} data-conflicted={e.conflict ?? undefined}>
              <div className="flex items-start gap-2">
                <input
                  type="checkbox"
                  id={fid}
                  name={field.name}
                  value={e.id}
                  disabled={!e.selectable}
                  checked={chosen.has(e.id)}
                  onChange={(ev) => {
                    const next = new Set(chosen);
                    if (ev.target.checked) next.add(e.id);
                    else next.delete(e.id);
                    setChosen(next);
                  }}
                  className="mt-1 h-4 w-4"
                  aria-describedby={`${fid}-note`}
                />
                <label htmlFor={fid} className="flex-1 text-sm">
                  <span className="font-medium">{e.name}</span> <span className="text-slate-500">· {e.organizationName}</span>
                  <span id={`${fid}-note`} className="mt-0.5 flex flex-wrap gap-1">
                    <Badge tone="info" testId="expert-load">{t("fields.load", { count: e.load })}</Badge>
                    {e.conflict && <Badge tone="danger" testId="expert-conflict">{t(`fields.conflict_${e.conflict}`)}</Badge>}
                    {e.formerPanelist && <Badge tone="warning" testId="expert-former">{t("fields.formerPanelist")}</Badge>}
                  </span>
                </label>
              </div>
              {error && <p className="mt-1 text-sm text-red-700">{say(error)}</p>}
            </li>
          );
        })}
      </ul>
      <ErrorText field={field} testId="error-ASSIGN_PANEL-expertIds" />
    </fieldset>
  );
}

function allowedLevels(labLevel: string | null): Level[] {
  return levelsUpTo(isLevel(labLevel) ? labLevel : null);
}

function VoteFields({ context, fields }: { context: ActionContext; fields: Fields }) {
  const t = useTranslations("case");
  const locale = useLocale();
  const [verdict, setVerdict] = useState("");
  const levels = allowedLevels(context.labLevel);
  const v = fields.verdict;
  return (
    <>
      <fieldset className="space-y-1" aria-describedby={v.errors?.length ? v.errorId : undefined}>
        <legend className="text-sm font-medium">{t("fields.verdict")}</legend>
        {(["approve", "reject", "retest"] as const).map((x) => (
          <label key={x} className="flex items-center gap-2 text-sm">
            <input type="radio" name={v.name} value={x} checked={verdict === x} onChange={() => setVerdict(x)} />
            {t(`verdicts.${x}`)}
          </label>
        ))}
        <ErrorText field={v} testId="error-VOTE-verdict" />
      </fieldset>
      <SelectField
        field={fields.level}
        label={t("fields.voteLevel")}
        hint={t("fields.voteLevelHint", { level: levelLabel(context.labLevel, locale) })}
        disabled={verdict !== "approve"}
        value={undefined}
        options={levels.map((l) => ({ value: l, label: levelLabel(l, locale) }))}
        placeholder={t("fields.chooseLevel")}
        testId="VOTE-level"
        errorTestId="error-VOTE-level"
      />
      <TextareaField field={fields.rationale} rows={4} label={t("fields.rationale")} hint={t("fields.rationaleHint")} errorTestId="error-VOTE-rationale" />
    </>
  );
}

function AwardFields({ context, fields }: { context: ActionContext; fields: Fields }) {
  const t = useTranslations("case");
  const locale = useLocale();
  const rec = context.recommendation;
  const recommended = rec?.verdict === "approve" ? rec.level : null;
  const levels = allowedLevels(context.labLevel);
  const [level, setLevel] = useState(recommended || context.labLevel || "");
  const differs = !recommended || level !== recommended;
  return (
    <>
      <p className="text-sm text-slate-700" data-testid="award-recommendation">
        {rec
          ? t("fields.recommendation", {
              verdict: t(`verdicts.${rec.verdict}`),
              level: levelLabel(rec.level, locale),
              approve: rec.approve,
              reject: rec.reject,
              retest: rec.retest,
            })
          : t("fields.noRecommendation")}
      </p>
      <SelectField
        field={fields.level}
        label={t("fields.awardLevel")}
        hint={t("fields.awardLevelHint", { level: levelLabel(context.labLevel, locale) })}
        value={level}
        onValueChange={setLevel}
        options={levels.map((l) => ({ value: l, label: levelLabel(l, locale) }))}
        testId="AWARD-level"
        errorTestId="error-AWARD-level"
      />
      <TextareaField
        field={fields.justification}
        label={differs ? t("fields.justificationRequired") : t("fields.optional", { label: t("fields.justification") })}
        hint={differs ? t("fields.justificationWhy") : t("fields.justificationHint")}
        errorTestId="error-AWARD-justification"
      />
    </>
  );
}

/** REINSTATE cites the vendor's corrective evidence: one checkbox per piece uploaded since the suspension. */
function CorrectiveChoice({ context, fields }: { context: ActionContext; fields: Fields }) {
  const t = useTranslations("case");
  const field = fields.evidenceIds;
  const a11y = controlA11y(field, true);
  return (
    <fieldset className="space-y-2" aria-describedby={a11y["aria-describedby"]}>
      <legend className="text-sm font-medium">{t("fields.correctiveEvidence")}</legend>
      <p id={field.descriptionId} className="text-xs text-slate-600">
        {t("fields.correctiveEvidenceHint")}
      </p>
      {context.corrective.length === 0 ? (
        <p className="text-sm text-amber-900" data-testid="no-corrective-evidence">
          {t("fields.noCorrectiveEvidence")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200" data-testid="corrective-evidence">
          {context.corrective.map((e, i) => (
            <li key={e.id} className="flex items-start gap-2 px-2 py-2 text-sm">
              <input
                type="checkbox"
                id={`corrective-${e.id}`}
                name={field.name}
                value={e.id}
                className="mt-1 h-4 w-4"
                aria-invalid={a11y["aria-invalid"]}
                // The first checkbox carries the field's id, so the first-invalid focus lands on it.
                {...(i === 0 ? { "data-field": field.id } : {})}
              />
              <label htmlFor={`corrective-${e.id}`}>
                <span className="font-medium">{e.name}</span>{" "}
                <span className="text-slate-500">
                  · {formatBytes(e.size)} · {e.createdAt}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <ErrorText field={field} testId="error-REINSTATE-evidenceIds" />
    </fieldset>
  );
}

/** The vendor of a suspended case adds the evidence of its correction (purpose `corrective`). */
function CorrectiveUpload({ context }: { context: ActionContext }) {
  const t = useTranslations("case");
  return (
    <section aria-labelledby="corrective-title" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3" data-testid="corrective-upload">
      <h3 id="corrective-title" className="font-medium">
        {t("corrective.title")}
      </h3>
      <p className="text-xs text-slate-700">{t("corrective.intro")}</p>
      {context.corrective.length > 0 && (
        <ul className="list-disc pl-5 text-sm" data-testid="corrective-list">
          {context.corrective.map((e) => (
            <li key={e.id}>
              {e.name} <span className="text-slate-500">· {formatBytes(e.size)} · {e.createdAt}</span>
            </li>
          ))}
        </ul>
      )}
      <EvidenceUpload url={`/api/v1/cases/${encodeURIComponent(context.caseId)}/evidence`} purpose="corrective" idPrefix="corrective" />
    </section>
  );
}
