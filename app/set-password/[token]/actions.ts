"use server";
// Public: the one-time link is the credential. Refusals come back as translated form state.
import { setPasswordWithLink } from "@/lib/auth/set-password";
import { failure, formFields } from "@/app/(portal)/admin/_lib/form-state";
import type { FormState } from "@/app/(portal)/admin/_components/form-state-type";

export async function setPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { token, ...values } = formFields(formData, ["token", "password", "confirm"]);
  try {
    const u = await setPasswordWithLink(token, values);
    return { ok: true, values: { email: u.email } };
  } catch (e) {
    return failure(e, "account");
  }
}
