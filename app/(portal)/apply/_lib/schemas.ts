// The wizard's schemas, one per step, parsed in the browser before "Next" (useZodForm) and again by
// the step's server action (parseForm) before lib/cases' own rules (docs/decisions/0009-forms-conform-zod.md).
// Errors are the wizard's own codes, read from messages/<locale>/apply.json `errors`. No server-only
// imports: the wizard imports this module.
import { z } from "zod";
import { LEVELS } from "@/lib/grading/levels";
import { DisclosedModelsSchema } from "@/lib/cases/models";
import type { Step } from "./steps";

/** One line of text: no line breaks or control characters (as ONE_LINE in lib/cases/product-snapshot.ts). */
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

const line = (max: number) => z.string({ message: "required" }).trim().min(1, "required").max(max, "tooLong").regex(ONE_LINE, "oneLine");
const declared = z.boolean({ message: "declaration" }).refine((v) => v, "declaration");

export const STEP_SCHEMAS = {
  category: z.object({ category: z.string({ message: "category" }).trim().min(1, "category").max(100, "category") }),
  /** The scheme and its version as one choice, `schemeId@version`; and the pilot (docs/domain.md#pilots). */
  scheme: z.object({
    scheme: z.string({ message: "scheme" }).regex(/^[^@\s]{1,100}@[^@\s]{1,50}$/, "scheme"),
    pilotId: z.string().trim().max(100, "pilot").optional(),
  }),
  product: z.object({
    name: line(200),
    model: line(200),
    softwareVersion: line(100),
  }),
  /** The disclosed models: lib's one schema (docs/domain.md#model-disclosure), its errors domain codes. */
  models: z.object({ models: DisclosedModelsSchema }),
  level: z.object({ claimedLevel: z.enum(LEVELS, { message: "level" }) }),
  declarations: z.object({ accurate: declared, samplesAvailable: declared, acceptsRules: declared }),
  review: z.object({}),
} satisfies Record<Step, z.ZodType>;

/** The fields each step shows; the others travel as hidden inputs, so every answer reaches the server. */
export const STEP_FIELDS: Record<Step, readonly string[]> = {
  category: ["category"],
  scheme: ["scheme", "pilotId"],
  product: ["name", "model", "softwareVersion"],
  models: ["models"],
  level: ["claimedLevel"],
  declarations: ["accurate", "samplesAvailable", "acceptsRules"],
  review: [],
};
