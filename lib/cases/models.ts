// Model disclosure (docs/domain.md#model-disclosure): the AI models a product uses, where each
// runs, who provides a cloud model and its filing number. One schema for the application wizard
// (parsed by Conform in the browser and in its action) and the API (POST /api/v1/cases
// `product.models`). Pure: no database, no server-only imports, so client components import it.
import { z } from "zod";
import { englishMessage } from "@/workflows/errors";

export const MODEL_DEPLOYMENTS = ["on_device", "cloud", "companion"] as const;
export type ModelDeployment = (typeof MODEL_DEPLOYMENTS)[number];
export const MODELS_MAX = 20;
/** Name, version, provider and filing number: at most this many characters each. */
export const MODEL_TEXT_MAX = 100;
export const MODEL_PARAMETERS_MAX = 50;

export type DisclosedModel = {
  name: string;
  version: string;
  deployment: ModelDeployment;
  provider?: string;
  parameters?: string;
  filingNumber?: string;
};

/** One line: no line breaks, tabs or other control characters (as ONE_LINE in product-snapshot.ts). */
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

/**
 * A generative AI service filing (生成式人工智能服务备案) or registration (登记) as the CAC lists it
 * and providers show it: the province in pinyin, the service in pinyin or Latin letters, the date
 * (YYYYMMDD) and, on some, a serial — `Beijing-YunQue-20230821`, `Hunan-PinCaiMao-202412310003`.
 */
const GENAI_FILING = /^[A-Za-z]{2,30}-[A-Za-z0-9]{1,60}-20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{0,6}$/;
/** An algorithm filing (互联网信息服务算法备案): 网信算备, 21 digits, 号 — `网信算备110108823483901230031号`. */
const ALGORITHM_FILING = /^网信算备\d{21}号$/;

/** Whether `s` has the form of a filing number (its format only: the CAC's own lists say whether it exists). */
export function isFilingNumber(s: string): boolean {
  return GENAI_FILING.test(s) || ALGORITHM_FILING.test(s);
}

const tooLong = (max: number) => ({ message: `At most ${max} characters.`, params: { reason: "TEXT_TOO_LONG", max } });

/** Required one-line text (a missing or empty one is FIELD_REQUIRED). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((s) => s.length <= max, tooLong(max))
    .regex(ONE_LINE, englishMessage("ONE_LINE"));

/** Optional one-line text: empty is absent (a form sends "" for an empty input). */
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), text(max).optional());

export const DisclosedModelSchema = z
  .object({
    name: text(MODEL_TEXT_MAX).describe("one line, at most 100 characters"),
    version: text(MODEL_TEXT_MAX).describe("one line, at most 100 characters"),
    deployment: z.enum(MODEL_DEPLOYMENTS, { message: englishMessage("MODEL_DEPLOYMENT_UNKNOWN") }),
    provider: optionalText(MODEL_TEXT_MAX).describe("required for a cloud model (MODEL_PROVIDER_REQUIRED); at most 100 characters"),
    parameters: optionalText(MODEL_PARAMETERS_MAX).describe("the model's size, e.g. 3B; at most 50 characters"),
    filingNumber: optionalText(MODEL_TEXT_MAX).refine((s) => s === undefined || isFilingNumber(s), {
      message: englishMessage("MODEL_FILING_NUMBER_FORMAT"),
      params: { reason: "MODEL_FILING_NUMBER_FORMAT" },
    }).describe("the generative AI service filing number (Province-Service-YYYYMMDD, optionally a serial) or an algorithm filing (网信算备 + 21 digits + 号); the format is checked when given (MODEL_FILING_NUMBER_FORMAT)"),
  })
  .strip()
  .refine((m) => !(m.deployment === "cloud" && providerMissing(m.provider)), {
    path: ["provider"],
    message: englishMessage("MODEL_PROVIDER_REQUIRED"),
    params: { reason: "MODEL_PROVIDER_REQUIRED" },
    // Also when another field of the row is wrong (a bad filing number), so a form names every
    // problem of the row at once instead of one after the other.
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });

