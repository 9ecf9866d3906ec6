"use server";
// Thin: run a failed outbox job again as the signed-in administrator; refusals come back translated.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { retryDeadLetter } from "@/lib/outbox/dead-letters";
import { kickOutbox } from "@/lib/outbox/kick";
import { currentActor, failure, formFields } from "../_lib/form-state";
import type { FormState } from "../_components/form-state-type";

export async function retryJobAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["jobId"]);
  try {
    await retryDeadLetter(await currentActor(), values);
  } catch (e) {
    if (e instanceof AppError && e.details?.reason === "JOB_NOT_FAILED") {
      return { ok: false, formError: (await getTranslations("admin"))("outbox.errors.JOB_NOT_FAILED"), values };
    }
    return failure(e, "admin", values);
  }
  kickOutbox();
  revalidatePath("/admin");
  // The job leaves the list; the page says what happened (its row, and any message in it, is gone).
  redirect("/admin/outbox?retried=1");
}
