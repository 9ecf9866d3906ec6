"use server";
// Thin: the vendor publishes or withdraws its certified case's results (lib/pilots/publish-results.ts).
import { revalidatePath } from "next/cache";
import { setResultsPublication } from "@/lib/pilots/publish-results";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { PublishFields } from "./_lib/publish-fields";

export async function publishResultsAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, PublishFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { caseId, publish } = submission.value;
  try {
    await setResultsPublication(await currentActor(), caseId, { publish: publish === "true" });
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath(`/cases/${caseId}`);
  revalidatePath("/registry");
  return { ...submission.reply(), ok: true, at: Date.now() };
}
