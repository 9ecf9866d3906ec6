"use server";
// The account page's actions: each parses its form with the schema the browser validated with
// (lib/forms/account-schemas.ts), then calls the lib, which checks again. Passwords are never sent back.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { changePassword } from "@/lib/auth/change-password";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { ApiTokenRef, ChangePasswordInput, CreateApiTokenInput } from "@/lib/forms/account-schemas";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../_lib/form-reply";

const PASSWORDS = ["currentPassword", "password", "confirm"];

export async function changePasswordAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, ChangePasswordInput);
  if (submission.status !== "success") return { ...submission.reply({ hideFields: PASSWORDS }), ok: false };
  try {
    await changePassword(await currentActor(), submission.value);
    // Every session of this person has now ended, this one too: the form signs them out.
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("account"))("password.changed") };
  } catch (e) {
    return refusalReply(submission, e, { local: true, hideFields: PASSWORDS });
  }
}

export async function createTokenAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, CreateApiTokenInput);
  if (submission.status !== "success") return { ...submission.reply({ hideFields: ["password"] }), ok: false };
  try {
    const r = await createApiToken(await currentActor(), submission.value);
    revalidatePath("/account");
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("account"))("tokens.created", { name: r.name }), secret: r.token };
  } catch (e) {
    // What was typed comes back after a refusal, never the password.
    return refusalReply(submission, e, { local: true, hideFields: ["password"] });
  }
}

export async function revokeTokenAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, ApiTokenRef);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await revokeApiToken(await currentActor(), submission.value);
    revalidatePath("/account");
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("account"))("tokens.revoked") };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}
