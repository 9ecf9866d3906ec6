// Checks the wizard's answers step by step with the case schemas and rules of lib/cases, so a
// vendor learns what is wrong on the step where it was asked, not only at the end. Errors are the
// wizard's own codes (messages/<locale>/apply.json `errors`).
import type { SessionUser } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { listSchemes } from "@/lib/schemes";
import { checkVersionForApplication } from "@/lib/schemes/in-force";
import { CreateCaseSchema } from "@/lib/cases/schemas";
import { applicationProblems } from "@/lib/cases/facts";
import { DisclosedModelsSchema } from "@/lib/cases/models";
import { zodFields } from "@/lib/domain";
import { encodeRef } from "@/app/_components/ui/form-codes";
import { STEPS, modelsInput, type ApplyValues, type Step } from "./steps";

const ProductAnswers = CreateCaseSchema.pick({ product: true });

function productErrors(v: ApplyValues): Record<string, string> {
  const parsed = ProductAnswers.safeParse({
    product: { name: v.name, model: v.model, softwareVersion: v.softwareVersion },
  });
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[issue.path.length - 1]);
    const value = String(v[field as keyof ApplyValues] ?? "").trim();
    errors[field] ??= value === "" ? "required" : issue.code === "invalid_format" ? "oneLine" : "tooLong";
  }
  return errors;
}

/** The models step's errors as the form names them (models[1].provider), each a domain code. */
function modelErrors(v: ApplyValues): Record<string, string> {
  const parsed = DisclosedModelsSchema.safeParse(modelsInput(v.models));
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const [key, ref] of Object.entries(zodFields(parsed.error.issues).fields)) {
    const [index, field] = key.split(".");
    errors[key === "_" ? "models" : `models[${index}].${field}`] ??= encodeRef(ref);
  }
  return errors;
}

function declarationErrors(v: ApplyValues): Record<string, string> {
  const problems = applicationProblems({
    id: "",
    claimedLevel: v.claimedLevel,
    application: JSON.stringify({ declarations: { accurate: v.accurate, samplesAvailable: v.samplesAvailable, acceptsRules: v.acceptsRules } }),
    product: { name: v.name, model: v.model, softwareVersion: v.softwareVersion },
    schemeVersion: { category: v.category },
  });
  if (!problems.includes("declarations")) return {};
  const errors: Record<string, string> = {};
  for (const key of ["accurate", "samplesAvailable", "acceptsRules"] as const) if (!v[key]) errors[key] = "declaration";
  return errors;
}

/**
 * The scheme step: the version must be one of the category's and in force, by the very rule
 * createCase applies (checkVersionForApplication), so the step names SCHEME_VERSION_NOT_IN_FORCE where
 * the final submit would.
 */
async function schemeErrors(user: SessionUser, v: ApplyValues, now: Date): Promise<Record<string, string>> {
  const scheme = (await listSchemes(user, now)).find((s) => s.schemeId === v.schemeId && s.category === v.category);
  if (!scheme || !v.schemeVersion) return { scheme: "scheme" };
  try {
    await checkVersionForApplication(v.schemeId, v.schemeVersion, now);
    return {};
  } catch (e) {
    const ref = e instanceof AppError ? (e.fields?.schemeVersion ?? e.fields?.schemeId) : undefined;
    if (ref) return { scheme: encodeRef(ref) };
    throw e;
  }
}

/** Field → the wizard's error code, for the answers of one step. */
export async function stepErrors(user: SessionUser, step: Step, v: ApplyValues, now: Date = new Date()): Promise<Record<string, string>> {
  switch (step) {
    case "category": {
      // Only a category with a version in force may be chosen (docs/domain.md#scheme-governance).
      const schemes = (await listSchemes(user, now)).filter((s) => s.defaultVersion);
      return schemes.some((s) => s.category === v.category) ? {} : { category: "category" };
    }
    case "scheme":
      return schemeErrors(user, v, now);
    case "product":
      return productErrors(v);
    case "models":
      return modelErrors(v);
    case "level":
      return CreateCaseSchema.shape.claimedLevel.safeParse(v.claimedLevel).success ? {} : { claimedLevel: "level" };
    case "declarations":
      return declarationErrors(v);
    case "review":
      return {};
  }
}

/** The first step with an error, and its errors; null when every step up to `last` is fine. */
export async function firstInvalidStep(user: SessionUser, v: ApplyValues, last: Step) {
  for (const step of STEPS.slice(0, STEPS.indexOf(last) + 1)) {
    const errors = await stepErrors(user, step, v);
    if (Object.keys(errors).length) return { step, errors };
  }
  return null;
}
