// The draft application form's schema, used in the browser and by updateApplicationAction
// (docs/decisions/0009-forms-conform-zod.md); the lib's UpdateApplicationSchema checks the same
// bounds again. Product fields are one line of text (the ONE_LINE code). The disclosed models are the
// wizard's rows and lib's one schema (docs/domain.md#model-disclosure): 1 to 20, each checked as the
// API checks it.
import { z } from "zod";
import { LEVELS } from "@/lib/domain";
import { DisclosedModelsSchema } from "@/lib/cases/models";

const ONE_LINE = { params: { reason: "ONE_LINE" } };
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/.test(s), ONE_LINE);

export const applicationFormSchema = z.object({
  caseId: z.string().trim().min(1),
  expectedVersion: z.coerce.number().int().min(1),
  name: oneLine(200),
  model: oneLine(200),
  softwareVersion: oneLine(100),
  claimedLevel: z.enum(LEVELS).optional(),
  models: DisclosedModelsSchema,
  accurate: z.literal("on").optional(),
  samplesAvailable: z.literal("on").optional(),
  acceptsRules: z.literal("on").optional(),
});
