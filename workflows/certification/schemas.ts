// zod schemas of each event's user-supplied payload (no actor, time or server-looked-up facts).
// The HTTP API answers 422 from them and publishes them in OpenAPI; the rules reuse them.
import { z } from "zod";
import { LEVELS } from "./types";

const LevelSchema = z.enum(LEVELS);
const reason = z.string().trim().min(1);

export const eventPayloadSchemas = {
  SUBMIT: z.object({}),
  WITHDRAW: z.object({ reason: z.string().trim().optional() }),
  RETURN: z.object({ reasons: z.array(reason).min(1) }),
  REJECT_APPLICATION: z.object({ reason }),
  ACCEPT: z.object({ labId: z.string().trim().min(1) }),
  SUBMIT_REPORT: z.object({}),
  ASSIGN_PANEL: z.object({ expertIds: z.array(z.string().trim().min(1)).min(1) }),
  RECUSE: z.object({ reason }),
  VOTE: z.object({
    verdict: z.enum(["approve", "reject", "retest"]),
    level: LevelSchema.nullable().optional(),
    rationale: z.string().trim().min(1),
  }),
  AWARD: z.object({ level: LevelSchema, justification: z.string().trim().optional() }),
  DENY: z.object({ reason }),
  REMAND: z.object({ reason }),
  SUSPEND: z.object({ reason }),
  REINSTATE: z.object({}),
  REVOKE: z.object({ reason }),
  EXPIRE: z.object({}),
  APPEAL: z.object({ reason }),
  UPHOLD_APPEAL: z.object({ reason: z.string().trim().optional() }),
  DISMISS_APPEAL: z.object({ reason }),
} as const;

// zod types an empty z.object({}) with an index signature of `never`; drop it so facts can be added.
type WithoutIndex<T> = { [P in keyof T as string extends P ? never : P]: T[P] };
export type EventPayloads = {
  [K in keyof typeof eventPayloadSchemas]: WithoutIndex<z.input<(typeof eventPayloadSchemas)[K]>>;
};
