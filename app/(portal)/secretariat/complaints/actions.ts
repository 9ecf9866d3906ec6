"use server";
// Thin: the secretariat's triage and the handler's close, through the complaint's one door
// (lib/complaints/apply-complaint-event.ts). Refusals come back in the reader's language.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth/session";
import { applyComplaintEvent } from "@/lib/complaints/apply-complaint-event";
import { errorTexts } from "@/app/(portal)/_lib/error-text";

export type HandleState = { ok: boolean; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
}

async function run(formData: FormData, type: "TRIAGE" | "CLOSE", payload: Record<string, string>): Promise<HandleState> {
  const reference = text(formData, "reference");
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "SIGN_IN_REQUIRED" });
    await applyComplaintEvent(user, { reference, type, expectedVersion: Number(text(formData, "expectedVersion")), payload });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const texts = await errorTexts();
    const t = await getTranslations("complaints.form");
    return { ok: false, fieldErrors: texts.fields(e), formError: e.reason === "INVALID_REQUEST" ? t("checkFields") : (texts.message(e) ?? e.message), values: payload };
  }
  revalidatePath(`/secretariat/complaints/${reference}`);
  revalidatePath("/secretariat/complaints");
  revalidatePath("/secretariat");
  return { ok: true };
}

export async function triageAction(_prev: HandleState, formData: FormData): Promise<HandleState> {
  return run(formData, "TRIAGE", { handlerId: text(formData, "handlerId") });
}

export async function closeAction(_prev: HandleState, formData: FormData): Promise<HandleState> {
  return run(formData, "CLOSE", { outcome: text(formData, "outcome"), publicSummary: text(formData, "publicSummary") });
}
