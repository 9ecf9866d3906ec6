"use server";
// Thin: an invited lab submits its values for a round (lib/proficiency/rounds.ts); refusals as codes
// in the reader's language.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/auth/session";
import { submitValues } from "@/lib/proficiency/rounds";
import { errorTexts } from "@/app/(portal)/_lib/error-text";

export type ValuesFormState = { ok: boolean; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export async function submitValuesAction(_prev: ValuesFormState, formData: FormData): Promise<ValuesFormState> {
  const roundId = String(formData.get("roundId") ?? "");
  const raw: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (k.startsWith("v:") && typeof v === "string") raw[k.slice(2)] = v;
  const t = await getTranslations("proficiency.form");
  // A blank or non-numeric entry is the item's field error, before anything is sent.
  const values: Record<string, number> = {};
  const fieldErrors: Record<string, string> = {};
  const texts = await errorTexts();
  for (const [k, v] of Object.entries(raw)) {
    const n = Number(v.trim().replace(",", "."));
    if (v.trim() === "") fieldErrors[k] = texts.say({ reason: "PT_VALUE_MISSING", params: { item: k } });
    else if (!Number.isFinite(n)) fieldErrors[k] = texts.say({ reason: "FIELD_INVALID" });
    else values[k] = n;
  }
  if (Object.keys(fieldErrors).length) return { ok: false, formError: t("checkFields"), fieldErrors, values: raw };
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first", { reason: "SIGN_IN_REQUIRED" });
    await submitValues(user, roundId, { values });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fields = Object.fromEntries(Object.entries(texts.fields(e)).map(([k, m]) => [k.replace(/^values\./, ""), m]));
    return { ok: false, fieldErrors: fields, formError: e.reason === "INVALID_REQUEST" ? t("checkFields") : (texts.message(e) ?? e.message), values: raw };
  }
  revalidatePath(`/lab/proficiency/${roundId}`);
  revalidatePath("/lab/proficiency");
  revalidatePath("/lab");
  return { ok: true, values: raw };
}
