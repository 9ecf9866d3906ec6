// Inputs of the findings use cases, validated at every boundary (form, API).
import { z } from "zod";

export const SEVERITIES = ["low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FINDING_STATUSES = ["open", "answered", "closed"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

// Stored text never holds a NUL (PostgreSQL refuses it) or half a surrogate pair (not Unicode).
const clean = (s: string) => !s.includes("\u0000") && s.isWellFormed();
const CLEAN = { message: "Text must not contain NUL characters or invalid Unicode", params: { reason: "NOT_TEXT" } };

export const RecordFindingInput = z.object({
  caseId: z.string().trim().min(1, "Name the case").max(100),
  severity: z.enum(SEVERITIES, { message: "Severity must be low, medium or high" }),
  text: z.string().trim().min(1, "Describe the finding").max(4000, "At most 4000 characters").refine(clean, CLEAN),
});

export const AnswerFindingInput = z.object({
  answer: z.string().trim().min(1, "Write the answer").max(4000, "At most 4000 characters").refine(clean, CLEAN),
});

export const FindingQuery = z.object({
  caseId: z.string().trim().min(1).optional(),
  pilotId: z.string().trim().min(1).optional(),
  /** "pending": open or answered, i.e. not closed yet. */
  status: z.enum([...FINDING_STATUSES, "pending"], { message: "status must be open, answered, closed or pending" }).optional(),
});
