"use server";
// Thin server actions of the change page (docs/domain.md#after-care): read the form with its own
// schema (the one the browser validated with), resolve the caller, call one lib use case (which
// checks everything again), and hand refusals back to the form as codes.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { applyChangeEvent } from "@/lib/aftercare/apply-change-event";
import { saveChangeReport } from "@/lib/aftercare/change-report";
import { AppError } from "@/lib/errors";
import { CHANGE_EVENT_TYPES, type ChangeEventType } from "@/lib/domain";
import type { LabReportError, LabReportInput } from "@/lib/grading";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { errorTexts } from "../../_lib/error-text";
import { classifyFormSchema, concludeFormSchema, submitReportFormSchema, withdrawChangeFormSchema } from "../_lib/forms";

const SCHEMAS = {
  CLASSIFY: classifyFormSchema,
  SUBMIT_REPORT: submitReportFormSchema,
  CONCLUDE: concludeFormSchema,
  WITHDRAW: withdrawChangeFormSchema,
} as const;

/** The change case or its certified case changed meanwhile: the form offers a reload. */
const STALE = new Set(["CHANGE_VERSION_MISMATCH", "CHANGE_CHANGED", "VERSION_MISMATCH", "CASE_CHANGED"]);

type Value = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** Each event's payload from its form's parsed value. */
const PAYLOAD: Record<ChangeEventType, (v: Value) => Record<string, unknown>> = {
  CLASSIFY: (v) => ({
    classification: v.classification,
    // A minor change re-tests nothing: ticked boxes are not sent with it.
    items: v.classification === "major" && Array.isArray(v.items) ? v.items : [],
    reason: str(v.reason),
  }),
  SUBMIT_REPORT: () => ({}),
  CONCLUDE: (v) => ({
    outcome: v.outcome,
    reason: str(v.reason),
    ...(v.outcome === "downgraded" ? { level: v.level } : {}),
    // The date input's calendar date (YYYY-MM-DD), as the case page's SUSPEND sends it; the rules bound it.
    ...(v.outcome === "suspended" && str(v.correctBy) ? { correctBy: str(v.correctBy) } : {}),
  }),
  WITHDRAW: (v) => (str(v.reason) ? { reason: str(v.reason) } : {}),
};

const changePath = (id: string) => `/changes/${encodeURIComponent(id)}`;

export async function changeEventAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const t = await getTranslations("changes");
  const at = Date.now();
  const type = z.enum(CHANGE_EVENT_TYPES).safeParse(form.get("type"));
  if (!type.success) return { status: "error", ok: false, error: { "": ["INVALID_REQUEST"] }, at };
  const submission = parseForm(form, SCHEMAS[type.data]);
  if (submission.status !== "success") return { ...submission.reply(), ok: false, at };
  const user = await getSessionUser();
  if (!user) return { ...submission.reply({ formErrors: ["SIGN_IN_REQUIRED"] }), ok: false, at };
  const v = submission.value as Value & { changeId: string; expectedVersion: number };
  try {
    await applyChangeEvent(user, { changeId: v.changeId, type: type.data, expectedVersion: v.expectedVersion, payload: PAYLOAD[type.data](v) });
  } catch (e) {
    const reply = refusalReply(submission, e);
    return { ...reply, stale: e instanceof AppError && !!e.reason && STALE.has(e.reason), at };
  }
  revalidatePath(changePath(v.changeId));
  return { ...submission.reply({ resetForm: true }), ok: true, message: t(`done.${type.data}`), at };
}

export type ChangeReportState =
  | { ok: true; message: string; level: string | null; failing: string[]; at: number }
  | { ok: false; message: string; errors: LabReportError[]; errorCount?: number; stale?: boolean; at: number };

/** The re-test results from the lab's text box or file: JSON ({results:[…]} or the rows alone) or CSV. */
export async function saveChangeReportAction(changeId: string, text: string): Promise<ChangeReportState> {
  const t = await getTranslations("changes");
  const at = Date.now();
  if (typeof changeId !== "string" || typeof text !== "string" || text.length > 1_000_000) return { ok: false, message: t("report.bad"), errors: [], at };
  const user = await getSessionUser();
  if (!user) return { ok: false, message: (await errorTexts()).say({ reason: "SIGN_IN_REQUIRED" }), errors: [], at };
  let input: LabReportInput;
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const body = JSON.parse(trimmed) as unknown;
      const results = Array.isArray(body) ? body : (body as { results?: unknown })?.results;
      if (!Array.isArray(results)) return { ok: false, message: t("report.badJson"), errors: [], at };
      input = { results } as LabReportInput;
    } catch {
      return { ok: false, message: t("report.badJson"), errors: [], at };
    }
  } else input = text;
  try {
    const saved = await saveChangeReport(user, changeId, input);
    revalidatePath(changePath(changeId));
    return { ok: true, message: t("report.saved"), level: saved.level, failing: saved.failing, at };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const texts = await errorTexts();
    const details = (e.details ?? {}) as { errors?: LabReportError[]; errorCount?: number };
    return {
      ok: false,
      message: texts.message(e) ?? t("report.bad"),
      errors: Array.isArray(details.errors) ? details.errors : [],
      errorCount: details.errorCount,
      stale: !!e.reason && STALE.has(e.reason),
      at,
    };
  }
}
