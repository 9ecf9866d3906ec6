// The lab report envelope's form (docs/domain.md#lab-evidence), used in the browser and by
// saveReportEnvelopeAction: every field optional (a draft), bounded as the API bounds them
// (lib/grading/envelope.ts). Serials are one per line; the sample's models are rows (name, version,
// deployment), none at all while the lab has not recorded them. Its own error codes are in
// messages/<locale>/labEvidence.json under errors.
import { z } from "zod";
import { ENVELOPE_LIMITS, MODEL_DEPLOYMENTS } from "@/lib/grading/envelope";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number) => z.string().trim().max(max).optional();
const optionalDay = z
  .string()
  .trim()
  .refine((s) => DAY.test(s), { message: "dayFormat" })
  .optional();

export const envelopeFormSchema = z.object({
  caseId: z.string().trim().min(1),
  reportNumber: optionalText(ENVELOPE_LIMITS.reportNumber),
  serials: z
    .string()
    .max(ENVELOPE_LIMITS.serials * (ENVELOPE_LIMITS.serial + 2))
    .optional()
    .refine((s) => serialsOf(s).length <= ENVELOPE_LIMITS.serials && serialsOf(s).every((x) => x.length <= ENVELOPE_LIMITS.serial), {
      message: "serialsTooMany",
    }),
  buildFingerprint: optionalText(ENVELOPE_LIMITS.fingerprint),
  models: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(ENVELOPE_LIMITS.modelName),
        version: z.string().trim().min(1).max(ENVELOPE_LIMITS.version),
        deployment: z.enum(MODEL_DEPLOYMENTS).optional(),
      }),
    )
    .max(ENVELOPE_LIMITS.models)
    .optional(),
  softwareVersion: optionalText(ENVELOPE_LIMITS.version),
  testedFrom: optionalDay,
  testedTo: optionalDay,
  environment: optionalText(ENVELOPE_LIMITS.environment),
  signatory: optionalText(ENVELOPE_LIMITS.signatory),
});

/** The serials of the textarea: one per line, blank lines dropped. */
export function serialsOf(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
