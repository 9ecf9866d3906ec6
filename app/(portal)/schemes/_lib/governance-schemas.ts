// The governance forms' schemas (docs/domain.md#scheme-governance), parsed in the browser
// (useZodForm) and again in the server action (parseForm); lib/schemes checks its own way after.
// No server-only imports: the forms import this module.
import { z } from "zod";
import { englishMessage } from "@/lib/domain";

const id = z.string().trim().min(1).max(100);
const ref = { schemeId: id, version: z.string().trim().min(1).max(50) };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .trim()
  .refine((s) => DATE_ONLY.test(s), { message: englishMessage("SCHEME_DATE_FORMAT"), params: { reason: "SCHEME_DATE_FORMAT" } });
const text = z.string().trim().min(1).max(2000);

export const GovernanceRefInput = z.object(ref);
export const ProposeInput = z.object({ ...ref, commentsUntil: day });
export const CommentPeriodInput = z.object({ ...ref, commentsUntil: day });
export const CommentInput = z.object({ ...ref, target: z.string().trim().max(100).optional(), text });
export const AnswerInput = z.object({ ...ref, commentId: id, answer: text });
export const PublishInput = z.object({ ...ref, effectiveFrom: day, transitionUntil: day.optional() });
