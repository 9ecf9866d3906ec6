"use server";
// Thin server actions for the scheme pages: parse the form with the schema the browser validated
// with (./schemas.ts), call one lib/schemes use case, and hand refusals back as error codes on the
// fields lib/schemes names (docs/decisions/0009-forms-conform-zod.md).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { Submission } from "@conform-to/react";
import { addDraftItem, createDraft, removeDraftItem, updateDraftItem, type ItemPatch } from "@/lib/schemes";
import { parseForm } from "@/app/_components/ui/form-codes";
import { currentActor } from "../../admin/_lib/form-state";
import { refusalReply, type FormResult } from "../../_lib/form-reply";
import { AddItemInput, FORM_NAMES, NewDraftInput, RemoveItemInput, UpdateItemInput } from "./schemas";

/**
 * A lib refusal as the form's reply, its field codes under the form's names (`title.en` → `titleEn`).
 * Codes that are not domain codes read from messages/<locale>/schemes.json `errors` (CONFLICT, …).
 */
function refuse(submission: Submission<unknown>, e: unknown): FormResult {
  const reply = refusalReply(submission, e, { local: true });
  if (reply.error) reply.error = Object.fromEntries(Object.entries(reply.error).map(([k, v]) => [FORM_NAMES[k] ?? k, v]));
  return reply;
}

const pathOf = (schemeId: string, version: string) => `/secretariat/schemes/${encodeURIComponent(schemeId)}/${encodeURIComponent(version)}`;

export async function createDraftAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, NewDraftInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const { schemeId, version, newVersion } = submission.value;
  let target: string;
  try {
    const draft = await createDraft(await currentActor(), { fromSchemeId: schemeId, fromVersion: version, newVersion });
    target = pathOf(draft.schemeId, draft.version);
  } catch (e) {
    return refuse(submission, e);
  }
  revalidatePath("/secretariat/schemes");
  redirect(target);
}

export async function updateItemAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, UpdateItemInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  try {
    await updateDraftItem(await currentActor(), {
      schemeId: f.schemeId,
      version: f.version,
      itemKey: f.itemKey,
      patch: {
        title: { en: f.titleEn, zh: f.titleZh },
        method: { en: f.methodEn, zh: f.methodZh },
        unit: f.unit as ItemPatch["unit"],
        better: f.better as ItemPatch["better"],
        thresholds: { L1: f.L1 ?? null, L2: f.L2 ?? null, L3: f.L3 ?? null },
        mode: f.mode === "" ? null : f.mode,
        testSet: f.testSetId && f.testSetVersion && f.testSetSize !== undefined ? { id: f.testSetId, version: f.testSetVersion, size: f.testSetSize } : null,
        uncertaintyRequired: f.uncertaintyRequired === true,
        minSamples: f.minSamples ?? null,
        qualifying: { L1: f.qualifyingL1 === true, L2: f.qualifyingL2 === true, L3: f.qualifyingL3 === true },
      },
    });
  } catch (e) {
    return refuse(submission, e);
  }
  revalidatePath(pathOf(f.schemeId, f.version), "layout");
  return { ...submission.reply(), ok: true, message: (await getTranslations("schemes"))("saved"), at: Date.now() };
}

export async function addItemAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, AddItemInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const f = submission.value;
  const thresholds: Record<string, number> = {};
  for (const level of ["L1", "L2", "L3"] as const) if (f[level] !== undefined) thresholds[level] = f[level];
  try {
    await addDraftItem(await currentActor(), {
      schemeId: f.schemeId,
      version: f.version,
      elementKey: f.elementKey,
      item: { key: f.key, title: { en: f.titleEn, zh: f.titleZh }, method: { en: f.methodEn, zh: f.methodZh }, unit: f.unit, better: f.better, thresholds },
    });
  } catch (e) {
    return refuse(submission, e);
  }
  revalidatePath(pathOf(f.schemeId, f.version), "layout");
  // The form clears for the next item.
  return { ...submission.reply({ resetForm: true }), ok: true, message: (await getTranslations("schemes"))("itemAdded"), at: Date.now() };
}

export async function removeItemAction(_prev: FormResult | undefined, form: FormData): Promise<FormResult> {
  const submission = parseForm(form, RemoveItemInput);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const ref = submission.value;
  try {
    await removeDraftItem(await currentActor(), ref);
  } catch (e) {
    const reply = refuse(submission, e);
    // Removing the last item of an element leaves the element empty: the form says that field's code.
    const fieldCode = Object.entries(reply.error ?? {}).find(([k, v]) => k !== "" && v?.length)?.[1];
    if (fieldCode && reply.error) reply.error[""] = fieldCode;
    return reply;
  }
  revalidatePath(pathOf(ref.schemeId, ref.version), "layout");
  return { ...submission.reply(), ok: true, at: Date.now() };
}

// Proposing, answering and publishing are governance steps: app/(portal)/schemes/actions.ts.
