"use server";
// The case page's after-care actions (docs/domain.md#after-care): the vendor reports a change of its
// certified product, the secretariat opens a surveillance. Each opens a change case through
// lib/aftercare (which checks role, state and the body again) and goes to its page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { reportChange } from "@/lib/aftercare/report-change";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { reportChangeFormSchema, surveillanceFormSchema } from "../../changes/_lib/forms";

const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

export async function reportChangeAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, reportChangeFormSchema);
  if (submission.status !== "success") return { ...submission.reply(), ok: false, at: Date.now() };
  const user = await getSessionUser();
  if (!user) return { ...submission.reply({ formErrors: ["SIGN_IN_REQUIRED"] }), ok: false, at: Date.now() };
  const { caseId, kind, from, to, description } = submission.value;
  let changeId: string;
  try {
    changeId = (await reportChange(user, caseId, { kind, from, to, description })).id;
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath(casePath(caseId));
  redirect(`/changes/${encodeURIComponent(changeId)}`);
}

export async function openSurveillanceAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, surveillanceFormSchema);
  if (submission.status !== "success") return { ...submission.reply(), ok: false, at: Date.now() };
  const user = await getSessionUser();
  if (!user) return { ...submission.reply({ formErrors: ["SIGN_IN_REQUIRED"] }), ok: false, at: Date.now() };
  const { caseId, description, items } = submission.value;
  let changeId: string;
  try {
    changeId = (await reportChange(user, caseId, { kind: "surveillance", description, ...(items?.length ? { items } : {}) })).id;
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath(casePath(caseId));
  redirect(`/changes/${encodeURIComponent(changeId)}`);
}
