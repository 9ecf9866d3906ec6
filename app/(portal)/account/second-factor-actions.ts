"use server";
// The account page's second-factor forms: thin, every rule is in lib/auth/totp.ts.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes, startEnrolment } from "@/lib/auth/totp";
import { currentActor, failure, formFields } from "../admin/_lib/form-state";
import type { FormState } from "../admin/_components/form-state-type";

export type SecondFactorState = FormState & {
  /** While enrolling: the secret to type and its QR code (SVG made on the server from the otpauth URI). */
  setup?: { secret: string; qrSvg: string };
  /** Shown once, after enrolment or renewal. */
  recoveryCodes?: string[];
};

export async function startEnrolmentAction(): Promise<SecondFactorState> {
  try {
    const r = await startEnrolment(await currentActor());
    return { ok: true, setup: { secret: r.secret, qrSvg: r.qrSvg } };
  } catch (e) {
    return failure(e, "account");
  }
}

export async function confirmEnrolmentAction(prev: SecondFactorState, formData: FormData): Promise<SecondFactorState> {
  const values = formFields(formData, ["code"]);
  try {
    const r = await confirmEnrolment(await currentActor(), values);
    // No revalidation here: the page would re-render as "on" and the recovery codes, shown only now,
    // would vanish. The form's "continue" button refreshes the page once they are kept.
    return { ok: true, message: (await getTranslations("account"))("twoFactor.enabled"), recoveryCodes: r.recoveryCodes };
  } catch (e) {
    // Keep the QR code on the screen for another try.
    return { ...(await failure(e, "account")), setup: prev.setup };
  }
}

export async function regenerateCodesAction(_prev: SecondFactorState, formData: FormData): Promise<SecondFactorState> {
  const values = formFields(formData, ["code"]);
  try {
    const r = await regenerateRecoveryCodes(await currentActor(), values);
    revalidatePath("/account");
    return { ok: true, message: (await getTranslations("account"))("twoFactor.renewed"), recoveryCodes: r.recoveryCodes };
  } catch (e) {
    return failure(e, "account");
  }
}

export async function disableSecondFactorAction(_prev: SecondFactorState, formData: FormData): Promise<SecondFactorState> {
  const values = formFields(formData, ["code"]);
  try {
    await disableSecondFactor(await currentActor(), values);
    revalidatePath("/account");
    return { ok: true, message: (await getTranslations("account"))("twoFactor.disabled") };
  } catch (e) {
    return failure(e, "account");
  }
}
