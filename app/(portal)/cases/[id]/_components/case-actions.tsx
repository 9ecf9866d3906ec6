"use client";
// One form per event this viewer may send now (view.allowedEvents). Each submits the case version
// it was rendered with; the server checks everything again and answers with field errors.
import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { levelsUpTo, isLevel, type Level } from "@/lib/domain";
import type { EventType, Recommendation } from "@/lib/domain";
import type { EligibleExpert } from "@/lib/cases/eligible";
import { SubmitButton, Button } from "@/app/_components/ui/button";
import { Field, Select, Textarea, Checkbox, fieldA11y, FieldError } from "@/app/_components/ui/field";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { ReauthPrompt } from "@/app/_components/reauth-prompt";
import { sendEventAction } from "../actions";
import { EMPTY_FORM, type FormState } from "../_lib/form-state";
import { levelLabel } from "../../_lib/text";

export type ActionContext = {
  caseId: string;
  version: number;
  allowedEvents: EventType[];
  labLevel: string | null;
  recommendation: Recommendation | null;
  panelSize: number;
  /** What SUBMIT would still refuse: keys of lib/cases/facts applicationProblems. */
  applicationProblems: string[];
  /** Already formatted for the reader. */
  appealDeadline: string | null;
  labs: { id: string; name: string; accreditedUntil: string }[];
  experts: EligibleExpert[];
  report: { level: string | null; complete: boolean; updatedAt: string } | null;
};

const DANGER = new Set<EventType>(["WITHDRAW", "REJECT_APPLICATION", "DENY", "SUSPEND", "REVOKE", "DISMISS_APPEAL"]);

export function CaseActions({ context }: { context: ActionContext }) {
  const t = useTranslations("case");
  if (context.allowedEvents.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="no-actions">
        {t("actions.none")}
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("actions.intro")}</p>
      {context.allowedEvents.map((type) => (
        // Keyed by version too: when the case changes, every form starts afresh with it.
        <EventForm key={`${type}-${context.version}`} type={type} context={context} />
      ))}
    </div>
  );
}

function EventForm({ type, context }: { type: EventType; context: ActionContext }) {
  const t = useTranslations("case");
  const router = useRouter();
  const [state, action] = useActionState(sendEventAction, EMPTY_FORM);
  const headingId = `event-${type}-title`;
  return (
    <form
      action={action}
      noValidate
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
      <EventFields type={type} context={context} state={state} />
      {state.message && (
        <div data-testid={`event-message-${type}`}>
          <Alert tone={state.ok ? "success" : "error"}>
            {state.message}
            {state.stale && (
              <Button variant="secondary" className="ml-3" onClick={() => router.refresh()} data-testid="reload-case">
                {t("actions.reload")}
              </Button>
            )}
            {!state.ok && state.fieldErrors && <UnplacedErrors type={type} errors={state.fieldErrors} message={state.message} />}
          </Alert>
          {state.reauth && <ReauthPrompt key={state.at} testId={`reauth-${type}`} />}
        </div>
      )}
      <SubmitButton variant={DANGER.has(type) ? "danger" : "primary"} pendingLabel={t("actions.sending")}>
        {t(`submit.${type}`)}
      </SubmitButton>
    </form>
  );
}

/** Field names each form shows next to a control; other field errors are listed under the message. */
const PLACED: Partial<Record<EventType, string[]>> = {
  WITHDRAW: ["reason", "confirm"],
  RETURN: ["reasons"],
  REJECT_APPLICATION: ["reason"],
  ACCEPT: ["labId"],
  ASSIGN_PANEL: ["expertIds"],
  RECUSE: ["reason"],
  VOTE: ["verdict", "level", "rationale"],
  AWARD: ["level", "justification"],
  DENY: ["reason"],
  REMAND: ["reason"],
  SUSPEND: ["reason"],
  REVOKE: ["reason", "confirm"],
  APPEAL: ["reason"],
  UPHOLD_APPEAL: ["reason"],
  DISMISS_APPEAL: ["reason"],
};

function UnplacedErrors({ type, errors, message }: { type: EventType; errors: Record<string, string>; message: string }) {
  const placed = PLACED[type] ?? [];
  const rest = Object.entries(errors).filter(([k, v]) => v !== message && !placed.some((p) => k === p || k.startsWith(`${p}.`)));
  if (rest.length === 0) return null;
  return (
    <ul className="mt-1 list-disc pl-5">
      {rest.map(([k, v]) => (
        <li key={k}>{v}</li>
      ))}
    </ul>
  );
}

