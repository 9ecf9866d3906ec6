"use server";
// Thin server actions of the case page: read the form, resolve the caller, call one lib use case
// (which checks everything again), and hand refusals back to the form as messages and field errors.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { sendEvent } from "@/lib/cases/send-event";
import { updateApplication } from "@/lib/cases/update-application";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { LabReportRequestSchema } from "@/lib/cases/schemas";
import { AppError } from "@/lib/errors";
import { EVENT_TYPES, mayRoleSend, type EventType } from "@/lib/domain";
import type { LabReportError } from "@/lib/grading";
import type { LabReportState } from "./_lib/form-state";
import { refusal } from "./_lib/refusal";
import { eventFormSchema } from "./_lib/event-forms";
import { applicationFormSchema } from "./_lib/application-form";
import { envelopeFormSchema, serialsOf } from "./_lib/envelope-form";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply, type FormResult } from "../../_lib/form-reply";

/** What an event form's action answers: Conform's reply (field errors as codes) and a sentence for the form. */
export type EventFormResult = FormResult;

const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

function text(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
}

type Value = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const reasonOf = (v: Value) => ({ reason: str(v.reason) });
const optionalReason = (v: Value) => (str(v.reason).trim() ? { reason: str(v.reason).trim() } : {});

/** Each event's payload from its form's parsed value; the server's schemas and rules judge it again. */
const PAYLOAD: Record<EventType, (v: Value) => Record<string, unknown>> = {
  SUBMIT: () => ({}),
  WITHDRAW: optionalReason,
  // One reason per line of the text box.
  RETURN: (v) => ({ reasons: str(v.reasons).split(/\r?\n/).map((r) => r.trim()).filter(Boolean) }),
  REJECT_APPLICATION: reasonOf,
  ACCEPT: (v) => ({ labId: str(v.labId) }),
  SUBMIT_REPORT: () => ({}),
  ASSIGN_PANEL: (v) => ({ expertIds: Array.isArray(v.expertIds) ? v.expertIds : [] }),
  RECUSE: reasonOf,
  VOTE: (v) => ({ verdict: str(v.verdict), level: str(v.level) || null, rationale: str(v.rationale) }),
  AWARD: (v) => ({ level: str(v.level), ...(str(v.justification).trim() ? { justification: str(v.justification).trim() } : {}) }),
  DENY: reasonOf,
  REMAND: reasonOf,
  // The date input's calendar date (YYYY-MM-DD); the rules bound it (docs/domain.md).
  SUSPEND: (v) => ({ reason: str(v.reason), correctBy: str(v.correctBy) }),
  REINSTATE: (v) => ({ reason: str(v.reason), evidenceIds: Array.isArray(v.evidenceIds) ? v.evidenceIds : [] }),
  DOWNGRADE: (v) => ({ level: str(v.level), reason: str(v.reason) }),
  REVOKE: reasonOf,
  EXPIRE: () => ({}),
  APPEAL: (v) => ({ grounds: str(v.grounds) }),
  UPHOLD_APPEAL: reasonOf,
  DISMISS_APPEAL: reasonOf,
};

const EventHead = z.object({
  caseId: z.string().trim().min(1),
  type: z.enum(EVENT_TYPES),
  expectedVersion: z.coerce.number().int().min(1),
});

/**
 * One case event from its form: the form's own schema (the one the browser validated with) first,
 * then the one door (sendEvent), which checks role, state, payload and rules again. Irreversible
 * events were confirmed in a dialog before the form was sent.
 */
export async function sendEventAction(_prev: EventFormResult | undefined, form: FormData): Promise<EventFormResult> {
  const t = await getTranslations("case");
  const at = Date.now();
  const head = EventHead.safeParse({ caseId: text(form, "caseId"), type: text(form, "type"), expectedVersion: text(form, "expectedVersion") });
  if (!head.success) return { status: "error", ok: false, message: t("errors.badRequest"), at };
  const { caseId, type, expectedVersion } = head.data;
  const user = await getSessionUser();
  if (!user) return { status: "error", ok: false, message: t("errors.signIn"), at };
  const submission = parseForm(form, eventFormSchema(type));
  // A role that may not send this event is told so whatever its fields (a form re-labelled as another event).
  if (submission.status !== "success" && mayRoleSend(user.role, type)) {
    return { ...submission.reply(), ok: false, message: t("errors.fixFields"), at };
  }
  const payload = submission.status === "success" ? PAYLOAD[type](submission.value as Value) : {};
  try {
    await sendEvent(user, caseId, { type, expectedVersion, ...payload });
  } catch (e) {
    const r = await refusal(e);
    return { ...refusalReply(submission, e), message: r.message, stale: r.stale, reauth: r.reauth, at };
  }
  revalidatePath(casePath(caseId));
  return { ...submission.reply({ resetForm: true }), ok: true, message: t("done", { event: t(`events.${type}`) }), at };
}

