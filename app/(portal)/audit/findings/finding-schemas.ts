// The findings forms' schemas, parsed in the browser and again in their actions
// (docs/decisions/0009-forms-conform-zod.md); lib/audit/findings/schemas.ts checks again.
import { z } from "zod";
import { SEVERITIES } from "@/lib/audit/findings/schemas";

const text = z.string().trim().min(1).max(4000);

export const RecordFindingFields = z.object({
  caseId: z.string().trim().min(1).max(100),
  severity: z.enum(SEVERITIES),
  text,
});

export const AnswerFindingFields = z.object({ findingId: z.string().min(1), answer: text });

export const CloseFindingFields = z.object({ findingId: z.string().min(1) });
