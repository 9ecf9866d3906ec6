"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { createOrganization } from "@/lib/admin/create-organization";
import { renameOrganization } from "@/lib/admin/rename-organization";
import { currentActor, failure, formFields } from "../_lib/form-state";
import type { FormState } from "../_components/form-state-type";

export async function createOrganizationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["name", "nameZh", "kind"]);
  try {
    const org = await createOrganization(await currentActor(), values);
    revalidatePath("/admin/organizations");
    revalidatePath("/admin");
    return { ok: true, message: (await getTranslations("admin"))("organizations.created", { name: org.name }) };
  } catch (e) {
    return failure(e, "admin", values);
  }
}

export async function renameOrganizationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["organizationId", "name", "nameZh"]);
  try {
    await renameOrganization(await currentActor(), values);
    revalidatePath("/admin/organizations");
    revalidatePath(`/admin/organizations/${values.organizationId}`);
    return { ok: true, message: (await getTranslations("admin"))("organizations.renamed") };
  } catch (e) {
    return failure(e, "admin", values);
  }
}
