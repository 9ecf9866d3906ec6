// The four timed stages of a case and a pilot's time limit for each (days, set by the secretariat).
import { z } from "zod";
import { englishMessage } from "@/lib/domain";

// The stages, their limits and how a stored value is read are the domain's (workflows/certification/policy.ts).
export { STAGES, stageOf, parseStageLimits, type Stage, type StageLimits } from "@/lib/domain";

// Every check names the code STAGE_LIMIT_DAYS (its English message is the code's).
const DAYS = englishMessage("STAGE_LIMIT_DAYS");
const days = z.coerce.number({ message: DAYS }).int(DAYS).min(1, DAYS).max(365, DAYS);

const optionalDays = z.preprocess((v) => (v === "" || v === null ? undefined : v), days.optional());

/** Input of the limits form and of PUT /api/v1/pilots/{id}/stage-limits: empty means no limit. */
export const StageLimitsInput = z
  .object({ screening: optionalDays, testing: optionalDays, review: optionalDays, decision: optionalDays })
  .strict();
