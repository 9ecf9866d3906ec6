// The input of a new pilot (the secretariat's form and POST /api/v1/pilots), bounded: names of one
// line, at most 20 categories in scope, dates between 2020 and 2100, stage limits as on the limits form.
import { z } from "zod";
import { englishMessage } from "@/lib/domain";
import { StageLimitsInput } from "./stage-limits";

const REQUIRED = englishMessage("FIELD_REQUIRED");
const ONE_LINE = englishMessage("ONE_LINE");
const RANGE = englishMessage("PILOT_DATE_RANGE");
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MIN = Date.parse("2020-01-01T00:00:00Z");
const MAX = Date.parse("2100-01-01T00:00:00Z");

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const name = z
  .string({ message: REQUIRED })
  .trim()
  .min(1, REQUIRED)
  .max(120, englishMessage("FIELD_INVALID"))
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), ONE_LINE);

/** A day (YYYY-MM-DD: the start of that day in Beijing time) or an ISO instant. */
const instant = z
  .string({ message: RANGE })
  .max(40, RANGE)
  .transform((s) => (DATE_ONLY.test(s) ? new Date(`${s}T00:00:00+08:00`) : new Date(s)))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() >= MIN && d.getTime() < MAX, RANGE);

/** The end of a period: a day means up to the end of that day (stored as the start of the next). */
const endInstant = z
  .string({ message: RANGE })
  .max(40, RANGE)
  .transform((s) => (DATE_ONLY.test(s) ? new Date(Date.parse(`${s}T00:00:00+08:00`) + 86_400_000) : new Date(s)))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() >= MIN && d.getTime() < MAX, RANGE);

const optionalInstant = z.preprocess(blankToUndefined, instant.optional());
const optionalEnd = z.preprocess(blankToUndefined, endInstant.optional());

export const CreatePilotInput = z
  .object({
    name,
    nameZh: name,
    /** Category keys; empty: every category. */
    scope: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    startsAt: z.preprocess(blankToUndefined, instant),
    endsAt: optionalEnd,
    applicationsFrom: optionalInstant,
    applicationsUntil: optionalEnd,
    stageLimits: StageLimitsInput.optional(),
  })
  .strict();
export type CreatePilotInput = z.infer<typeof CreatePilotInput>;

export const PilotEventInput = z.object({ type: z.enum(["APPROVE", "OPEN", "CLOSE"], { message: englishMessage("FIELD_INVALID") }) }).strict();
