"use server";
// Server actions of the findings forms (the findings page and the case page's findings panel): each
// parses its form with the schema the browser validated with (./finding-schemas.ts), then calls the
// lib, which checks again; refusals come back as codes (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { recordFinding } from "@/lib/audit/findings/record-finding";
import { answerFinding } from "@/lib/audit/findings/answer-finding";
import { closeFinding } from "@/lib/audit/findings/close-finding";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { AnswerFindingFields, CloseFindingFields, RecordFindingFields } from "./finding-schemas";

/** The findings show on the audit pages and on the case's page: refresh them all. */
function refresh(caseId: string) {
  revalidatePath("/audit/findings");
  revalidatePath("/audit");
  if (caseId) revalidatePath(`/cases/${encodeURIComponent(caseId)}`);
}

const signedOut = { formErrors: ["SIGN_IN_REQUIRED"] };

export async function recordFindingAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, RecordFindingFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const user = await getSessionUser();
  if (!user) return { ...submission.reply(signedOut), ok: false };
  try {
    const f = await recordFinding(user, submission.value);
    refresh(f.caseId);
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("audit"))("findings.recorded"), at: Date.now() };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function answerFindingAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, AnswerFindingFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const user = await getSessionUser();
  if (!user) return { ...submission.reply(signedOut), ok: false };
  try {
    const f = await answerFinding(user, submission.value.findingId, { answer: submission.value.answer });
    refresh(f.caseId);
    return { ...submission.reply(), ok: true, message: (await getTranslations("audit"))("findings.answered"), at: Date.now() };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function closeFindingAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, CloseFindingFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const user = await getSessionUser();
  if (!user) return { ...submission.reply(signedOut), ok: false };
  try {
    const f = await closeFinding(user, submission.value.findingId);
    refresh(f.caseId);
    return { ...submission.reply(), ok: true, message: (await getTranslations("audit"))("findings.closed"), at: Date.now() };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}
