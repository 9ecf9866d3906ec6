// The lab report's envelope (ISO/IEC 17025 §7.8, docs/domain.md#lab-evidence): the report number,
// the sample tested (serials, build fingerprint, software version, models), the test dates, the
// environment and the signatory. A draft may leave any of it out; SUBMIT_REPORT needs all of it,
// and the sample's software version must be the version applied for. Pure: the workbench's
// completeness list and the door's check (lib/cases/facts.ts) read the same rules.
import { z } from "zod";
import type { DomainCode, ParamValue } from "@/lib/domain";
import { schemeItems, type Scheme } from "./scheme";

export const MODEL_DEPLOYMENTS = ["on_device", "cloud", "companion"] as const;

/** One model in the tested sample (the build's own, or the cloud model it used). */
export type SampleModel = { name: string; version: string; deployment?: (typeof MODEL_DEPLOYMENTS)[number] };
export type ReportSample = { serials: string[]; buildFingerprint: string; softwareVersion: string; models: SampleModel[] };
export type ReportEnvelope = {
  reportNumber: string;
  sample: ReportSample;
  /** A day, YYYY-MM-DD. */
  testedFrom: string;
  testedTo: string;
  environment: string;
  signatory: string;
};
/** A draft's envelope: any field may be absent (or null: cleared). */
export type EnvelopeDraft = {
  reportNumber?: string | null;
  sample?: Partial<ReportSample> | null;
  testedFrom?: string | null;
  testedTo?: string | null;
  environment?: string | null;
  signatory?: string | null;
};

/** The fields SUBMIT_REPORT needs, in the order a completeness list shows them. */
export const ENVELOPE_FIELDS = [
  "reportNumber",
  "sample.serials",
  "sample.buildFingerprint",
  "sample.softwareVersion",
  "testedFrom",
  "testedTo",
  "environment",
  "signatory",
] as const;
export type EnvelopeField = (typeof ENVELOPE_FIELDS)[number];

export const ENVELOPE_LIMITS = { reportNumber: 100, serial: 100, serials: 50, fingerprint: 300, version: 100, models: 20, modelName: 200, environment: 2000, signatory: 200 };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (max: number) => z.string().trim().max(max);
const day = z
  .string()
  .trim()
  .refine((s) => s === "" || (DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), {
    message: "a day as YYYY-MM-DD",
  });

export const SampleModelSchema = z.strictObject({
  name: text(ENVELOPE_LIMITS.modelName).min(1),
  version: text(ENVELOPE_LIMITS.version).min(1),
  deployment: z.enum(MODEL_DEPLOYMENTS).optional(),
});

export const SampleDraftSchema = z.strictObject({
  serials: z.array(text(ENVELOPE_LIMITS.serial).min(1)).max(ENVELOPE_LIMITS.serials).optional(),
  buildFingerprint: text(ENVELOPE_LIMITS.fingerprint).optional(),
  softwareVersion: text(ENVELOPE_LIMITS.version).optional(),
  models: z.array(SampleModelSchema).max(ENVELOPE_LIMITS.models).optional(),
});

/** The envelope fields of a draft upload (PUT …/lab-report): each optional, bounded; null clears one. */
export const EnvelopeDraftShape = {
  reportNumber: text(ENVELOPE_LIMITS.reportNumber).nullable().optional(),
  sample: SampleDraftSchema.nullable().optional(),
  testedFrom: day.nullable().optional(),
  testedTo: day.nullable().optional(),
  environment: text(ENVELOPE_LIMITS.environment).nullable().optional(),
  signatory: text(ENVELOPE_LIMITS.signatory).nullable().optional(),
};

/** One reason SUBMIT_REPORT refuses the envelope, on one field (codes in workflows/errors.ts). */
export type EnvelopeProblem = { field: string; reason: DomainCode; params: Record<string, ParamValue> };

const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === "";

/** A model as the refusal names it: `name version (deployment)`, the deployment when known. */
function modelLabel(m: SampleModel): string {
  return `${m.name.trim()} ${m.version.trim()}${m.deployment ? ` (${m.deployment})` : ""}`;
}

/**
 * Whether the sample's models are the disclosed ones (docs/domain.md#lab-evidence): the same models,
 * each named by its name and version (trimmed, exact), none left out and none added; a sample model
 * that states its deployment must state the disclosed one. Order does not matter.
 */
export function sampleModelsMatch(sample: readonly SampleModel[], disclosed: readonly SampleModel[]): boolean {
  const key = (m: SampleModel) => `${m.name.trim()}\u0000${m.version.trim()}`;
  const byKey = new Map(disclosed.map((m) => [key(m), m]));
  const seen = new Set(sample.map(key));
  // A model listed twice, or a different number of distinct models, is not the disclosure.
  if (seen.size !== byKey.size || sample.length !== seen.size) return false;
  return sample.every((m) => {
    const d = byKey.get(key(m));
    return d !== undefined && (m.deployment === undefined || d.deployment === undefined || m.deployment === d.deployment);
  });
}

