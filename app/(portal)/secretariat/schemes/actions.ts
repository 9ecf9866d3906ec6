"use server";
// Thin server actions for the scheme pages: parse the form, call one lib/schemes use case, and
// hand field errors back to the form instead of throwing.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { AppError, englishMessage } from "@/lib/errors";
import { zodIssueRef } from "@/lib/domain";
import { errorTexts } from "../../_lib/error-text";
import { addDraftItem, createDraft, publishDraft, removeDraftItem, updateDraftItem, type ItemPatch } from "@/lib/schemes";
import type { FormState } from "./_components/form-state";

const text = z.string().trim();
/** "" → no threshold; anything else must read as a number. */
const threshold = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: englishMessage("NOT_A_NUMBER"), params: { reason: "NOT_A_NUMBER" } });
      return z.NEVER;
    }
    return n;
  });

const Ref = z.object({ schemeId: text.min(1), version: text.min(1) });
const ItemFields = z.object({
  titleEn: text,
  titleZh: text,
  methodEn: text,
  methodZh: text,
  unit: text,
  better: text,
  L1: threshold,
  L2: threshold,
  L3: threshold,
});
// Form field name → the key lib/schemes uses for the same field in its error details.
const FIELD_KEYS: Record<string, string> = {
  titleEn: "title.en",
  titleZh: "title.zh",
  methodEn: "method.en",
  methodZh: "method.zh",
  L1: "thresholds.L1",
  L2: "thresholds.L2",
  L3: "thresholds.L3",
};

/** The signed-in caller; the use case itself decides what the caller may do. */
async function actor() {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  return user;
}

function fields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}

type T = Awaited<ReturnType<typeof getTranslations<"schemes">>>;

/** A refusal as form state: messages and field errors from the refusal's domain codes, in the reader's language. */
async function refuse(e: unknown, values: Record<string, string>): Promise<FormState> {
  if (!(e instanceof AppError)) throw e;
  const t = await getTranslations("schemes");
  const texts = await errorTexts();
  if (e.reason === "REAUTH_REQUIRED") return { ok: false, reauth: true, message: texts.say({ reason: "REAUTH_REQUIRED" }), values };
  if (e.code === "INVALID_INPUT") {
    // A field named only in English (an older refusal) reads as "not valid", never in English.
    const fieldErrors: Record<string, string> = {};
    for (const k of Object.keys(e.details ?? {})) if (k !== "reason") fieldErrors[k] = texts.say({ reason: "FIELD_INVALID" });
    Object.assign(fieldErrors, texts.fields(e));
    return { ok: false, message: t("fixErrors"), fieldErrors, values };
  }
  const known = { CONFLICT: "errConflict", FORBIDDEN: "errForbidden", NOT_FOUND: "errNotFound", UNAUTHENTICATED: "errSignIn" } as const;
  const key = known[e.code as keyof typeof known];
  return { ok: false, message: key ? t(key) : (texts.message(e) ?? e.message), values };
}

async function zodRefusal(error: z.ZodError, values: Record<string, string>, t: T): Promise<FormState> {
  const texts = await errorTexts();
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "_");
    fieldErrors[FIELD_KEYS[name] ?? name] ??= texts.say(zodIssueRef(issue));
  }
  return { ok: false, message: t("fixErrors"), fieldErrors, values };
}

const pathOf = (schemeId: string, version: string) => `/secretariat/schemes/${encodeURIComponent(schemeId)}/${encodeURIComponent(version)}`;

export async function createDraftAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = fields(form);
  let target: string;
  try {
    const draft = await createDraft(await actor(), { fromSchemeId: values.schemeId ?? "", fromVersion: values.version ?? "", newVersion: values.newVersion ?? "" });
    target = pathOf(draft.schemeId, draft.version);
  } catch (e) {
    const refused = await refuse(e, values);
    if (refused.fieldErrors?.newVersion) {
      const t = await getTranslations("schemes");
      // A version taken says so (its code); any other refusal of the field is about its format.
      if (e instanceof AppError && e.fields?.newVersion?.reason !== "SCHEME_VERSION_TAKEN") refused.fieldErrors.newVersion = t("errVersionFormat");
    }
    return refused;
  }
  revalidatePath("/secretariat/schemes");
  redirect(target);
}

export async function updateItemAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = fields(form);
  const t = await getTranslations("schemes");
  const ref = Ref.extend({ itemKey: text.min(1) }).safeParse(values);
  const item = ItemFields.safeParse(values);
  if (!ref.success) return { ok: false, message: t("errNotFound"), values };
  if (!item.success) return await zodRefusal(item.error, values, t);
  const f = item.data;
  try {
    await updateDraftItem(await actor(), {
      ...ref.data,
      patch: {
        title: { en: f.titleEn, zh: f.titleZh },
        method: { en: f.methodEn, zh: f.methodZh },
        unit: f.unit as ItemPatch["unit"],
        better: f.better as ItemPatch["better"],
        thresholds: { L1: f.L1, L2: f.L2, L3: f.L3 },
      },
    });
  } catch (e) {
    return refuse(e, values);
  }
  revalidatePath(pathOf(ref.data.schemeId, ref.data.version), "layout");
  return { ok: true, message: t("saved"), values, savedAt: Date.now() };
}

export async function addItemAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = fields(form);
  const t = await getTranslations("schemes");
  const ref = Ref.extend({ elementKey: text.min(1), key: text }).safeParse(values);
  const item = ItemFields.safeParse(values);
  if (!ref.success) return { ok: false, message: t("errNotFound"), values };
  if (!item.success) return await zodRefusal(item.error, values, t);
  const f = item.data;
  const thresholds: Record<string, number> = {};
  for (const level of ["L1", "L2", "L3"] as const) if (f[level] !== null) thresholds[level] = f[level];
  try {
    await addDraftItem(await actor(), {
      schemeId: ref.data.schemeId,
      version: ref.data.version,
      elementKey: ref.data.elementKey,
      item: { key: ref.data.key, title: { en: f.titleEn, zh: f.titleZh }, method: { en: f.methodEn, zh: f.methodZh }, unit: f.unit, better: f.better, thresholds },
    });
  } catch (e) {
    return refuse(e, values);
  }
  revalidatePath(pathOf(ref.data.schemeId, ref.data.version), "layout");
  // Empty values: the form clears for the next item.
  return { ok: true, message: t("itemAdded"), values: {}, savedAt: Date.now() };
}

export async function removeItemAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = fields(form);
  const t = await getTranslations("schemes");
  const ref = Ref.extend({ itemKey: text.min(1) }).safeParse(values);
  if (!ref.success) return { ok: false, message: t("errNotFound") };
  try {
    await removeDraftItem(await actor(), ref.data);
  } catch (e) {
    const refused = await refuse(e, values);
    // Removing the last item of an element leaves the element empty: say so plainly.
    if (refused.fieldErrors) refused.message = Object.values(refused.fieldErrors).join(" ");
    return refused;
  }
  revalidatePath(pathOf(ref.data.schemeId, ref.data.version), "layout");
  return { ok: true, savedAt: Date.now() };
}

export async function publishAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = fields(form);
  const ref = Ref.safeParse(values);
  const t = await getTranslations("schemes");
  if (!ref.success) return { ok: false, message: t("errNotFound") };
  try {
    await publishDraft(await actor(), ref.data.schemeId, ref.data.version);
  } catch (e) {
    return refuse(e, values);
  }
  revalidatePath("/secretariat/schemes", "layout");
  revalidatePath("/schemes", "layout");
  redirect(`${pathOf(ref.data.schemeId, ref.data.version)}?published=1`);
}
