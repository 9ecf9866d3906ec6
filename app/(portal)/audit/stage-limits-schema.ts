// The stage limits form's schema, parsed in the browser and again in setStageLimitsAction
// (docs/decisions/0009-forms-conform-zod.md). Errors are the audit namespace's own codes
// (messages/<locale>/audit.json errors.*); lib/pilots/stage-limits.ts checks the same bounds again.
import { z } from "zod";

const days = z.number({ message: "daysNumber" }).int("daysWhole").min(1, "daysMin").max(365, "daysMax").optional();

export const STAGE_FIELDS = ["screening", "testing", "review", "decision"] as const;

export const StageLimitsFields = z.object({
  pilotId: z.string().min(1),
  screening: days,
  testing: days,
  review: days,
  decision: days,
});
