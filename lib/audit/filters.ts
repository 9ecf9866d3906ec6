// The audit's query filters (dashboard, explorer, export), validated the same way whether they
// come from a page's searchParams or an API query string.
import { z } from "zod";
import { invalidRequest } from "@/lib/errors";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** The portal's working day is Beijing time (UTC+8, no daylight saving). */
const PORTAL_OFFSET = "+08:00";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** A day (YYYY-MM-DD, Beijing time) or an ISO date-time; `end` turns a day into the start of the next day. */
function instant(end: boolean) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((s) => DATE_ONLY.test(s) || !Number.isNaN(Date.parse(s)), "Use a date such as 2026-03-31")
      .transform((s) => {
        if (!DATE_ONLY.test(s)) return new Date(s);
        const start = new Date(`${s}T00:00:00${PORTAL_OFFSET}`);
        return end ? new Date(start.getTime() + 86_400_000) : start;
      })
      .refine((d) => !Number.isNaN(d.getTime()), "Not a real date")
      .optional(),
  );
}

const text = (max: number) => z.preprocess(emptyToUndefined, z.string().max(max).optional());

const period = {
  /** Inclusive: from the start of this day. */
  from: instant(false),
  /** Inclusive: up to the end of this day. */
  to: instant(true),
};

function checkPeriod<T extends { from?: Date; to?: Date }>(v: T, ctx: z.RefinementCtx) {
  if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end is before the start" });
}

export const StatsQuery = z
  .object({ category: text(40), ...period })
  .superRefine(checkPeriod);
export type StatsQueryInput = z.infer<typeof StatsQuery>;

const seq = z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional());

export const EventQuery = z
  .object({
    caseId: text(60),
    actorId: text(60),
    role: text(20),
    type: text(60),
    ...period,
    /** Keyset: events with a smaller seq than this (the explorer pages newest first). */
    before: seq,
    /** Keyset: events with a larger seq than this (exports page oldest first). */
    after: seq,
    take: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).optional()),
  })
  .superRefine(checkPeriod);
export type EventQueryInput = z.infer<typeof EventQuery>;

export const CaseQuery = z
  .object({ pilotId: text(60), category: text(40), state: text(40), ...period })
  .superRefine(checkPeriod);
export type CaseQueryInput = z.infer<typeof CaseQuery>;

export const ExportQuery = z.object({
  what: z.enum(["events", "cases"], { message: "what must be events or cases" }),
  format: z.enum(["csv", "json"], { message: "format must be csv or json" }),
});

/** URLSearchParams or a page's searchParams as a plain object (first value of repeated keys). */
export function queryObject(q: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (q instanceof URLSearchParams) {
    for (const [k, v] of q) if (!(k in out)) out[k] = v;
  } else {
    for (const [k, v] of Object.entries(q)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined) out[k] = first;
    }
  }
  return out;
}

export function parseQuery<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const r = schema.safeParse(raw);
  // zod's English per field stays in the API's details; people read the fields' codes.
  if (!r.success) throw invalidRequest(r.error.issues, what);
  return r.data;
}
