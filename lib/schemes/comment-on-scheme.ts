// An expert, a lab or a vendor comments on a proposed version, on the whole scheme or on one item
// or element, while the comment period runs (docs/domain.md#scheme-governance).
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { domainError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { CommentSchema, COMMENTS_PER_AUTHOR, refusal, versionFor } from "./governance";
import { parseInput } from "./schemas";
import { definitionOf, lastDayOf } from "./versions";
import { toCommentView, type SchemeCommentView } from "./list-comments";

export async function commentOnScheme(
  user: SessionUser,
  schemeId: string,
  version: string,
  input: unknown,
  now: Date = new Date(),
): Promise<SchemeCommentView> {
  assertCan(user, "scheme:comment");
  const { target, text } = parseInput(CommentSchema, input);
  return db().$transaction(async (tx) => {
    const row = await versionFor(tx, schemeId, version, false);
    if (row.status !== "proposed") throw domainError("SCHEME_NOT_PROPOSED", { schemeId, version, status: row.status });
    if (row.commentsUntil && now.getTime() >= row.commentsUntil.getTime()) {
      throw domainError("SCHEME_COMMENT_PERIOD_OVER", { until: lastDayOf(row.commentsUntil) });
    }
    if (target !== null) {
      const scheme = definitionOf(row);
      const keys = new Set(scheme.elements.flatMap((e) => [e.key, ...e.items.map((i) => i.key)]));
      if (!keys.has(target)) throw refusal("SCHEME_COMMENT_TARGET_UNKNOWN", { target }, "target");
    }
    const mine = await tx.schemeComment.count({ where: { schemeVersionId: row.id, authorId: user.id } });
    if (mine >= COMMENTS_PER_AUTHOR) throw domainError("SCHEME_COMMENT_LIMIT", { max: COMMENTS_PER_AUTHOR });
    const comment = await tx.schemeComment.create({
      data: { schemeVersionId: row.id, authorId: user.id, authorRole: user.role, target, text, createdAt: now },
    });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "SCHEME_COMMENTED",
      payload: { schemeId, version, commentId: comment.id, target, length: text.length },
    });
    return toCommentView(comment, { name: user.name, organization: user.organizationName });
  });
}
