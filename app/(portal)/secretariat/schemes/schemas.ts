// The scheme editor's forms, one zod schema each, parsed in the browser (useZodForm) and again in
// the server action (parseForm) before lib/schemes checks the input its own way
// (docs/decisions/0009-forms-conform-zod.md). No server-only imports: the forms import this module.
// Empty fields arrive as undefined (Conform), so optional text defaults to "".
import { z } from "zod";
import { englishMessage } from "@/lib/domain";

/** `2026.1`, `2026.12`: as lib/schemes/versions.ts VERSION_PATTERN. */
const VERSION_PATTERN = /^\d{4}\.\d{1,4}$/;

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().trim().max(max).default("");
/** Empty: no threshold; anything else must be a number (NOT_A_NUMBER). */
const threshold = z.number({ message: englishMessage("NOT_A_NUMBER") }).optional();

export const SchemeRefInput = z.object({ schemeId: id, version: z.string().trim().min(1).max(50) });

export const NewDraftInput = SchemeRefInput.extend({
  newVersion: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .refine((v) => VERSION_PATTERN.test(v), { message: englishMessage("SCHEME_VERSION_FORMAT"), params: { reason: "SCHEME_VERSION_FORMAT" } }),
});

/** The fields of one item, as the edit and add forms name them. */
export const ItemInput = z.object({
  titleEn: text(2000),
  titleZh: text(2000),
  methodEn: text(2000),
  methodZh: text(2000),
  unit: text(50),
  better: text(50),
  L1: threshold,
  L2: threshold,
  L3: threshold,
});

/** The test modes of format v2 (lib/grading/scheme.ts TEST_MODES); "" leaves the mode unset. */
export const ITEM_MODES = ["on_device", "device_cloud", "companion"] as const;
const coded = (reason: Parameters<typeof englishMessage>[0]) => ({ message: englishMessage(reason), params: { reason } });
/** Empty: not set; else a whole number above 0 (SCHEME_POSITIVE_WHOLE). */
const positiveWhole = z
  .number({ message: englishMessage("NOT_A_NUMBER") })
  .refine((n) => Number.isInteger(n) && n > 0, coded("SCHEME_POSITIVE_WHOLE"))
  .optional();

/** The format v2 fields of an item (docs/domain.md#schemes), edited on an existing item. */
export const ItemV2Input = z.object({
  mode: z.union([z.literal(""), z.enum(ITEM_MODES)]).default(""),
  testSetId: text(100),
  testSetVersion: text(50),
  testSetSize: positiveWhole,
  uncertaintyRequired: z.boolean().optional(),
  minSamples: positiveWhole,
  qualifyingL1: z.boolean().optional(),
  qualifyingL2: z.boolean().optional(),
  qualifyingL3: z.boolean().optional(),
});

export const UpdateItemInput = SchemeRefInput.extend({ itemKey: id, ...ItemInput.shape, ...ItemV2Input.shape }).superRefine((v, ctx) => {
  // A test set is named whole (id, version and size) or not at all.
  const parts = { testSetId: v.testSetId !== "", testSetVersion: v.testSetVersion !== "", testSetSize: v.testSetSize !== undefined };
  if (Object.values(parts).some(Boolean)) {
    for (const [field, given] of Object.entries(parts)) if (!given) ctx.addIssue({ code: "custom", path: [field], ...coded("SCHEME_TEST_SET_INCOMPLETE") });
  }
  // A qualifying item needs a threshold at that level (as lib/grading checks the whole scheme).
  for (const level of ["L1", "L2", "L3"] as const) {
    if (v[`qualifying${level}`] && v[level] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [`qualifying${level}`],
        message: englishMessage("SCHEME_QUALIFYING_NO_THRESHOLD", { item: v.itemKey, level }),
        params: { reason: "SCHEME_QUALIFYING_NO_THRESHOLD", item: v.itemKey, level },
      });
    }
  }
});
export const AddItemInput = SchemeRefInput.extend({ elementKey: id, key: text(100), ...ItemInput.shape });
export const RemoveItemInput = SchemeRefInput.extend({ itemKey: id });

/** The key lib/schemes names a field by in its refusals → the form field's name. */
export const FORM_NAMES: Record<string, string> = {
  "title.en": "titleEn",
  "title.zh": "titleZh",
  "method.en": "methodEn",
  "method.zh": "methodZh",
  "thresholds.L1": "L1",
  "thresholds.L2": "L2",
  "thresholds.L3": "L3",
  "item.key": "key",
  "testSet.id": "testSetId",
  "testSet.version": "testSetVersion",
  "testSet.size": "testSetSize",
  testSet: "testSetId",
  "qualifying.L1": "qualifyingL1",
  "qualifying.L2": "qualifyingL2",
  "qualifying.L3": "qualifyingL3",
};