export async function updateApplicationAction(_prev: EventFormResult | undefined, form: FormData): Promise<EventFormResult> {
  const t = await getTranslations("case");
  const at = Date.now();
  const submission = parseForm(form, applicationFormSchema);
  if (submission.status !== "success") return { ...submission.reply(), ok: false, message: t("errors.fixFields"), at };
  const v = submission.value;
  const user = await getSessionUser();
  if (!user) return { ...submission.reply(), ok: false, message: t("errors.signIn"), at };
  try {
    await updateApplication(user, v.caseId, {
      expectedVersion: v.expectedVersion,
      // The disclosed models as the rows give them (docs/domain.md#model-disclosure).
      product: { name: v.name, model: v.model, softwareVersion: v.softwareVersion, models: v.models },
      claimedLevel: v.claimedLevel,
      application: {
        declarations: { accurate: v.accurate === "on", samplesAvailable: v.samplesAvailable === "on", acceptsRules: v.acceptsRules === "on" },
      },
    });
  } catch (e) {
    const r = await refusal(e);
    // The lib names product fields product.name (a model's product.models.0.name), declarations
    // application.declarations.accurate; the form's are flat (models[0].name).
    const reply = refusalReply(submission, e);
    const error = Object.fromEntries(Object.entries(reply.error ?? {}).map(([k, v]) => [k.replace(/^(product|application(\.declarations)?)\./, ""), v]));
    return { ...reply, error, message: r.message, stale: r.stale, reauth: r.reauth, at };
  }
  revalidatePath(casePath(v.caseId));
  return { ...submission.reply(), ok: true, message: t("application.saved"), at };
}

const LabReportInput = z.discriminatedUnion("format", [
  z.object({ format: z.literal("csv"), text: z.string().max(1_000_000) }),
  z.object({ format: z.literal("json"), body: z.unknown() }),
]);

/** The lab's results, from an uploaded CSV or JSON file or from the form (sent as JSON rows). */
export async function saveLabReportAction(caseId: string, raw: unknown): Promise<LabReportState> {
  const t = await getTranslations("case");
  const input = LabReportInput.safeParse(raw);
  if (!input.success || typeof caseId !== "string") return { ok: false, message: t("errors.badRequest"), errors: [] };
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn"), errors: [] };
  let report: string | z.infer<typeof LabReportRequestSchema>;
  if (input.data.format === "csv") report = input.data.text;
  else {
    const parsed = LabReportRequestSchema.safeParse(input.data.body);
    if (!parsed.success) return { ok: false, message: t("lab.badJson"), errors: [] };
    report = parsed.data;
  }
  try {
    const d = await saveLabReport(user, caseId, report);
    revalidatePath(casePath(caseId));
    return { ok: true, ...d, message: t("lab.saved") };
  } catch (e) {
    if (e instanceof AppError && e.code === "INVALID_INPUT" && Array.isArray(e.details?.errors)) {
      const errors = e.details.errors as LabReportError[];
      const count = typeof e.details.errorCount === "number" ? e.details.errorCount : errors.length;
      return { ok: false, message: t("lab.rejected", { count }), errors };
    }
    const r = await refusal(e);
    return { ok: false, message: r.message ?? "", errors: [], stale: r.stale };
  }
}

/** The report envelope (docs/domain.md#lab-evidence): saved on the round's report, results untouched. */
export async function saveReportEnvelopeAction(_prev: EventFormResult | undefined, form: FormData): Promise<EventFormResult> {
  const t = await getTranslations("labEvidence");
  const at = Date.now();
  const submission = parseForm(form, envelopeFormSchema);
  if (submission.status !== "success") return { ...submission.reply(), ok: false, message: t("envelope.fixFields"), at };
  const v = submission.value;
  const user = await getSessionUser();
  if (!user) return { ...submission.reply(), ok: false, message: t("envelope.signIn"), at };
  const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
  try {
    await saveLabReport(user, v.caseId, {
      reportNumber: blankToNull(v.reportNumber),
      testedFrom: blankToNull(v.testedFrom),
      testedTo: blankToNull(v.testedTo),
      environment: blankToNull(v.environment),
      signatory: blankToNull(v.signatory),
      // The sample's models as the rows give them (none: cleared).
      sample: {
        serials: serialsOf(v.serials),
        buildFingerprint: v.buildFingerprint ?? "",
        softwareVersion: v.softwareVersion ?? "",
        models: (v.models ?? []).map((m) => ({ name: m.name, version: m.version, ...(m.deployment ? { deployment: m.deployment } : {}) })),
      },
    });
  } catch (e) {
    const r = await refusal(e);
    return { ...refusalReply(submission, e), message: r.message, stale: r.stale, reauth: r.reauth, at };
  }
  revalidatePath(casePath(v.caseId));
  return { ...submission.reply(), ok: true, message: t("envelope.saved"), at };
}
