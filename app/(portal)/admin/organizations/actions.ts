"use server";
// Parse with the schema the browser validated with (lib/admin/schemas.ts), then one use case.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { createOrganization } from "@/lib/admin/create-organization";
import { renameOrganization } from "@/lib/admin/rename-organization";
import { OrganizationInput, RenameOrganizationInput } from "@/lib/admin/schemas";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";

export async function createOrganizationAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, OrganizationInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    const org = await createOrganization(await currentActor(), submission.value);
    revalidatePath("/admin/organizations");
    revalidatePath("/admin");
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("admin"))("organizations.created", { name: org.name }) };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function renameOrganizationAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, RenameOrganizationInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await renameOrganization(await currentActor(), submission.value);
    revalidatePath("/admin/organizations");
    revalidatePath(`/admin/organizations/${submission.value.organizationId}`);
    return { ...submission.reply(), ok: true, message: (await getTranslations("admin"))("organizations.renamed") };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}
