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
import { EVENT_TYPES, type EventType } from "@/lib/domain";
import type { LabReportError } from "@/lib/grading";
import type { FormState, LabReportState } from "./_lib/form-state";
import { refusal } from "./_lib/refusal";

const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

function text(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
}

function values(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = all.length > 1 || key === "expertIds" ? all : (all[0] ?? "");
  }
  return out;
}

const reasonOf = (form: FormData) => ({ reason: text(form, "reason") ?? "" });
const optionalReason = (form: FormData) => {
  const reason = text(form, "reason")?.trim();
  return reason ? { reason } : {};
};

/** Each event's payload as its form sends it; the server's schemas and rules judge it. */
const PAYLOAD: Record<EventType, (form: FormData) => Record<string, unknown>> = {
  SUBMIT: () => ({}),
  WITHDRAW: optionalReason,
  // One reason per line of the text box.
  RETURN: (form) => ({ reasons: (text(form, "reasons") ?? "").split(/\r?\n/).map((r) => r.trim()).filter(Boolean) }),
  REJECT_APPLICATION: reasonOf,
  ACCEPT: (form) => ({ labId: text(form, "labId") ?? "" }),
  SUBMIT_REPORT: () => ({}),
  ASSIGN_PANEL: (form) => ({ expertIds: form.getAll("expertIds").filter((v): v is string => typeof v === "string") }),
  RECUSE: reasonOf,
  VOTE: (form) => ({ verdict: text(form, "verdict") ?? "", level: text(form, "level") || null, rationale: text(form, "rationale") ?? "" }),
  AWARD: (form) => {
    const justification = text(form, "justification")?.trim();
    return { level: text(form, "level") ?? "", ...(justification ? { justification } : {}) };
  },
  DENY: reasonOf,
  REMAND: reasonOf,
  SUSPEND: reasonOf,
  REINSTATE: () => ({}),
  REVOKE: reasonOf,
  EXPIRE: () => ({}),
  APPEAL: reasonOf,
  UPHOLD_APPEAL: optionalReason,
  DISMISS_APPEAL: reasonOf,
};

/** Events that end something for good: the form asks the person to confirm. */
const NEEDS_CONFIRMATION = new Set<EventType>(["WITHDRAW", "REVOKE"]);

const EventForm = z.object({
  caseId: z.string().trim().min(1),
  type: z.enum(EVENT_TYPES),
  expectedVersion: z.coerce.number().int().min(1),
});

export async function sendEventAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("case");
  const submitted = values(form);
  const head = EventForm.safeParse({ caseId: text(form, "caseId"), type: text(form, "type"), expectedVersion: text(form, "expectedVersion") });
  if (!head.success) return { ok: false, message: t("errors.badRequest"), values: submitted, at: Date.now() };
  const { caseId, type, expectedVersion } = head.data;
  if (NEEDS_CONFIRMATION.has(type) && text(form, "confirm") !== "on") {
    return { ok: false, message: t("errors.fixFields"), fieldErrors: { confirm: t("errors.confirm") }, values: submitted, at: Date.now() };
  }
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn"), values: submitted, at: Date.now() };
  try {
    await sendEvent(user, caseId, { type, expectedVersion, ...PAYLOAD[type](form) });
  } catch (e) {
    return refusal(e, submitted);
  }
  revalidatePath(casePath(caseId));
  return { ok: true, message: t("done", { event: t(`events.${type}`) }), at: Date.now() };
}

export async function updateApplicationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("case");
  const submitted = values(form);
  const caseId = text(form, "caseId") ?? "";
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn"), values: submitted, at: Date.now() };
  try {
    await updateApplication(user, caseId, {
      expectedVersion: Number(text(form, "expectedVersion")),
      product: { name: text(form, "name") ?? "", model: text(form, "model") ?? "", softwareVersion: text(form, "softwareVersion") ?? "" },
      claimedLevel: text(form, "claimedLevel"),
      application: {
        onDeviceModel: text(form, "onDeviceModel") ?? "",
        cloudModel: text(form, "cloudModel") ?? "",
        declarations: {
          accurate: form.get("accurate") === "on",
          samplesAvailable: form.get("samplesAvailable") === "on",
          acceptsRules: form.get("acceptsRules") === "on",
        },
      },
    });
  } catch (e) {
    return refusal(e, submitted);
  }
  revalidatePath(casePath(caseId));
  return { ok: true, message: t("application.saved"), at: Date.now() };
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
