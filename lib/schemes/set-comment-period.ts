// The secretariat sets or extends the last day of a proposed version's comment period
// (docs/domain.md#scheme-governance): a proposal made without one (outside the propose step) gets
// its end this way, and a consultation may be extended, never cut short.
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { domainError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { COMMENT_PERIOD_MAX_DAYS, CommentPeriodSchema, daysBetween, refusal, versionFor } from "./governance";
import { parseInput } from "./schemas";
import { dayEnd, lastDayOf, portalDay, toView, type SchemeVersionView } from "./versions";

export async function setCommentPeriod(
  user: SessionUser,
  schemeId: string,
  version: string,
  input: unknown,
  now: Date = new Date(),
): Promise<SchemeVersionView> {
  assertCan(user, "scheme:manage");
  const { commentsUntil } = parseInput(CommentPeriodSchema, input);
  const today = portalDay(now);
  return db().$transaction(async (tx) => {
    const row = await versionFor(tx, schemeId, version, true);
    if (row.status !== "proposed") throw domainError("SCHEME_NOT_PROPOSED", { schemeId, version, status: row.status });
    const proposed = row.proposedAt ? portalDay(row.proposedAt) : null;
    if (proposed && commentsUntil < proposed) throw refusal("SCHEME_COMMENTS_UNTIL_BEFORE_PROPOSAL", { proposed }, "commentsUntil");
    if (commentsUntil < today) throw refusal("SCHEME_COMMENTS_UNTIL_PAST", { day: commentsUntil, today }, "commentsUntil");
    if (daysBetween(today, commentsUntil) > COMMENT_PERIOD_MAX_DAYS) throw refusal("SCHEME_COMMENTS_UNTIL_RANGE", { max: COMMENT_PERIOD_MAX_DAYS }, "commentsUntil");
    const previous = row.commentsUntil ? lastDayOf(row.commentsUntil) : null;
    // Those who planned to comment by the announced day keep at least that long.
    if (previous && commentsUntil <= previous) throw refusal("SCHEME_COMMENTS_UNTIL_NOT_LATER", { until: previous }, "commentsUntil");
    const data = { commentsUntil: dayEnd(commentsUntil) };
    // Compare-and-set on status and the old end: of two changes at once, one is kept.
    const updated = await tx.schemeVersion.updateMany({ where: { id: row.id, status: "proposed", commentsUntil: row.commentsUntil ?? null }, data });
    if (updated.count !== 1) throw domainError("SCHEME_NOT_PROPOSED", { schemeId, version, status: "changed" });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "SCHEME_COMMENT_PERIOD_SET",
      payload: { schemeId, version, commentsUntil, previous },
    });
    return toView({ ...row, ...data });
  });
}