function str(v: string | string[] | undefined): string {
  return typeof v === "string" ? v : "";
}

function EventFields({ type, context, state }: { type: EventType; context: ActionContext; state: FormState }) {
  const t = useTranslations("case");
  const err = (name: string) => state.fieldErrors?.[name];
  const value = (name: string) => str(state.values?.[name]);
  const id = (name: string) => `${type}-${name}`;

  const reason = (required: boolean, label = t("fields.reason")) => (
    <Field id={id("reason")} label={required ? label : t("fields.optional", { label })} error={err("reason")}>
      <Textarea name="reason" defaultValue={value("reason")} invalid={!!err("reason")} {...fieldA11y(id("reason"), err("reason"))} />
    </Field>
  );
  // Made only for the events that ask for it (WITHDRAW, REVOKE): only those have a confirm text.
  const confirm = () => <Checkbox id={id("confirm")} name="confirm" label={t(`confirm.${type}`)} error={err("confirm")} />;

  switch (type) {
    case "SUBMIT":
      return <SubmitChecklist problems={context.applicationProblems} />;
    case "WITHDRAW":
      return (
        <>
          {reason(false)}
          {confirm()}
        </>
      );
    case "RETURN":
      return (
        <Field id={id("reasons")} label={t("fields.reasons")} hint={t("fields.reasonsHint")} error={err("reasons") ?? err("reasons.0")}>
          <Textarea name="reasons" rows={4} defaultValue={value("reasons")} invalid={!!err("reasons")} {...fieldA11y(id("reasons"), err("reasons"), true)} />
        </Field>
      );
    case "ACCEPT":
      return <LabChoice context={context} error={err("labId")} selected={value("labId")} />;
    case "SUBMIT_REPORT":
      return <ReportStatus report={context.report} />;
    case "ASSIGN_PANEL":
      return <PanelPicker context={context} state={state} />;
    case "VOTE":
      return <VoteFields context={context} state={state} />;
    case "AWARD":
      return <AwardFields context={context} state={state} />;
    case "APPEAL":
      return (
        <>
          {context.appealDeadline && (
            <p className="text-sm text-slate-700" data-testid="appeal-deadline">
              {t("fields.appealDeadline", { date: context.appealDeadline })}
            </p>
          )}
          {reason(true, t("fields.appealReason"))}
        </>
      );
    case "REVOKE":
      return (
        <>
          {reason(true)}
          {confirm()}
        </>
      );
    case "UPHOLD_APPEAL":
      return reason(false);
    case "REJECT_APPLICATION":
    case "RECUSE":
    case "DENY":
    case "REMAND":
    case "SUSPEND":
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

function LabChoice({ context, error, selected }: { context: ActionContext; error?: string; selected: string }) {
  const t = useTranslations("case");
  const fid = "ACCEPT-labId";
  if (context.labs.length === 0) {
    return <Alert tone="warning">{t("fields.noLabs")}</Alert>;
  }
  return (
    <Field id={fid} label={t("fields.lab")} hint={t("fields.labHint")} error={error}>
      <Select name="labId" defaultValue={selected || ""} invalid={!!error} {...fieldA11y(fid, error, true)}>
        <option value="" disabled>
          {t("fields.chooseLab")}
        </option>
        {context.labs.map((l) => (
          <option key={l.id} value={l.id}>
            {t("fields.labOption", { name: l.name, until: l.accreditedUntil })}
          </option>
        ))}
      </Select>
    </Field>
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

function PanelPicker({ context, state }: { context: ActionContext; state: FormState }) {
  const t = useTranslations("case");
  const previous = state.values?.expertIds;
  const [chosen, setChosen] = useState<Set<string>>(new Set(Array.isArray(previous) ? previous : []));
  const error = state.fieldErrors?.expertIds;
  const indexError = (expertId: string) => {
    const submitted = Array.isArray(previous) ? previous : [];
    const i = submitted.indexOf(expertId);
    return i >= 0 ? state.fieldErrors?.[`expertIds.${i}`] : undefined;
  };
  return (
    <fieldset aria-describedby="ASSIGN_PANEL-count" className="space-y-2">
      <legend className="text-sm font-medium">{t("fields.experts")}</legend>
      <p id="ASSIGN_PANEL-count" className="text-xs text-slate-600" data-testid="panel-count">
        {t("fields.panelCount", { chosen: chosen.size, needed: context.panelSize })}
      </p>
      <ul className="divide-y divide-slate-100 rounded border border-slate-200">
        {context.experts.map((e) => {
          const fid = `expert-${e.id}`;
          const rowError = indexError(e.id);
          return (
            <li key={e.id} className={`px-2 py-2 ${e.selectable ? "" : "bg-slate-50"}`} data-testid="expert-option" data-expert-name={e.name} data-conflicted={e.conflict ?? undefined}>
              <div className="flex items-start gap-2">
                <input
                  type="checkbox"
                  id={fid}
                  name="expertIds"
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
              {rowError && <p className="mt-1 text-sm text-red-700">{rowError}</p>}
            </li>
          );
        })}
      </ul>
      <FieldError id="ASSIGN_PANEL-expertIds" error={error} />
    </fieldset>
  );
}

function allowedLevels(labLevel: string | null): Level[] {
  return levelsUpTo(isLevel(labLevel) ? labLevel : null);
}

function VoteFields({ context, state }: { context: ActionContext; state: FormState }) {
  const t = useTranslations("case");
  const locale = useLocale();
  const [verdict, setVerdict] = useState(str(state.values?.verdict));
  const err = (n: string) => state.fieldErrors?.[n];
  const levels = allowedLevels(context.labLevel);
  return (
    <>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t("fields.verdict")}</legend>
        {(["approve", "reject", "retest"] as const).map((v) => (
          <label key={v} className="flex items-center gap-2 text-sm">
            <input type="radio" name="verdict" value={v} checked={verdict === v} onChange={() => setVerdict(v)} />
            {t(`verdicts.${v}`)}
          </label>
        ))}
        <FieldError id="VOTE-verdict" error={err("verdict")} />
      </fieldset>
      <Field id="VOTE-level" label={t("fields.voteLevel")} hint={t("fields.voteLevelHint", { level: levelLabel(context.labLevel, locale) })} error={err("level")}>
        <Select name="level" disabled={verdict !== "approve"} defaultValue={str(state.values?.level) || context.labLevel || ""} invalid={!!err("level")} {...fieldA11y("VOTE-level", err("level"), true)}>
          {levels.map((l) => (
            <option key={l} value={l}>
              {levelLabel(l, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="VOTE-rationale" label={t("fields.rationale")} hint={t("fields.rationaleHint")} error={err("rationale")}>
        <Textarea name="rationale" rows={4} defaultValue={str(state.values?.rationale)} invalid={!!err("rationale")} {...fieldA11y("VOTE-rationale", err("rationale"), true)} />
      </Field>
    </>
  );
}

function AwardFields({ context, state }: { context: ActionContext; state: FormState }) {
  const t = useTranslations("case");
  const locale = useLocale();
  const rec = context.recommendation;
  const recommended = rec?.verdict === "approve" ? rec.level : null;
  const levels = allowedLevels(context.labLevel);
  const [level, setLevel] = useState(str(state.values?.level) || recommended || context.labLevel || "");
  const differs = !recommended || level !== recommended;
  const err = (n: string) => state.fieldErrors?.[n];
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
      <Field id="AWARD-level" label={t("fields.awardLevel")} hint={t("fields.awardLevelHint", { level: levelLabel(context.labLevel, locale) })} error={err("level")}>
        <Select name="level" value={level} onChange={(e) => setLevel(e.target.value)} invalid={!!err("level")} {...fieldA11y("AWARD-level", err("level"), true)}>
          {levels.map((l) => (
            <option key={l} value={l}>
              {levelLabel(l, locale)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="AWARD-justification"
        label={differs ? t("fields.justificationRequired") : t("fields.optional", { label: t("fields.justification") })}
        hint={differs ? t("fields.justificationWhy") : t("fields.justificationHint")}
        error={err("justification")}
      >
        <Textarea name="justification" rows={3} defaultValue={str(state.values?.justification)} invalid={!!err("justification")} {...fieldA11y("AWARD-justification", err("justification"), true)} />
      </Field>
    </>
  );
}
