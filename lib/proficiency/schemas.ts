// The requests of proficiency testing (docs/domain.md#proficiency-testing), with their bounds:
// title ≤ 200, reference sample ≤ 2000 characters, at most 100 items and 50 labs per round.
import { z } from "zod";

export const PT_BOUNDS = { title: 200, sample: 2000, items: 100, labs: 50, minLabs: 2 } as const;

/** A string of at most `max` characters, refused as TEXT_TOO_LONG { max }. */
const text = (max: number) =>
  z.string().trim().min(1).refine((s) => s.length <= max, { message: `At most ${max} characters.`, params: { reason: "TEXT_TOO_LONG", max } });
/** A list of at most `max` entries, refused as PT_TOO_MANY { max }. */
const list = <T extends z.ZodType>(of: T, max: number) =>
  z.array(of).refine((a) => a.length <= max, { message: `At most ${max}.`, params: { reason: "PT_TOO_MANY", max } });
const id = z.string().trim().min(1).max(100);

export const CreateRoundSchema = z.object({
  title: text(PT_BOUNDS.title),
  schemeId: id,
  schemeVersion: id,
  items: list(z.string().trim().min(1).max(100), PT_BOUNDS.items).refine((a) => a.length > 0, { message: "Required.", params: { reason: "FIELD_REQUIRED" } }),
  referenceSample: text(PT_BOUNDS.sample),
  deadline: z.string().trim().min(1).max(40).describe("ISO date-time (or a day: its end in UTC) by which labs submit"),
  labIds: list(id, PT_BOUNDS.labs),
});
export type CreateRoundInput = z.infer<typeof CreateRoundSchema>;

export const SubmitValuesSchema = z.object({
  values: z
    .record(z.string().max(100), z.number())
    .refine((v) => Object.keys(v).length <= PT_BOUNDS.items, { message: `At most ${PT_BOUNDS.items}.`, params: { reason: "PT_TOO_MANY", max: PT_BOUNDS.items } })
    .describe("one number per item of the round, by item key"),
});
export type SubmitValuesInput = z.infer<typeof SubmitValuesSchema>;
