"use server";
// Thin server actions for the category screen: parse the form with its schema, call one lib use
// case (lib/categories, lib/schemes), and hand refusals back as codes on the fields.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { addCategory } from "@/lib/categories";
import { createDraft } from "@/lib/schemes";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { AddCategoryForm, FirstSchemeForm } from "./schemas";

export async function addCategoryAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, AddCategoryForm);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  let added: { key: string; nameZh: string; nameEn: string };
  try {
    added = await addCategory(await currentActor(), submission.value);
  } catch (e) {
    return refusalReply(submission, e);
  }
  revalidatePath("/secretariat/categories");
  const t = await getTranslations("categories");
  return { ...submission.reply({ resetForm: true }), ok: true, message: t("added", { key: added.key }), at: Date.now() };
}

export async function firstSchemeAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, FirstSchemeForm);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { category, source, newVersion } = submission.value;
  const at = source.lastIndexOf("@");
  let target: string;
  try {
    const draft = await createDraft(await currentActor(), {
      fromSchemeId: source.slice(0, at),
      fromVersion: source.slice(at + 1),
      newVersion,
      forCategory: category,
    });
    target = `/secretariat/schemes/${encodeURIComponent(draft.schemeId)}/${encodeURIComponent(draft.version)}`;
  } catch (e) {
    // SCHEME_VERSION_TAKEN lands on newVersion; CATEGORY_UNKNOWN and SCHEME_ID_TAKEN on the form.
    return refusalReply(submission, e);
  }
  revalidatePath("/secretariat/categories");
  revalidatePath("/secretariat/schemes");
  redirect(target);
}
