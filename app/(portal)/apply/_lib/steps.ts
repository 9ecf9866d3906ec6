// The application wizard's steps and the answers it collects (shared by the form and its actions).
import { EMPTY_MODEL, MODEL_ROW_FIELDS, modelRowsOf, type ModelRow } from "../../_lib/model-rows";

// The model rows are shared with the case page's draft form (../../_lib/model-rows.ts).
export { EMPTY_MODEL, MODEL_ROW_FIELDS, modelsInput, type ModelRow } from "../../_lib/model-rows";

export const STEPS = ["category", "scheme", "product", "models", "level", "declarations", "review"] as const;
export type Step = (typeof STEPS)[number];

export type ApplyValues = {
  category: string;
  schemeId: string;
  schemeVersion: string;
  /** The pilot chosen on the scheme step ("" lets the server take the default). */
  pilotId: string;
  name: string;
  model: string;
  softwareVersion: string;
  models: ModelRow[];
  claimedLevel: string;
  accurate: boolean;
  samplesAvailable: boolean;
  acceptsRules: boolean;
};

export const EMPTY_VALUES: ApplyValues = {
  category: "",
  schemeId: "",
  schemeVersion: "",
  pilotId: "",
  name: "",
  model: "",
  softwareVersion: "",
  models: [{ ...EMPTY_MODEL }],
  claimedLevel: "",
  accurate: false,
  samplesAvailable: false,
  acceptsRules: false,
};

/** Which step asks for each answer: where to send the person back to when the server refuses it. */
export const STEP_OF_FIELD: Record<string, Step> = {
  category: "category",
  schemeId: "scheme",
  schemeVersion: "scheme",
  scheme: "scheme",
  pilotId: "scheme",
  name: "product",
  model: "product",
  softwareVersion: "product",
  models: "models",
  claimedLevel: "level",
  accurate: "declarations",
  samplesAvailable: "declarations",
  acceptsRules: "declarations",
};

/** The answers as the form sends them: text as is, the scheme as `schemeId@version`, a checkbox "on" when ticked. */
export function formValues(v: ApplyValues): Record<string, string | undefined> {
  return {
    category: v.category,
    scheme: v.schemeId ? `${v.schemeId}@${v.schemeVersion}` : "",
    pilotId: v.pilotId,
    name: v.name,
    model: v.model,
    softwareVersion: v.softwareVersion,
    // The models as Conform names them: models[0].name, models[0].deployment, …
    ...Object.fromEntries(v.models.flatMap((m, i) => MODEL_ROW_FIELDS.map((f) => [`models[${i}].${f}`, m[f]]))),
    claimedLevel: v.claimedLevel,
    accurate: v.accurate ? "on" : undefined,
    samplesAvailable: v.samplesAvailable ? "on" : undefined,
    acceptsRules: v.acceptsRules ? "on" : undefined,
  };
}

/** The answers back from the form's data (every step's fields are in it, shown or hidden). */
export function valuesOf(data: FormData): ApplyValues {
  const text = (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v.slice(0, 2000) : "";
  };
  const [schemeId = "", schemeVersion = ""] = text("scheme").split("@");
  return {
    category: text("category"),
    schemeId,
    schemeVersion,
    pilotId: text("pilotId").slice(0, 100),
    name: text("name"),
    model: text("model"),
    softwareVersion: text("softwareVersion"),
    models: modelRowsOf(text),
    claimedLevel: text("claimedLevel"),
    accurate: data.get("accurate") === "on",
    samplesAvailable: data.get("samplesAvailable") === "on",
    acceptsRules: data.get("acceptsRules") === "on",
  };
}

/** Whether a form field belongs to the step (a model row's fields belong to the models step). */
export function fieldOfStep(fields: readonly string[], name: string): boolean {
  return fields.some((f) => name === f || name.startsWith(`${f}[`));
}
