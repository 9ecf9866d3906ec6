// What the governance steps share (docs/domain.md#scheme-governance): their bounded inputs, the
// Beijing-day dates they take, and loading the version a step acts on.
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { domainError, englishMessage, notFound, type DomainCode, type DomainRef, type ParamValue } from "@/lib/errors";
import { textProblem } from "@/lib/http/body";
import { dayStart, portalDay, type SchemeVersionRow } from "./versions";

/** The longest text of a comment or an answer. */
export const COMMENT_MAX = 2000;
/** How many comments one person may make on one version. */
export const COMMENTS_PER_AUTHOR = 50;
/** How far ahead a comment period may end, a version take effect, and a transition end after it. */
export const COMMENT_PERIOD_MAX_DAYS = 180;
export const EFFECTIVE_MAX_DAYS = 365;
export const TRANSITION_MAX_DAYS = 730;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const coded = (reason: DomainCode) => ({ message: englishMessage(reason), params: { reason } });

/** A Beijing day, YYYY-MM-DD, that exists on the calendar. */
export const Day = z
  .string(coded("SCHEME_DATE_FORMAT"))
  .trim()
  .refine((s) => DATE_ONLY.test(s) && portalDay(dayStart(s)) === s, coded("SCHEME_DATE_FORMAT"));

const Text = z
  .string()
  .trim()
  .min(1)
  .max(COMMENT_MAX)
  .refine((s) => textProblem(s) === null, coded("NOT_TEXT"));

export const ProposeSchema = z.object({ commentsUntil: Day }).strict();
/** Setting or extending a proposed version's comment period: the same one field. */
export const CommentPeriodSchema = ProposeSchema;
export const CommentSchema = z
  .object({
    /** An item or element key of the scheme; absent or empty: the whole scheme. */
    target: z.string().trim().max(100).nullish().transform((s) => (s ? s : null)),
    text: Text,
  })
  .strict();
export const AnswerSchema = z.object({ answer: Text }).strict();
export const PublishSchema = z
  .object({ effectiveFrom: Day, transitionUntil: Day.nullish().or(z.literal("")).transform((s) => (s ? s : null)) })
  .strict();

/** A refusal by code, naming the field at fault. */
export function refusal(reason: DomainCode, params: Record<string, ParamValue>, field?: string) {
  return domainError(reason, params, field ? { fields: { [field]: { reason, params } as DomainRef } } : {});
}

/** Whole days from one day to another (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) => Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / 86_400_000);

/** The version a step acts on, in the step's transaction. Drafts are NOT_FOUND to those who may not see them. */
export async function versionFor(tx: Tx, schemeId: string, version: string, seesDrafts: boolean): Promise<SchemeVersionRow> {
  const row = await tx.schemeVersion.findUnique({ where: { schemeId_version: { schemeId, version } } });
  if (!row || (!seesDrafts && row.status === "draft")) throw notFound("SCHEME_VERSION_NOT_FOUND", { schemeId, version });
  return row;
}