/**
 * What keeps a report's envelope from being submitted: every missing field (ENVELOPE_FIELD_REQUIRED),
 * a sample software version other than the version applied for (SAMPLE_VERSION_MISMATCH), sample
 * models other than those the case discloses (SAMPLE_MODELS_MISMATCH, when the sample lists any and
 * the case discloses any), test dates in the wrong order (TEST_DATES_REVERSED) or after `today`
 * (TEST_DATE_FUTURE). Empty: complete.
 */
export function envelopeProblems(
  e: EnvelopeDraft,
  { appliedVersion, today, disclosedModels = [] }: { appliedVersion: string; today?: string; disclosedModels?: readonly SampleModel[] },
): EnvelopeProblem[] {
  const problems: EnvelopeProblem[] = [];
  const missing = (field: EnvelopeField) => problems.push({ field, reason: "ENVELOPE_FIELD_REQUIRED", params: { field } });
  const s = e.sample ?? {};
  if (blank(e.reportNumber)) missing("reportNumber");
  if (!s.serials?.some((serial) => !blank(serial))) missing("sample.serials");
  if (blank(s.buildFingerprint)) missing("sample.buildFingerprint");
  if (blank(s.softwareVersion)) missing("sample.softwareVersion");
  else if (s.softwareVersion!.trim() !== appliedVersion.trim()) {
    problems.push({
      field: "sample.softwareVersion",
      reason: "SAMPLE_VERSION_MISMATCH",
      params: { sampleVersion: s.softwareVersion!.trim(), appliedVersion: appliedVersion.trim() },
    });
  }
  const models = s.models ?? [];
  if (models.length > 0 && disclosedModels.length > 0 && !sampleModelsMatch(models, disclosedModels)) {
    problems.push({
      field: "sample.models",
      reason: "SAMPLE_MODELS_MISMATCH",
      params: { sampleModels: models.map(modelLabel).join("; "), disclosedModels: disclosedModels.map(modelLabel).join("; ") },
    });
  }
  if (blank(e.testedFrom)) missing("testedFrom");
  if (blank(e.testedTo)) missing("testedTo");
  if (blank(e.environment)) missing("environment");
  if (blank(e.signatory)) missing("signatory");
  if (!blank(e.testedFrom) && !blank(e.testedTo) && e.testedTo! < e.testedFrom!) {
    problems.push({ field: "testedTo", reason: "TEST_DATES_REVERSED", params: { testedFrom: e.testedFrom!, testedTo: e.testedTo! } });
  }
  if (today && !blank(e.testedTo) && e.testedTo! > today) {
    problems.push({ field: "testedTo", reason: "TEST_DATE_FUTURE", params: { testedTo: e.testedTo!, today } });
  }
  return problems;
}

/** An accreditation's scope (JSON text): test-set ids or item keys (test methods); empty covers the whole category. */
export function parseScope(text: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(text ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim()) : [];
  } catch {
    return [];
  }
}

/** The scheme's items a lab with this scope may not report, with the test set that is not covered (null: the item names none). */
export function itemsOutOfScope(scheme: Scheme, scope: readonly string[]): { item: string; testSet: string | null }[] {
  if (scope.length === 0) return [];
  const covered = new Set(scope);
  return schemeItems(scheme)
    .filter(({ item }) => !(item.testSet && covered.has(item.testSet.id)) && !covered.has(item.key))
    .map(({ item }) => ({ item: item.key, testSet: item.testSet?.id ?? null }));
}

/** The stored sample (LabReport.sample, JSON text), read leniently: null when there is none. */
export function sampleOf(textValue: string | null | undefined): Partial<ReportSample> | null {
  if (!textValue) return null;
  try {
    const parsed = SampleDraftSchema.safeParse(JSON.parse(textValue));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A day (YYYY-MM-DD) of a stored date, or null. */
export function dayOf(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** A stored report's envelope as a draft (what the workbench and the submit check read). */
export function storedEnvelope(r: {
  reportNumber: string | null;
  sample: string | null;
  testedFrom: Date | null;
  testedTo: Date | null;
  environment: string | null;
  signatory: string | null;
}): EnvelopeDraft {
  return {
    reportNumber: r.reportNumber,
    sample: sampleOf(r.sample),
    testedFrom: dayOf(r.testedFrom),
    testedTo: dayOf(r.testedTo),
    environment: r.environment,
    signatory: r.signatory,
  };
}
