"use server";
// Thin server actions of the application wizard: check a step's answers, and create the draft case.
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { createCase } from "@/lib/cases/create-case";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { STEPS, STEP_OF_FIELD, type ApplyValues, type Step, type StepResult } from "./_lib/steps";
import { firstInvalidStep, stepErrors } from "./_lib/validate";

const Values = z.object({
  category: z.string(),
  schemeId: z.string(),
  schemeVersion: z.string(),
  name: z.string(),
  model: z.string(),
  softwareVersion: z.string(),
  onDeviceModel: z.string(),
  cloudModel: z.string(),
  claimedLevel: z.string(),
  accurate: z.boolean(),
  samplesAvailable: z.boolean(),
  acceptsRules: z.boolean(),
});

/** The signed-in caller if they may apply at all; createCase checks again. */
async function applicant() {
  const user = await getSessionUser();
  return user && can(user, "case:create") ? user : null;
}

export async function checkStepAction(step: Step, raw: ApplyValues): Promise<StepResult> {
  const t = await getTranslations("apply");
  const values = Values.safeParse(raw);
  if (!values.success || !(STEPS as readonly string[]).includes(step)) return { ok: false, message: t("errors.badRequest"), fieldErrors: {} };
  const user = await applicant();
  if (!user) return { ok: false, message: t("errors.vendorOnly"), fieldErrors: {} };
  const fieldErrors = await stepErrors(user, step, values.data);
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors, step } : { ok: true };
}

export async function createApplicationAction(raw: ApplyValues): Promise<StepResult> {
  const t = await getTranslations("apply");
  const parsed = Values.safeParse(raw);
  if (!parsed.success) return { ok: false, message: t("errors.badRequest"), fieldErrors: {} };
  const v = parsed.data;
  const user = await applicant();
  if (!user) return { ok: false, message: t("errors.vendorOnly"), fieldErrors: {} };
  const invalid = await firstInvalidStep(user, v, "review");
  if (invalid) return { ok: false, message: t("errors.fixStep"), fieldErrors: invalid.errors, step: invalid.step };
  let id: string;
  try {
    const created = await createCase(user, {
      schemeId: v.schemeId,
      schemeVersion: v.schemeVersion,
      product: { name: v.name, model: v.model, softwareVersion: v.softwareVersion },
      claimedLevel: v.claimedLevel,
      application: {
        onDeviceModel: v.onDeviceModel,
        cloudModel: v.cloudModel,
        declarations: { accurate: v.accurate, samplesAvailable: v.samplesAvailable, acceptsRules: v.acceptsRules },
      },
    });
    id = created.id;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fieldErrors: Record<string, string> = {};
    let step: Step | undefined;
    for (const [key, message] of Object.entries(e.details ?? {})) {
      const field = key.replace(/^product\.|^application\./, "");
      fieldErrors[field === "schemeId" || field === "schemeVersion" ? "scheme" : field] = String(message);
      step ??= STEP_OF_FIELD[field];
    }
    return { ok: false, message: e.code === "INVALID_INPUT" ? e.message : t("errors.notCreated", { reason: e.message }), fieldErrors, step };
  }
  redirect(`/cases/${encodeURIComponent(id)}`);
}
