"use server";
// Thin: run a failed outbox job again as the signed-in administrator; refusals come back as codes
// (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { retryDeadLetter } from "@/lib/outbox/dead-letters";
import { kickOutbox } from "@/lib/outbox/kick";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { currentActor } from "../_lib/form-state";
import { RetryJobFields } from "./retry-schema";

export async function retryJobAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, RetryJobFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await retryDeadLetter(await currentActor(), submission.value);
  } catch (e) {
    if (e instanceof AppError && e.details?.reason === "JOB_NOT_FAILED") {
      return { ...submission.reply({ formErrors: ["jobNotFailed"] }), ok: false, at: Date.now() };
    }
    return refusalReply(submission, e, { local: true });
  }
  kickOutbox();
  revalidatePath("/admin");
  // The job leaves the list; the page says what happened (its row, and any message in it, is gone).
  redirect("/admin/outbox?retried=1");
}
