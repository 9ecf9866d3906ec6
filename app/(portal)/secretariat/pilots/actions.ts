"use server";
// Thin: the secretariat creates, opens and closes pilots, a ministry user approves them
// (lib/pilots). Each parses its form with the schema the browser validated with (./schemas.ts);
// refusals come back as codes on the fields.
import { revalidatePath } from "next/cache";
import { createPilot } from "@/lib/pilots/create-pilot";
import { sendPilotEvent } from "@/lib/pilots/pilot-event";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { PilotEventFields, PilotFields } from "./schemas";

export async function createPilotAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, PilotFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { screening, testing, review, decision, scope, ...rest } = submission.value;
  try {
    await createPilot(await currentActor(), { ...rest, scope: scope ?? [], stageLimits: { screening, testing, review, decision } });
  } catch (e) {
    const reply = refusalReply(submission, e);
    // The lib names the limits inside stageLimits; the form has them at the top.
    if (reply.error) {
      for (const k of ["screening", "testing", "review", "decision"]) {
        const v = reply.error[`stageLimits.${k}`];
        if (v) {
          reply.error[k] = v;
          delete reply.error[`stageLimits.${k}`];
        }
      }
    }
    return reply;
  }
  revalidatePath("/secretariat/pilots");
  return { ...submission.reply({ resetForm: true }), ok: true, at: Date.now() };
}

export async function pilotEventAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, PilotEventFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await sendPilotEvent(await currentActor(), submission.value.pilotId, { type: submission.value.type });
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath("/secretariat/pilots");
  revalidatePath("/ministry");
  return { ...submission.reply(), ok: true, at: Date.now() };
}
