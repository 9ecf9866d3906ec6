"use server";
// Thin: the secretariat creates and closes proficiency-testing rounds (lib/proficiency/rounds.ts).
// Each parses its form with the schema the browser validated with (./schemas.ts); refusals come
// back as codes on the fields (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Submission } from "@conform-to/react";
import { closeRound, createRound } from "@/lib/proficiency/rounds";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { CloseFields, RoundFields } from "./schemas";

/** The lib names the scheme's two halves; the form chooses it in one control. */
function refuse(submission: Submission<unknown>, e: unknown): FormResult {
  const reply = refusalReply(submission, e);
  if (reply.error) {
    const scheme = reply.error.schemeId ?? reply.error.schemeVersion;
    delete reply.error.schemeId;
    delete reply.error.schemeVersion;
    if (scheme) reply.error.scheme = scheme;
  }
  return reply;
}

export async function createRoundAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, RoundFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { scheme, ...fields } = submission.value;
  const [schemeId, schemeVersion] = scheme.split("@");
  let id: string;
  try {
    const round = await createRound(await currentActor(), { ...fields, schemeId, schemeVersion });
    id = round.id;
  } catch (e) {
    return refuse(submission, e);
  }
  revalidatePath("/secretariat/proficiency");
  redirect(`/secretariat/proficiency/${id}`);
}

export async function closeRoundAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, CloseFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { roundId } = submission.value;
  try {
    await closeRound(await currentActor(), roundId);
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath(`/secretariat/proficiency/${roundId}`);
  revalidatePath("/secretariat/proficiency");
  return { ...submission.reply(), ok: true, at: Date.now() };
}
