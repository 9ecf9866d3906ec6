"use server";
// Thin: read the form, call one use case as the signed-in person, return translated field errors.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { createUser } from "@/lib/admin/create-user";
import { changeRole } from "@/lib/admin/change-role";
import { disableUser } from "@/lib/admin/disable-user";
import { enableUser } from "@/lib/admin/enable-user";
import { issueSetPasswordLink } from "@/lib/admin/issue-set-password-link";
import { addAffiliation } from "@/lib/admin/add-affiliation";
import { removeAffiliation } from "@/lib/admin/remove-affiliation";
import { currentActor, failure, formFields } from "../_lib/form-state";
import type { FormState } from "../_components/form-state-type";

function refresh(userId?: string) {
  revalidatePath("/admin/users");
  if (userId) revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin");
}

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["email", "name", "role", "organizationId"]);
  try {
    const r = await createUser(await currentActor(), values);
    refresh();
    const t = await getTranslations("admin");
    // The link is mailed to the person; only a demo or development portal shows it here too.
    const message = r.setPasswordUrl ? t("users.created", { email: r.user.email }) : t("users.createdMailed", { email: r.mailedTo });
    return { ok: true, message, secret: r.setPasswordUrl, values: { userId: r.user.id } };
  } catch (e) {
    return failure(e, "admin", values);
  }
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["userId", "role"]);
  try {
    await changeRole(await currentActor(), values);
    refresh(values.userId);
    return { ok: true, message: (await getTranslations("admin"))("user.roleChanged") };
  } catch (e) {
    return failure(e, "admin", values);
  }
}

export async function setDisabledAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["userId", "disable"]);
  try {
    const actor = await currentActor();
    if (values.disable === "1") await disableUser(actor, values);
    else await enableUser(actor, values);
    refresh(values.userId);
    return { ok: true, message: (await getTranslations("admin"))(values.disable === "1" ? "user.disabledDone" : "user.enabledDone") };
  } catch (e) {
    return failure(e, "admin");
  }
}

export async function issueLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["userId"]);
  try {
    const r = await issueSetPasswordLink(await currentActor(), values);
    refresh(values.userId);
    const t = await getTranslations("admin");
    return { ok: true, message: r.setPasswordUrl ? t("user.linkIssued") : t("user.linkMailed", { email: r.mailedTo }), secret: r.setPasswordUrl };
  } catch (e) {
    return failure(e, "admin");
  }
}

export async function addAffiliationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["userId", "organizationId", "note"]);
  try {
    await addAffiliation(await currentActor(), values);
    refresh(values.userId);
    return { ok: true, message: (await getTranslations("admin"))("affiliations.added") };
  } catch (e) {
    return failure(e, "admin", values);
  }
}

export async function removeAffiliationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formFields(formData, ["affiliationId"]);
  try {
    const r = await removeAffiliation(await currentActor(), values);
    refresh(r.userId);
    return { ok: true, message: (await getTranslations("admin"))("affiliations.removed") };
  } catch (e) {
    return failure(e, "admin");
  }
}
