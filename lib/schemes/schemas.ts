// Input shapes of the scheme use cases, checked at the door of each one.
import { z } from "zod";
import { englishMessage, invalidRequest } from "@/lib/errors";
import { TEST_MODES, UNITS } from "@/lib/grading";
import { VERSION_PATTERN } from "./versions";
import { textProblem } from "@/lib/http/body";

// Stored text never holds a NUL (PostgreSQL refuses it) or half a surrogate pair (not Unicode).
const text = (max: number) =>
  z.string().max(max).refine((s) => textProblem(s) === null, { message: englishMessage("NOT_TEXT"), params: { reason: "NOT_TEXT" } });

export const SchemeRefSchema = z.object({
  schemeId: z.string().trim().min(1, "schemeId is required").max(100),
  version: z.string().trim().min(1, "version is required").max(50),
});
export type SchemeRef = z.infer<typeof SchemeRefSchema>;

export const NewVersionSchema = z
  .string()
  .trim()
  .regex(VERSION_PATTERN, englishMessage("SCHEME_VERSION_FORMAT"));

export const CreateDraftSchema = z.object({
  fromSchemeId: z.string().trim().min(1, "fromSchemeId is required").max(100),
  fromVersion: z.string().trim().min(1, "fromVersion is required").max(50),
  newVersion: NewVersionSchema,
  // The first scheme of a new category (docs/domain.md#categories): the draft copies the source's
  // elements and items under the scheme id of the category's key, titled with its names.
  forCategory: z.string().trim().min(1).max(40).optional(),
});
export type CreateDraftInput = z.infer<typeof CreateDraftSchema>;

const Bilingual = z.object({ zh: text(2000), en: text(2000) });
const thresholdValue = z.number().finite("a threshold must be a number").nullable();

/** A form's edit of one item. Thresholds: a number sets a level, null removes it, absent keeps it. */
export const ItemPatchSchema = z
  .object({
    title: Bilingual,
    unit: z.enum(UNITS, { error: `unit must be one of ${UNITS.join(", ")}` }),
    better: z.enum(["higher", "lower"], { error: 'better must be "higher" or "lower"' }),
    method: Bilingual,
    min: z.number().finite().nullable(),
    max: z.number().finite().nullable(),
    thresholds: z.object({ L1: thresholdValue, L2: thresholdValue, L3: thresholdValue, L4: thresholdValue }).partial(),
    // Format v2 (docs/domain.md#schemes): null removes the field; the whole scheme is validated after.
    mode: z.enum(TEST_MODES, { error: `mode must be one of ${TEST_MODES.join(", ")}` }).nullable(),
    testSet: z.object({ id: text(100), version: text(50), size: z.number().finite() }).nullable(),
    /** false removes the requirement. */
    uncertaintyRequired: z.boolean(),
    minSamples: z.number().finite().nullable(),
    /** Per level: true names the item among the level's qualifying items, false takes it out. */
    qualifying: z.object({ L1: z.boolean(), L2: z.boolean(), L3: z.boolean(), L4: z.boolean() }).partial(),
  })
  .partial();
export type ItemPatch = z.infer<typeof ItemPatchSchema>;

export const NewItemSchema = z.object({
  key: text(100).transform((s) => s.trim()),
  title: Bilingual,
  unit: text(50),
  better: text(50),
  method: Bilingual,
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  thresholds: z.object({ L1: z.number(), L2: z.number(), L3: z.number(), L4: z.number() }).partial(),
});
export type NewItem = z.infer<typeof NewItemSchema>;

/** Parse an input or refuse it with INVALID_INPUT and a message per field. */
export function parseInput<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw invalidRequest(result.error.issues);
  return result.data;
}
