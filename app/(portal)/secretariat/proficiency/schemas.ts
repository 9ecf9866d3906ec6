// The proficiency-testing forms' schemas (docs/decisions/0009-forms-conform-zod.md): parsed in the
// browser (useZodForm) and again in the server actions (parseForm) before lib/proficiency/rounds.ts
// checks the request against the database. Refusals are codes (workflows/errors.ts). Bounds as in
// docs/domain.md#proficiency-testing (lib/proficiency/schemas.ts). No server-only imports here.
import { z } from "zod";
import { englishMessage } from "@/lib/domain";
import { PT_BOUNDS } from "@/lib/proficiency/schemas";

const id = z.string().trim().min(1).max(100);
/** At most `max` characters, refused as TEXT_TOO_LONG { max }. */
const text = (max: number) =>
  z.string().trim().min(1).refine((s) => s.length <= max, { message: englishMessage("TEXT_TOO_LONG", { max }), params: { reason: "TEXT_TOO_LONG", max } });
/** At most `max` entries, refused as PT_TOO_MANY { max }. */
const list = (max: number) => z.array(id).refine((a) => a.length <= max, { message: englishMessage("PT_TOO_MANY", { max }), params: { reason: "PT_TOO_MANY", max } });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A deadline day is open until its end in UTC (as lib/proficiency/rounds.ts reads it). */
export function deadlineOf(day: string): Date {
  return DAY.test(day) ? new Date(`${day}T23:59:59.999Z`) : new Date(day);
}

/** The secretariat's new round. The scheme is one control: `schemeId@version`. */
export const RoundFields = z.object({
  title: text(PT_BOUNDS.title),
  scheme: z
    .string()
    .trim()
    .min(1)
    .max(201)
    .refine((s) => /^[^@]+@[^@]+$/.test(s), { message: englishMessage("FIELD_INVALID") }),
  items: list(PT_BOUNDS.items).refine((a) => a.length > 0, { message: englishMessage("FIELD_REQUIRED"), params: { reason: "FIELD_REQUIRED" } }),
  referenceSample: text(PT_BOUNDS.sample),
  deadline: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .refine((s) => !Number.isNaN(deadlineOf(s).getTime()), { message: englishMessage("FIELD_INVALID") })
    .refine((s) => Number.isNaN(deadlineOf(s).getTime()) || deadlineOf(s).getTime() > Date.now(), {
      message: englishMessage("PT_DEADLINE_NOT_FUTURE"),
      params: { reason: "PT_DEADLINE_NOT_FUTURE" },
    }),
  labIds: list(PT_BOUNDS.labs).refine((a) => a.length >= PT_BOUNDS.minLabs, {
    message: englishMessage("PT_TOO_FEW_LABS", { min: PT_BOUNDS.minLabs }),
    params: { reason: "PT_TOO_FEW_LABS", min: PT_BOUNDS.minLabs },
  }),
});

/** Closing a round (confirmed in a dialog first). */
export const CloseFields = z.object({ roundId: id });

/** A plain decimal, as a lab writes it (a decimal comma is read as a point). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const labNumber = (raw: string) => Number(raw.trim().replace(",", "."));

/**
 * An invited lab's values: `values.<item>` per item of the round, whose keys the form also sends
 * (`keys`) so an empty box is PT_VALUE_MISSING { item } on both sides; the lib checks the keys
 * against the round again.
 */
export const ValuesFields = z
  .object({
    roundId: id,
    keys: z.array(id).min(1).max(PT_BOUNDS.items),
    values: z.record(z.string().max(100), z.string().max(100)).optional(),
  })
  .superRefine((v, ctx) => {
    for (const key of v.keys) {
      const raw = v.values?.[key]?.trim() ?? "";
      if (raw === "")
        ctx.addIssue({ code: "custom", path: ["values", key], message: englishMessage("PT_VALUE_MISSING", { item: key }), params: { reason: "PT_VALUE_MISSING", item: key } });
      else if (!DECIMAL.test(raw.replace(",", ".")) || !Number.isFinite(labNumber(raw)))
        ctx.addIssue({ code: "custom", path: ["values", key], message: englishMessage("NOT_A_NUMBER"), params: { reason: "NOT_A_NUMBER" } });
    }
  });
