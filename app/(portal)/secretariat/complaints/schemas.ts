// The triage and close forms' schemas, parsed in the browser and again in ./actions.ts before the
// complaint's door (lib/complaints/apply-complaint-event.ts) checks the event against the workflow
// (docs/decisions/0009-forms-conform-zod.md; bounds as in docs/domain.md#complaints).
import { z } from "zod";
import { COMPLAINT_OUTCOMES } from "@/lib/domain";

export const SUMMARY_MAX = 2000;

const Ref = z.object({ reference: z.string().trim().min(1).max(100), expectedVersion: z.number().int().min(1) });

export const TriageFields = Ref.extend({ handlerId: z.string().trim().min(1).max(100) });

export const CloseFields = Ref.extend({
  outcome: z.enum(COMPLAINT_OUTCOMES),
  publicSummary: z
    .string()
    .trim()
    .min(1)
    .refine((s) => s.length <= SUMMARY_MAX, { message: `At most ${SUMMARY_MAX} characters.`, params: { reason: "TEXT_TOO_LONG", max: SUMMARY_MAX } }),
});
