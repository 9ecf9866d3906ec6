// zod schemas of each event's user-supplied payload (no actor, time or server-looked-up facts).
// The HTTP API answers 422 from them and publishes them in OpenAPI; the rules reuse them.
import { z } from "zod";
import { LEVELS } from "./types";

const LevelSchema = z.enum(LEVELS);
// Bounds keep a request's work small (and match the forms): free text at most 4000 characters,
// identifiers at most 100, lists at most 50 entries.
const TEXT_MAX = 4000;
const ID_MAX = 100;
const LIST_MAX = 50;
// Stored text never holds a NUL (PostgreSQL refuses it) or half a surrogate pair (not Unicode).
const CLEAN_TEXT = { check: (s: string) => !s.includes("\u0000") && s.isWellFormed(), message: "Text must not contain NUL characters or invalid Unicode" };
const text = () => z.string().trim().refine(CLEAN_TEXT.check, CLEAN_TEXT.message);
const reason = text().min(1).max(TEXT_MAX);
const optionalReason = text().max(TEXT_MAX).optional();
const id = text().min(1).max(ID_MAX);

export const eventPayloadSchemas = {
  SUBMIT: z.object({}),
  WITHDRAW: z.object({ reason: optionalReason }),
  RETURN: z.object({ reasons: z.array(reason).min(1).max(LIST_MAX) }),
  REJECT_APPLICATION: z.object({ reason }),
  ACCEPT: z.object({ labId: id }),
  SUBMIT_REPORT: z.object({}),
  ASSIGN_PANEL: z.object({ expertIds: z.array(id).min(1).max(LIST_MAX) }),
  RECUSE: z.object({ reason }),
  VOTE: z.object({
    verdict: z.enum(["approve", "reject", "retest"]),
    level: LevelSchema.nullable().optional(),
    rationale: text().min(1).max(TEXT_MAX),
  }),
  AWARD: z.object({ level: LevelSchema, justification: optionalReason }),
  DENY: z.object({ reason }),
  REMAND: z.object({ reason }),
  // correctBy: the date the vendor must correct by (a calendar date or an ISO time); the rules
  // check it is after the suspension and at most SUSPENSION_MAX_DAYS ahead.
  SUSPEND: z.object({ reason, correctBy: text().min(1).max(40).refine((s) => !Number.isNaN(Date.parse(s)), "Not a date") }),
  // evidenceIds may be empty here: the rules refuse that with REINSTATE_NEEDS_EVIDENCE (a code people read).
  REINSTATE: z.object({ reason, evidenceIds: z.array(id).max(LIST_MAX) }),
  DOWNGRADE: z.object({ level: LevelSchema, reason }),
  REVOKE: z.object({ reason }),
  EXPIRE: z.object({}),
  APPEAL: z.object({ grounds: reason }),
  UPHOLD_APPEAL: z.object({ reason }),
  DISMISS_APPEAL: z.object({ reason }),
} as const;

// zod types an empty z.object({}) with an index signature of `never`; drop it so facts can be added.
type WithoutIndex<T> = { [P in keyof T as string extends P ? never : P]: T[P] };
export type EventPayloads = {
  [K in keyof typeof eventPayloadSchemas]: WithoutIndex<z.input<(typeof eventPayloadSchemas)[K]>>;
};
