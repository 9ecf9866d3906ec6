// The secretariat answers a comment, once, while the version is proposed; the author is told by
// mail (docs/domain.md#scheme-governance).
import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { domainError, notFound } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { AnswerSchema, versionFor } from "./governance";
import { parseInput } from "./schemas";
import { toCommentView, type SchemeCommentView } from "./list-comments";

export async function answerComment(
  user: SessionUser,
  schemeId: string,
  version: string,
  commentId: string,
  input: unknown,
  now: Date = new Date(),
): Promise<SchemeCommentView> {
  assertCan(user, "scheme:manage");
  const { answer } = parseInput(AnswerSchema, input);
  return db().$transaction(async (tx) => {
    const row = await versionFor(tx, schemeId, version, true);
    const comment = await tx.schemeComment.findFirst({ where: { id: commentId.slice(0, 100), schemeVersionId: row.id } });
    if (!comment) throw notFound("SCHEME_COMMENT_NOT_FOUND");
    if (row.status !== "proposed") throw domainError("SCHEME_NOT_PROPOSED", { schemeId, version, status: row.status });
    // Compare-and-set: of two answers at once, one is kept.
    const updated = await tx.schemeComment.updateMany({
      where: { id: comment.id, answeredAt: null },
      data: { answer, answeredById: user.id, answeredAt: now },
    });
    if (updated.count !== 1) throw domainError("SCHEME_COMMENT_ALREADY_ANSWERED");
    const { seq } = await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "SCHEME_COMMENT_ANSWERED",
      payload: { schemeId, version, commentId: comment.id, length: answer.length },
    });
    const author = await tx.user.findUnique({ where: { id: comment.authorId }, include: { organization: true } });
    if (author && !author.disabled) {
      const zh = author.locale?.startsWith("zh");
      await enqueueMail(
        tx,
        {
          to: author.email,
          subject: zh ? `您对分级方案 ${schemeId} ${version} 的意见已答复` : `Your comment on grading scheme ${schemeId} ${version} was answered`,
          text: zh
            ? `秘书处已答复您的意见。\n\n您的意见：\n${comment.text}\n\n答复：\n${answer}\n`
            : `The secretariat answered your comment.\n\nYour comment:\n${comment.text}\n\nAnswer:\n${answer}\n`,
        },
        `scheme-comment-answered:${seq}`,
      );
    }
    return toCommentView(
      { ...comment, answer, answeredAt: now },
      { name: author?.name ?? "", organization: author?.organization?.name ?? "" },
      user.name,
    );
  });
}
