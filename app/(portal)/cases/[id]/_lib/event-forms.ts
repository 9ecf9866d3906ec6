// The zod schema of each case event's form, used on both sides (docs/decisions/): the form
// validates with it in the browser (Conform), sendEventAction parses with it again, and the lib's
// use case checks the payload once more with the domain's own schema and rules. Built from the
// domain's payload schemas (eventPayloadSchemas), with only what a form sends differently.
import { z } from "zod";
import { DAY_MS, EVENT_TYPES, SUSPENSION_MAX_DAYS, eventPayloadSchemas, type EventType } from "@/lib/domain";

const head = {
  caseId: z.string().trim().min(1),
  type: z.enum(EVENT_TYPES),
  expectedVersion: z.coerce.number().int().min(1),
};

/** A code (workflows/errors.ts) for a check only the form makes; the field kit renders it. */
const code = (reason: string, params: Record<string, string | number> = {}) => ({ params: { reason, ...params } });

/** The last date a suspension may set to correct by, as the date input's `max` (YYYY-MM-DD, UTC). */
export function latestCorrectBy(now = Date.now()): string {
  return new Date(now + SUSPENSION_MAX_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** The first date it may set (tomorrow, UTC). */
export function earliestCorrectBy(now = Date.now()): string {
  return new Date(now + DAY_MS).toISOString().slice(0, 10);
}

const FORM_FIELDS: Partial<Record<EventType, z.ZodRawShape>> = {
  // One reason per line of a text box; the action splits them.
  RETURN: { reasons: z.string().trim().min(1) },
  SUSPEND: {
    reason: eventPayloadSchemas.SUSPEND.shape.reason,
    correctBy: z
      .string()
      .trim()
      .min(1)
      .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)), code("FIELD_INVALID"))
      .refine((s) => !(s < earliestCorrectBy()), code("CORRECT_BY_IN_PAST"))
      .refine((s) => !(s > latestCorrectBy()), code("CORRECT_BY_TOO_FAR", { days: SUSPENSION_MAX_DAYS, latest: latestCorrectBy() })),
  },
  REINSTATE: {
    reason: eventPayloadSchemas.REINSTATE.shape.reason,
    evidenceIds: z
      .array(z.string())
      .optional()
      .refine((ids) => (ids?.length ?? 0) > 0, code("REINSTATE_NEEDS_EVIDENCE")),
  },
};

/** The schema of one event's form: the hidden head fields and the event's own fields. */
export function eventFormSchema(type: EventType) {
  const own = FORM_FIELDS[type] ?? (eventPayloadSchemas as Record<EventType, z.ZodObject>)[type].shape;
  return z.object({ ...head, ...own });
}

export type EventFormValue = z.infer<ReturnType<typeof eventFormSchema>>;
