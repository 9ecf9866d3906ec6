"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { addAccreditation } from "@/lib/admin/add-accreditation";
import { changeAccreditationDates } from "@/lib/admin/change-accreditation-dates";
import { removeAccreditation } from "@/lib/admin/remove-accreditation";
import { currentActor, failure, formFields } from "../_lib/form-state";
import type { FormState } from "../_components/form-state-type";

function refresh() {
  revalidatePath("/admin/accreditations");
  revalidatePath("/admin/organizations", "layout");
  revalidatePath("/admin");
}

export async function addAccreditationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["labOrgId", "category", "validFrom", "validUntil"]);
  try {
    await addAccreditation(await currentActor(), values);
    refresh();
    return { ok: true, message: (await getTranslations("admin"))("accreditations.added") };
  } catch (e) {
    return failure(e, "admin", values);
  }
}

export async function changeAccreditationDatesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["accreditationId", "validFrom", "validUntil"]);
  try {
    await changeAccreditationDates(await currentActor(), values);
    refresh();
    return { ok: true, message: (await getTranslations("admin"))("accreditations.changed") };
  } catch (e) {
    return failure(e, "admin", values);
  }
}

export async function removeAccreditationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["accreditationId"]);
  try {
    await removeAccreditation(await currentActor(), values);
    refresh();
    return { ok: true, message: (await getTranslations("admin"))("accreditations.removed") };
  } catch (e) {
    return failure(e, "admin");
  }
}