function providerMissing(provider: unknown): boolean {
  return provider === undefined || provider === null || (typeof provider === "string" && provider.trim() === "");
}

/** The disclosed models: at least one, at most MODELS_MAX (a form with no row sends none at all). */
export const DisclosedModelsSchema = z.preprocess(
  (v) => (v === undefined || v === null ? [] : v),
  z
    .array(DisclosedModelSchema)
    .refine((a) => a.length >= 1, { message: englishMessage("MODELS_REQUIRED"), params: { reason: "MODELS_REQUIRED" } })
    .refine((a) => a.length <= MODELS_MAX, { message: englishMessage("MODELS_TOO_MANY", { max: MODELS_MAX }), params: { reason: "MODELS_TOO_MANY", max: MODELS_MAX } })
    .describe("1 to 20 models (MODELS_REQUIRED, MODELS_TOO_MANY)"),
);

/** A model as stored: the keys in a fixed order, absent optional fields left out. */
function canonical(m: DisclosedModel): DisclosedModel {
  return {
    name: m.name,
    version: m.version,
    deployment: m.deployment,
    ...(m.provider ? { provider: m.provider } : {}),
    ...(m.parameters ? { parameters: m.parameters } : {}),
    ...(m.filingNumber ? { filingNumber: m.filingNumber } : {}),
  };
}

/** Product.modelInfo for a disclosure: `{ models: [...] }`. */
export function modelInfoOf(models: readonly DisclosedModel[]): { models: DisclosedModel[] } {
  return { models: models.map(canonical) };
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/**
 * The models a stored modelInfo (a product's, a case's or a certificate's snapshot) discloses, for
 * readers: an old record without any is an empty list ("not disclosed"), an entry that is not a
 * model is skipped, never a failure.
 */
export function disclosedModels(modelInfo: unknown): DisclosedModel[] {
  const list = modelInfo && typeof modelInfo === "object" ? (modelInfo as { models?: unknown }).models : undefined;
  if (!Array.isArray(list)) return [];
  const out: DisclosedModel[] = [];
  for (const raw of list.slice(0, MODELS_MAX)) {
    if (!raw || typeof raw !== "object") continue;
    const r = raw as Record<string, unknown>;
    const name = str(r.name);
    const version = str(r.version);
    const deployment = (MODEL_DEPLOYMENTS as readonly unknown[]).includes(r.deployment) ? (r.deployment as ModelDeployment) : undefined;
    if (!name || !version || !deployment) continue;
    out.push(canonical({ name, version, deployment, provider: str(r.provider), parameters: str(r.parameters), filingNumber: str(r.filingNumber) }));
  }
  return out;
}

/**
 * Certificate.deployments: the deployments the models use, each once, in a fixed order, with a
 * space before and after each (" on_device cloud "), so `contains: " cloud "` finds exactly one
 * deployment; "" when none is disclosed.
 */
export function deploymentsColumn(models: readonly DisclosedModel[]): string {
  const used = MODEL_DEPLOYMENTS.filter((d) => models.some((m) => m.deployment === d));
  return used.length ? ` ${used.join(" ")} ` : "";
}

/**
 * A realistic disclosure for the demo world and the tests' applications: a small on-device model
 * and a cloud LLM with its provider and a filing number of the documented form (the names are
 * the demo's own, not real services).
 */
export const SAMPLE_MODELS: DisclosedModel[] = [
  { name: "Aurora-Nano", version: "3B-int4-2026.03", deployment: "on_device", parameters: "3B" },
  { name: "Aurora Cloud LLM", version: "2026-05", deployment: "cloud", provider: "Aurora Cloud Co., Ltd.", parameters: "70B", filingNumber: "Beijing-AuroraYun-20250312" },
];
