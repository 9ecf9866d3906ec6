// The four timed stages of a case and a pilot's time limit for each (days, set by the secretariat).
import { z } from "zod";

export const STAGES = ["screening", "testing", "review", "decision"] as const;
export type Stage = (typeof STAGES)[number];

/** Days allowed per stage; a stage without a limit is never "over". */
export type StageLimits = Partial<Record<Stage, number>>;

const days = z.coerce
  .number({ message: "Enter a number of days" })
  .int("Whole days only")
  .min(1, "At least 1 day")
  .max(365, "At most 365 days");

const optionalDays = z.preprocess((v) => (v === "" || v === null ? undefined : v), days.optional());

/** Input of the limits form and of PUT /api/v1/pilots/{id}/stage-limits: empty means no limit. */
export const StageLimitsInput = z
  .object({ screening: optionalDays, testing: optionalDays, review: optionalDays, decision: optionalDays })
  .strict();

/** The stage a (dotted) case state belongs to, or null for states that are not timed. */
export function stageOf(state: string): Stage | null {
  if (state === "screening" || state === "testing" || state === "decision") return state;
  if (state === "review" || state.startsWith("review.")) return "review";
  return null;
}

/** Reads Pilot.stageLimits; anything that is not a positive number of days is ignored. */
export function parseStageLimits(json: string | null | undefined): StageLimits {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? "{}");
  } catch {
    return {};
  }
  const out: StageLimits = {};
  if (raw && typeof raw === "object") {
    for (const s of STAGES) {
      const v = (raw as Record<string, unknown>)[s];
      if (typeof v === "number" && Number.isFinite(v) && v > 0) out[s] = v;
    }
  }
  return out;
}
