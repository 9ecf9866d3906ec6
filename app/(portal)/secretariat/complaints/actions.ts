"use server";
// Thin: the secretariat's triage and the handler's close, through the complaint's one door
// (lib/complaints/apply-complaint-event.ts). Each parses its form with the schema the browser
// validated with (./schemas.ts); refusals come back as codes (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import type { Submission } from "@conform-to/react";
import { applyComplaintEvent } from "@/lib/complaints/apply-complaint-event";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { CloseFields, TriageFields } from "./schemas";

async function run(
  submission: Submission<unknown>,
  ref: { reference: string; expectedVersion: number },
  type: "TRIAGE" | "CLOSE",
  payload: Record<string, string>,
): Promise<FormResult> {
  try {
    await applyComplaintEvent(await currentActor(), { ...ref, type, payload });
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath(`/secretariat/complaints/${ref.reference}`);
  revalidatePath("/secretariat/complaints");
  revalidatePath("/secretariat");
  return { ...submission.reply(), ok: true, at: Date.now() };
}

export async function triageAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, TriageFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { reference, expectedVersion, handlerId } = submission.value;
  return run(submission, { reference, expectedVersion }, "TRIAGE", { handlerId });
}

export async function closeAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, CloseFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { reference, expectedVersion, outcome, publicSummary } = submission.value;
  return run(submission, { reference, expectedVersion }, "CLOSE", { outcome, publicSummary });
}
