// Request shapes of the case API, validated at the boundary and published in OpenAPI.
import { z } from "zod";
import { EnvelopeDraftShape } from "@/lib/grading/envelope";
import { LEVELS, EVENT_TYPES } from "@/workflows/certification";
import { ONE_LINE } from "./product-snapshot";
import { DisclosedModelsSchema } from "./models";

/**
 * The product as a vendor states it, on creating a case and on editing its draft. The models it uses
 * (docs/domain.md#model-disclosure): 1–20 when given; absent: none disclosed on creation ("not
 * disclosed" on its certificate), unchanged on an edit.
 */
export const ProductInputSchema = z.object({
  name: z.string().trim().min(1, "Product name is required").max(200).regex(ONE_LINE.pattern, ONE_LINE.message),
  model: z.string().trim().min(1, "Model is required").max(200).regex(ONE_LINE.pattern, ONE_LINE.message),
  softwareVersion: z.string().trim().min(1, "Software version is required").max(100).regex(ONE_LINE.pattern, ONE_LINE.message),
  models: DisclosedModelsSchema.optional(),
});

/**
 * The application's answers beside the product: the declarations. The models are disclosed as
 * `product.models` (docs/domain.md#model-disclosure); the free-text notes `onDeviceModel` and
 * `cloudModel` of earlier applications are no longer taken (an unknown key is dropped).
 */
export const ApplicationAnswersSchema = z.object({
  declarations: z
    .object({
      accurate: z.boolean().optional(),
      samplesAvailable: z.boolean().optional(),
      acceptsRules: z.boolean().optional(),
    })
    .optional(),
});

export const CreateCaseSchema = z.object({
  schemeId: z.string().trim().min(1, "Choose a grading scheme").max(100),
  schemeVersion: z.string().trim().min(1).max(50).optional(),
  pilotId: z.string().trim().min(1).max(100).optional(),
  productId: z.string().trim().min(1).max(100).optional(),
  product: ProductInputSchema.optional(),
  claimedLevel: z.enum(LEVELS, { message: "Claimed level must be one of L1, L2, L3, L4" }),
  application: ApplicationAnswersSchema.optional(),
});
export type CreateCaseInput = z.infer<typeof CreateCaseSchema>;

export const EventRequestSchema = z
  .object({
    type: z.enum(EVENT_TYPES, { message: `type must be one of ${EVENT_TYPES.join(", ")}` }),
    expectedVersion: z.number({ message: "expectedVersion (the case version you saw) is required" }).int().min(1),
  })
  .passthrough();
export type EventRequest = z.infer<typeof EventRequestSchema>;

export const LabResultRowSchema = z.object({
  item: z.string().max(200),
  value: z.union([z.number(), z.string().max(100)]),
  unit: z.string().max(50),
  // Format v2 (docs/domain.md#schemes): the expanded uncertainty U in the item's unit, and the number of trials.
  uncertainty: z.union([z.number(), z.string().max(100)]).nullable().optional(),
  n: z.union([z.number(), z.string().max(100)]).nullable().optional(),
});
// The scheme bounds the rows further (lib/grading/lab-report.ts, maxReportRows).
/** Results only: a change case's re-test report. */
export const LabResultsRequestSchema = z.object({ results: z.array(LabResultRowSchema).max(1000) });
// The case's report: results and the envelope fields (docs/domain.md#lab-evidence), each optional on
// a draft: an absent one keeps what is stored, null clears it; SUBMIT_REPORT needs them all.
// Without `results` only the envelope is saved (a CSV upload's envelope).
export const LabReportRequestSchema = z.object({ results: z.array(LabResultRowSchema).max(1000).optional(), ...EnvelopeDraftShape });
