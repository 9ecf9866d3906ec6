"use server";
// The account page's second-factor forms: each parses its form with the schema the browser validated
// with (lib/forms/account-schemas.ts); every rule is in lib/auth/totp.ts. Refusals come back as the
// account forms' codes (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes, startEnrolment } from "@/lib/auth/totp";
import { StartEnrolmentInput, TotpCodeInput } from "@/lib/forms/account-schemas";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../_lib/form-reply";

export type SecondFactorState = FormResult & {
  /** While enrolling: the secret to type and its QR code (SVG made on the server from the otpauth URI). */
  setup?: { secret: string; qrSvg: string };
  /** Shown once, after enrolment or renewal. */
  recoveryCodes?: string[];
};

export async function startEnrolmentAction(_prev: SecondFactorState | undefined, formData: FormData): Promise<SecondFactorState> {
  const submission = parseForm(formData, StartEnrolmentInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    const r = await startEnrolment(await currentActor());
    return { ...submission.reply(), ok: true, setup: { secret: r.secret, qrSvg: r.qrSvg } };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function confirmEnrolmentAction(prev: SecondFactorState | undefined, formData: FormData): Promise<SecondFactorState> {
  const submission = parseForm(formData, TotpCodeInput);
  // Keep the QR code on the screen for another try.
  if (submission.status !== "success") return { ...submission.reply(), ok: false, setup: prev?.setup };
  try {
    const r = await confirmEnrolment(await currentActor(), submission.value);
    // No revalidation here: the page would re-render as "on" and the recovery codes, shown only now,
    // would vanish. The form's "continue" button refreshes the page once they are kept.
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("account"))("twoFactor.enabled"), recoveryCodes: r.recoveryCodes };
  } catch (e) {
    return { ...refusalReply(submission, e, { local: true }), setup: prev?.setup };
  }
}

export async function regenerateCodesAction(_prev: SecondFactorState | undefined, formData: FormData): Promise<SecondFactorState> {
  const submission = parseForm(formData, TotpCodeInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    const r = await regenerateRecoveryCodes(await currentActor(), submission.value);
    revalidatePath("/account");
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("account"))("twoFactor.renewed"), recoveryCodes: r.recoveryCodes };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}

export async function disableSecondFactorAction(_prev: SecondFactorState | undefined, formData: FormData): Promise<SecondFactorState> {
  const submission = parseForm(formData, TotpCodeInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  try {
    await disableSecondFactor(await currentActor(), submission.value);
    revalidatePath("/account");
    return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("account"))("twoFactor.disabled") };
  } catch (e) {
    return refusalReply(submission, e, { local: true });
  }
}
