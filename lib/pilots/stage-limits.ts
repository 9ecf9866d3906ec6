// The four timed stages of a case and a pilot's time limit for each (days, set by the secretariat).
import { z } from "zod";

// The stages, their limits and how a stored value is read are the domain's (workflows/certification/policy.ts).
export { STAGES, stageOf, parseStageLimits, type Stage, type StageLimits } from "@/lib/domain";

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
