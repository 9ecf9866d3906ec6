"use server";
// Thin: an invited lab submits its values for a round (lib/proficiency/rounds.ts). The form is
// parsed with the schema the browser validated with (secretariat/proficiency/schemas.ts); refusals
// come back as codes on the items (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import { submitValues } from "@/lib/proficiency/rounds";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { labNumber, ValuesFields } from "../../secretariat/proficiency/schemas";

export async function submitValuesAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, ValuesFields);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { roundId, keys, values } = submission.value;
  try {
    await submitValues(await currentActor(), roundId, { values: Object.fromEntries(keys.map((k) => [k, labNumber(values?.[k] ?? "")])) });
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath(`/lab/proficiency/${roundId}`);
  revalidatePath("/lab/proficiency");
  revalidatePath("/lab");
  return { ...submission.reply(), ok: true, at: Date.now() };
}
