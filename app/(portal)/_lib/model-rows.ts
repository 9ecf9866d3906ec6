// Model rows as a form holds them (docs/domain.md#model-disclosure): the application wizard's Models
// step, the draft application's edit form and the lab's report envelope (the sample's models) edit
// them with one component (../_components/model-rows.tsx). Pure: client and server import it.
import { MODELS_MAX, type DisclosedModel } from "@/lib/cases/models";

/** One row as typed: text as is (Conform names its inputs models[0].name, …). */
export type ModelRow = { name: string; version: string; deployment: string; provider: string; parameters: string; filingNumber: string };
export const MODEL_ROW_FIELDS = ["name", "version", "deployment", "provider", "parameters", "filingNumber"] as const;
export const EMPTY_MODEL: ModelRow = { name: "", version: "", deployment: "on_device", provider: "", parameters: "", filingNumber: "" };

/** A stored model as a row. */
export function modelRowOf(m: { name: string; version: string; deployment?: string; provider?: string; parameters?: string; filingNumber?: string }): ModelRow {
  return { name: m.name, version: m.version, deployment: m.deployment ?? "on_device", provider: m.provider ?? "", parameters: m.parameters ?? "", filingNumber: m.filingNumber ?? "" };
}

/** The model rows in a form's data (models[0].name, …), in order, at most MODELS_MAX + 1 (more is refused anyway); a row left wholly blank is dropped. */
export function modelRowsOf(text: (name: string) => string): ModelRow[] {
  const rows: ModelRow[] = [];
  for (let i = 0; i <= MODELS_MAX; i++) {
    const row = Object.fromEntries(MODEL_ROW_FIELDS.map((f) => [f, text(`models[${i}].${f}`)])) as ModelRow;
    if (MODEL_ROW_FIELDS.every((f) => row[f] === "")) continue;
    rows.push(row);
  }
  return rows;
}

/** A form's text field, "" when absent (at most 2,000 characters kept). */
export function formText(data: FormData) {
  return (name: string) => {
    const v = data.get(name);
    return typeof v === "string" ? v.slice(0, 2000) : "";
  };
}

/** The rows as the API takes them: a model's empty optional fields left out. */
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

/** Rows as Conform's default value for `models` (a list of objects). */
export function rowsDefault(rows: readonly ModelRow[]): Partial<DisclosedModel>[] {
  return rows.map((r) => ({ ...r })) as Partial<DisclosedModel>[];
}
