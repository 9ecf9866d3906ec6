// Request shapes of the conflict declarations (docs/domain.md#conflict-declarations), shared by the
// API, the page and the OpenAPI document. Pure.
import { z } from "zod";

export const CONFLICT_KINDS = ["employer", "client", "competitor_advised"] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
/** The organisations an expert may declare a conflict with: those whose cases panels judge. */
export const CONFLICT_ORG_KINDS = ["vendor", "lab"] as const;

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .trim()
  .max(40)
  .refine((s) => (DATE.test(s) ? !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) : !Number.isNaN(Date.parse(s))), "Not a date");

/** POST /api/v1/me/conflicts. Dates are days (YYYY-MM-DD, UTC) or ISO timestamps. */
export const DeclareConflictSchema = z.object({
  organizationId: z.string().trim().min(1).max(100),
  kind: z.enum(CONFLICT_KINDS),
  note: z.string().trim().max(500).optional().nullable(),
  declaredFrom: day,
  declaredUntil: day.optional().nullable(),
});
export type DeclareConflictInput = z.infer<typeof DeclareConflictSchema>;
