"use server";
// Server actions of the findings forms (the findings page and the case page's findings panel).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { recordFinding } from "@/lib/audit/findings/record-finding";
import { answerFinding } from "@/lib/audit/findings/answer-finding";
import { closeFinding } from "@/lib/audit/findings/close-finding";
import { refusedState, type FormState } from "../form-state";

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/** The findings show on the audit pages and on the case's page: refresh them all. */
function refresh(caseId: string) {
  revalidatePath("/audit/findings");
  revalidatePath("/audit");
  if (caseId) revalidatePath(`/cases/${encodeURIComponent(caseId)}`);
}

export async function recordFindingAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("audit");
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn") };
  try {
    const f = await recordFinding(user, { caseId: field(form, "caseId"), severity: field(form, "severity"), text: field(form, "text") });
    refresh(f.caseId);
    return { ok: true, message: t("findings.recorded"), data: { id: f.id } };
  } catch (e) {
    return refusedState(e, t("errors.generic"));
  }
}

export async function answerFindingAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("audit");
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn") };
  try {
    const f = await answerFinding(user, field(form, "findingId"), { answer: field(form, "answer") });
    refresh(f.caseId);
    return { ok: true, message: t("findings.answered") };
  } catch (e) {
    return refusedState(e, t("errors.generic"));
  }
}

export async function closeFindingAction(_prev: FormState, form: FormData): Promise<FormState> {
  const t = await getTranslations("audit");
  const user = await getSessionUser();
  if (!user) return { ok: false, message: t("errors.signIn") };
  try {
    const f = await closeFinding(user, field(form, "findingId"));
    refresh(f.caseId);
    return { ok: true, message: t("findings.closed") };
  } catch (e) {
    return refusedState(e, t("errors.generic"));
  }
}
