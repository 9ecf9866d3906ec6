"use server";
// The expert's conflict declarations from the page: the same lib calls as /api/v1/me/conflicts.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { declareConflict, withdrawConflict } from "@/lib/conflicts/declarations";
import { currentActor, failure, formFields } from "../../admin/_lib/form-state";
import type { FormState } from "../../admin/_components/form-state-type";

const FIELDS = ["organizationId", "kind", "note", "declaredFrom", "declaredUntil"] as const;

export async function declareConflictAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, FIELDS);
  try {
    await declareConflict(await currentActor(), {
      organizationId: values.organizationId,
      kind: values.kind,
      note: values.note || null,
      declaredFrom: values.declaredFrom,
      declaredUntil: values.declaredUntil || null,
    });
    revalidatePath("/expert/conflicts");
    return { ok: true, message: (await getTranslations("conflicts"))("declared") };
  } catch (e) {
    return failure(e, "account", values);
  }
}

export async function withdrawConflictAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { id } = formFields(formData, ["id"]);
  try {
    await withdrawConflict(await currentActor(), id);
    revalidatePath("/expert/conflicts");
    return { ok: true, message: (await getTranslations("conflicts"))("withdrawn") };
  } catch (e) {
    return failure(e, "account");
  }
}
