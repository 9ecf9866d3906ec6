// The application wizard's steps and the answers it collects (shared by the form and its actions).
import { MODELS_MAX } from "@/lib/cases/models";

export const STEPS = ["category", "scheme", "product", "models", "level", "declarations", "review"] as const;
export type Step = (typeof STEPS)[number];

/** One row of the models step as the form holds it: text as typed (docs/domain.md#model-disclosure). */
export type ModelRow = { name: string; version: string; deployment: string; provider: string; parameters: string; filingNumber: string };
export const MODEL_ROW_FIELDS = ["name", "version", "deployment", "provider", "parameters", "filingNumber"] as const;
export const EMPTY_MODEL: ModelRow = { name: "", version: "", deployment: "on_device", provider: "", parameters: "", filingNumber: "" };

export type ApplyValues = {
  category: string;
  schemeId: string;
  schemeVersion: string;
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

/** The model rows in the form's data (models[0].name, …), in order, at most MODELS_MAX + 1 (more is refused anyway). */
function modelRowsOf(text: (name: string) => string): ModelRow[] {
  const rows: ModelRow[] = [];
  for (let i = 0; i <= MODELS_MAX; i++) {
    const row = Object.fromEntries(MODEL_ROW_FIELDS.map((f) => [f, text(`models[${i}].${f}`)])) as ModelRow;
    if (MODEL_ROW_FIELDS.every((f) => row[f] === "")) continue;
    rows.push(row);
  }
  return rows;
}

/** Whether a form field belongs to the step (a model row's fields belong to the models step). */
export function fieldOfStep(fields: readonly string[], name: string): boolean {
  return fields.some((f) => name === f || name.startsWith(`${f}[`));
}

/** The answers as the API takes them: a model's empty optional fields left out. */
export function modelsInput(rows: ModelRow[]) {
  return rows.map((m) => ({
    name: m.name,
    version: m.version,
    deployment: m.deployment,
    ...(m.provider.trim() ? { provider: m.provider } : {}),
    ...(m.parameters.trim() ? { parameters: m.parameters } : {}),
    ...(m.filingNumber.trim() ? { filingNumber: m.filingNumber } : {}),
  }));
}
