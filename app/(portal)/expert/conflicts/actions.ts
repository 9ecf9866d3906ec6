"use server";
// The expert's conflict declarations from the page: the same lib calls as /api/v1/me/conflicts.
// Each parses its form with the schema the browser validated with (./schemas.ts); refusals come
// back as their domain codes (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { declareConflict, withdrawConflict } from "@/lib/conflicts/declarations";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { DeclareConflictSchema, WithdrawConflictInput } from "./schemas";

export async function declareConflictAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, DeclareConflictSchema);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const v = submission.value;
  try {
    await declareConflict(await currentActor(), {
      organizationId: v.organizationId,
      kind: v.kind,
      note: v.note || null,
      declaredFrom: v.declaredFrom,
      declaredUntil: v.declaredUntil || null,
    });
    revalidatePath("/expert/conflicts");
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("conflicts"))("declared"), at: Date.now() };
  } catch (e) {
    return refusalReply(submission, e);
  }
}

export async function withdrawConflictAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, WithdrawConflictInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await withdrawConflict(await currentActor(), submission.value.id);
    revalidatePath("/expert/conflicts");
    return { ...submission.reply(), ok: true, message: (await getTranslations("conflicts"))("withdrawn"), at: Date.now() };
  } catch (e) {
    return refusalReply(submission, e);
  }
}
