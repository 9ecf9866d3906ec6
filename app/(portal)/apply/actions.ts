"use server";
// Thin server actions of the application wizard: check a step's answers, and create the draft case.
// Each parses the form with the step's schema (./_lib/schemas.ts), the one the browser validated
// with, then applies lib/cases' rules; refusals come back as codes on the fields they name
// (docs/decisions/0009-forms-conform-zod.md), never as English.
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { createCase } from "@/lib/cases/create-case";
import { AppError, isDomainCode } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { applicationPilotProblem } from "@/lib/pilots/application-pilot";
import { encodeRef, parseForm } from "@/app/_components/ui/form-codes";
import { conformName, type FormResult } from "../_lib/form-reply";
import { STEPS, STEP_OF_FIELD, modelsInput, valuesOf, type Step } from "./_lib/steps";

/** The step that asks for a wizard field (a model row's fields: the models step). */
const stepOfField = (field: string): Step | undefined => (field.startsWith("models") ? "models" : STEP_OF_FIELD[field]);
import { STEP_SCHEMAS } from "./_lib/schemas";
import { firstInvalidStep, stepErrors } from "./_lib/validate";

/** The wizard's answer: a step's reply, and the step to show when the refusal is about another one. */
export type ApplyResult = FormResult & { step?: Step };

/** The signed-in caller if they may apply at all; createCase checks again. */
async function applicant() {
  const user = await getSessionUser();
  return user && can(user, "case:create") ? user : null;
}

const codes = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]]));

export async function checkStepAction(step: Step, formData: FormData): Promise<ApplyResult> {
  if (!(STEPS as readonly string[]).includes(step)) return { ...parseForm(formData, STEP_SCHEMAS.review).reply({ formErrors: ["badRequest"] }), ok: false };
  const submission = parseForm(formData, STEP_SCHEMAS[step]);
  if (submission.status !== "success") return { ...submission.reply(), ok: false };
  const user = await applicant();
  if (!user) return { ...submission.reply({ formErrors: ["vendorOnly"] }), ok: false };
  const v = valuesOf(formData);
  const fieldErrors = await stepErrors(user, step, v);
  // The scheme step also chooses the pilot: refused by the rule createCase applies (docs/domain.md#pilots).
  if (step === "scheme" && !fieldErrors.scheme) {
    const problem = await applicationPilotProblem({ pilotId: v.pilotId, category: v.category });
    if (problem) fieldErrors.pilotId = encodeRef(problem);
  }
  if (Object.keys(fieldErrors).length) return { ...submission.reply({ formErrors: ["fixStep"], fieldErrors: codes(fieldErrors) }), ok: false, step };
  return { ...submission.reply(), ok: true };
}

/** The lib names fields `product.name`, `product.models.0.name`, `schemeVersion`; the wizard `name`, `models[0].name`, `scheme`. */
function wizardField(key: string): string {
  // product.models.1.provider → models[1].provider (Conform's name for a model row's field).
  const model = /^product\.models(?:\.(\d+)\.(\w+))?$/.exec(key);
  if (model) return model[1] === undefined ? "models" : `models[${model[1]}].${model[2]}`;
  const field = key.replace(/^product\.|^application\./, "");
  return field === "schemeId" || field === "schemeVersion" ? "scheme" : conformName(field);
}

export async function createApplicationAction(formData: FormData): Promise<ApplyResult> {
  const submission = parseForm(formData, STEP_SCHEMAS.review);
  if (submission.status !== "success") return { ...submission.reply({ formErrors: ["badRequest"] }), ok: false };
  const v = valuesOf(formData);
  const user = await applicant();
  if (!user) return { ...submission.reply({ formErrors: ["vendorOnly"] }), ok: false };
  const invalid = await firstInvalidStep(user, v, "review");
  if (invalid) return { ...submission.reply({ formErrors: ["fixStep"], fieldErrors: codes(invalid.errors) }), ok: false, step: invalid.step };
  let id: string;
  try {
    const created = await createCase(user, {
      schemeId: v.schemeId,
      schemeVersion: v.schemeVersion,
      ...(v.pilotId ? { pilotId: v.pilotId } : {}),
      product: { name: v.name, model: v.model, softwareVersion: v.softwareVersion, models: modelsInput(v.models) },
      claimedLevel: v.claimedLevel,
      application: {
        declarations: { accurate: v.accurate, samplesAvailable: v.samplesAvailable, acceptsRules: v.acceptsRules },
      },
    });
    id = created.id;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // Field codes where the lib names them by code; a field it names only in English reads "not valid".
    const fieldErrors: Record<string, string[]> = {};
    for (const key of Object.keys(e.details ?? {})) if (key !== "reason" && key !== "_" && stepOfField(wizardField(key))) fieldErrors[wizardField(key)] = ["FIELD_INVALID"];
    for (const [key, ref] of Object.entries(e.fields ?? {})) fieldErrors[wizardField(key)] = [encodeRef(ref)];
    const first = Object.keys(fieldErrors)[0];
    const formCode = e.reason && isDomainCode(e.reason) ? encodeRef({ reason: e.reason, params: e.params }) : "notCreated";
    return { ...submission.reply({ formErrors: [formCode], fieldErrors }), ok: false, step: first ? stepOfField(first) : undefined, at: Date.now() };
  }
  redirect(`/cases/${encodeURIComponent(id)}`);
}
