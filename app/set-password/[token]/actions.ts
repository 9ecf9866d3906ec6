"use server";
// Public: the one-time link is the credential. The form's schema (lib/forms/account-schemas.ts) is the
// one the browser validated with; the lib checks the link and the password again.
import { setPasswordWithLink } from "@/lib/auth/set-password";
import { NewPasswordFields } from "@/lib/forms/account-schemas";
import { parseForm } from "@/app/_components/ui/form-codes";
import { refusalReply, type FormResult } from "@/app/(portal)/_lib/form-reply";

const PASSWORDS = ["password", "confirm"];

export async function setPasswordAction(_prev: FormResult | undefined, formData: FormData): Promise<FormResult> {
  const submission = parseForm(formData, NewPasswordFields);
  if (submission.status !== "success") return { ...submission.reply({ hideFields: PASSWORDS }), ok: false };
  const token = formData.get("token");
  try {
    await setPasswordWithLink(typeof token === "string" ? token : "", submission.value);
    return { ...submission.reply({ resetForm: true }), ok: true };
  } catch (e) {
    return refusalReply(submission, e, { local: true, hideFields: PASSWORDS });
  }
}
