"use server";
// The governance steps of a scheme version (docs/domain.md#scheme-governance) as thin server
// actions: parse the form with the schema the browser used, call one lib/schemes use case (which
// checks the caller's permission), and hand refusals back as error codes on the fields it names.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { answerComment, approveScheme, commentOnScheme, proposeScheme, publishScheme, setCommentPeriod } from "@/lib/schemes";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../_lib/form-reply";
import { AnswerInput, CommentInput, CommentPeriodInput, GovernanceRefInput, ProposeInput, PublishInput } from "./_lib/governance-schemas";

function refreshed(schemeId: string, version: string) {
  const tail = `${encodeURIComponent(schemeId)}/${encodeURIComponent(version)}`;
  revalidatePath(`/schemes/${tail}`);
  revalidatePath(`/secretariat/schemes/${tail}`, "layout");
  revalidatePath("/schemes");
  revalidatePath("/secretariat/schemes");
}

async function done(schemeId: string, version: string, key: string): Promise<Pick<FormResult, "ok" | "message" | "at">> {
  refreshed(schemeId, version);
  return { ok: true, message: (await getTranslations("schemes.governance"))(key), at: Date.now() };
}

export async function proposeAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, ProposeInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  try {
    await proposeScheme(await currentActor(), f.schemeId, f.version, { commentsUntil: f.commentsUntil });
  } catch (e) {
    return refusalReply(submission, e);
  }
  return { ...submission.reply(), ...(await done(f.schemeId, f.version, "proposed")) };
}

export async function commentPeriodAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, CommentPeriodInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  try {
    await setCommentPeriod(await currentActor(), f.schemeId, f.version, { commentsUntil: f.commentsUntil });
  } catch (e) {
    return refusalReply(submission, e);
  }
  return { ...submission.reply(), ...(await done(f.schemeId, f.version, "periodSaved")) };
}

export async function commentAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, CommentInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  try {
    await commentOnScheme(await currentActor(), f.schemeId, f.version, { target: f.target ?? null, text: f.text });
  } catch (e) {
    return refusalReply(submission, e);
  }
  return { ...submission.reply({ resetForm: true }), ...(await done(f.schemeId, f.version, "commented")) };
}

export async function answerAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, AnswerInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  try {
    await answerComment(await currentActor(), f.schemeId, f.version, f.commentId, { answer: f.answer });
  } catch (e) {
    return refusalReply(submission, e);
  }
  return { ...submission.reply(), ...(await done(f.schemeId, f.version, "answered")) };
}

export async function approveAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, GovernanceRefInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  try {
    await approveScheme(await currentActor(), f.schemeId, f.version);
  } catch (e) {
    return refusalReply(submission, e);
  }
  return { ...submission.reply(), ...(await done(f.schemeId, f.version, "approved")) };
}

export async function publishAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, PublishInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  try {
    await publishScheme(await currentActor(), f.schemeId, f.version, { effectiveFrom: f.effectiveFrom, transitionUntil: f.transitionUntil ?? null });
  } catch (e) {
    return refusalReply(submission, e);
  }
  return { ...submission.reply(), ...(await done(f.schemeId, f.version, "published")) };
}
