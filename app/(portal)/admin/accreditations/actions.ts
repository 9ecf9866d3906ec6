"use server";
// Parse with the schema the browser validated with (lib/admin/schemas.ts), then one use case. The
// use case gets the dates as typed (YYYY-MM-DD): its schema reads a bare date as a whole UTC day.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { addAccreditation } from "@/lib/admin/add-accreditation";
import { changeAccreditationDates } from "@/lib/admin/change-accreditation-dates";
import { removeAccreditation } from "@/lib/admin/remove-accreditation";
import { AccreditationRef, AddAccreditationInput, ChangeAccreditationDatesInput } from "@/lib/admin/schemas";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";

function refresh() {
  revalidatePath("/admin/accreditations");
  revalidatePath("/admin/organizations", "layout");
  revalidatePath("/admin");
}

/** The form's text fields as typed. */
function typed(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, String(formData.get(n) ?? "")]));
}

export async function addAccreditationAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, AddAccreditationInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await addAccreditation(await currentActor(), typed(formData, ["labOrgId", "category", "validFrom", "validUntil", "number", "body", "scope"]));
    refresh();
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("admin"))("accreditations.added") };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function changeAccreditationDatesAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, ChangeAccreditationDatesInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await changeAccreditationDates(await currentActor(), typed(formData, ["accreditationId", "validFrom", "validUntil", "number", "body", "scope"]));
    refresh();
    return { ...submission.reply(), ok: true, message: (await getTranslations("admin"))("accreditations.changed") };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function removeAccreditationAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, AccreditationRef);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await removeAccreditation(await currentActor(), submission.value);
    refresh();
    return { ...submission.reply(), ok: true, message: (await getTranslations("admin"))("accreditations.removed") };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}
