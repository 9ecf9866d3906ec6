"use server";
// Thin: parse the form with the schema the browser validated with (lib/admin/schemas.ts), call one
// use case as the signed-in person, and hand refusals back as the form's own error codes.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { createUser } from "@/lib/admin/create-user";
import { changeRole } from "@/lib/admin/change-role";
import { disableUser } from "@/lib/admin/disable-user";
import { enableUser } from "@/lib/admin/enable-user";
import { issueSetPasswordLink } from "@/lib/admin/issue-set-password-link";
import { addAffiliation } from "@/lib/admin/add-affiliation";
import { removeAffiliation } from "@/lib/admin/remove-affiliation";
import { unlinkInstitutionalAccount } from "@/lib/admin/unlink-institutional";
import { AddAffiliationInput, AffiliationRef, ChangeRoleInput, CreateUserInput, UserRef } from "@/lib/admin/schemas";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";

function refresh(userId?: string) {
  revalidatePath("/admin/users");
  if (userId) revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin");
}

const local = { local: true } as const;

export async function createUserAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, CreateUserInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    const r = await createUser(await currentActor(), submission.value);
    refresh();
    const t = await getTranslations("admin");
    // The link is mailed to the person; only a demo or development portal shows it here too.
    const message = r.setPasswordUrl ? t("users.created", { email: r.user.email }) : t("users.createdMailed", { email: r.mailedTo });
    return { ...submission.reply({ resetForm: true }), ok: true, message, secret: r.setPasswordUrl };
  } catch (e) {
    return refusalReply(submission, e, local);
  }
}

export async function changeRoleAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, ChangeRoleInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await changeRole(await currentActor(), submission.value);
    refresh(submission.value.userId);
    return { ...submission.reply(), ok: true, message: (await getTranslations("admin"))("user.roleChanged") };
  } catch (e) {
    return refusalReply(submission, e, local);
  }
}

export async function setDisabledAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, UserRef);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const disable = formData.get("disable") === "1";
  try {
    const actor = await currentActor();
    if (disable) await disableUser(actor, submission.value);
    else await enableUser(actor, submission.value);
    refresh(submission.value.userId);
    return { ...submission.reply(), ok: true, message: (await getTranslations("admin"))(disable ? "user.disabledDone" : "user.enabledDone") };
  } catch (e) {
    return refusalReply(submission, e, local);
  }
}

export async function issueLinkAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, UserRef);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    const r = await issueSetPasswordLink(await currentActor(), submission.value);
    refresh(submission.value.userId);
    const t = await getTranslations("admin");
    return { ...submission.reply(), ok: true, message: r.setPasswordUrl ? t("user.linkIssued") : t("user.linkMailed", { email: r.mailedTo }), secret: r.setPasswordUrl };
  } catch (e) {
    return refusalReply(submission, e, local);
  }
}

export async function addAffiliationAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, AddAffiliationInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await addAffiliation(await currentActor(), submission.value);
    refresh(submission.value.userId);
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("admin"))("affiliations.added") };
  } catch (e) {
    return refusalReply(submission, e, local);
  }
}

export async function removeAffiliationAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, AffiliationRef);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    const r = await removeAffiliation(await currentActor(), submission.value);
    refresh(r.userId);
    return { ...submission.reply(), ok: true, message: (await getTranslations("admin"))("affiliations.removed") };
  } catch (e) {
    return refusalReply(submission, e, local);
  }
}

export async function unlinkInstitutionalAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, UserRef);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await unlinkInstitutionalAccount(await currentActor(), submission.value);
    refresh(submission.value.userId);
    return { ...submission.reply(), ok: true, message: (await getTranslations("admin"))("user.unlinked") };
  } catch (e) {
    return refusalReply(submission, e, local);
  }
}
