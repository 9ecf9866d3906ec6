"use server";
// Thin: the secretariat creates and closes proficiency-testing rounds (lib/proficiency/rounds.ts).
// Refusals come back as codes in the reader's language.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth/session";
import { closeRound, createRound } from "@/lib/proficiency/rounds";
import { errorTexts } from "@/app/(portal)/_lib/error-text";

export type RoundFormState = { ok: boolean; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string | string[]> };

function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
}

async function refused(e: unknown, values?: RoundFormState["values"]): Promise<RoundFormState> {
  if (!(e instanceof AppError)) throw e;
  const texts = await errorTexts();
  const t = await getTranslations("proficiency.form");
  return { ok: false, fieldErrors: texts.fields(e), formError: e.reason === "INVALID_REQUEST" ? t("checkFields") : (texts.message(e) ?? e.message), values };
}

export async function createRoundAction(_prev: RoundFormState, formData: FormData): Promise<RoundFormState> {
  const [schemeId, schemeVersion] = text(formData, "scheme").split("@");
  const values = {
    title: text(formData, "title"),
    scheme: text(formData, "scheme"),
    referenceSample: text(formData, "referenceSample"),
    deadline: text(formData, "deadline"),
    items: formData.getAll("items").map(String),
    labIds: formData.getAll("labIds").map(String),
  };
  let id: string;
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "SIGN_IN_REQUIRED" });
    const round = await createRound(user, { ...values, schemeId: schemeId ?? "", schemeVersion: schemeVersion ?? "" });
    id = round.id;
  } catch (e) {
    const r = await refused(e, values);
    // The scheme is chosen in one control: its two halves' errors show there.
    if (r.fieldErrors && !r.fieldErrors.scheme) r.fieldErrors.scheme = r.fieldErrors.schemeId ?? r.fieldErrors.schemeVersion ?? "";
    if (r.fieldErrors && !r.fieldErrors.scheme) delete r.fieldErrors.scheme;
    return r;
  }
  revalidatePath("/secretariat/proficiency");
  redirect(`/secretariat/proficiency/${id}`);
}

export async function closeRoundAction(_prev: RoundFormState, formData: FormData): Promise<RoundFormState> {
  const id = text(formData, "roundId");
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "SIGN_IN_REQUIRED" });
    await closeRound(user, id);
  } catch (e) {
    return refused(e);
  }
  revalidatePath(`/secretariat/proficiency/${id}`);
  revalidatePath("/secretariat/proficiency");
  return { ok: true };
}
