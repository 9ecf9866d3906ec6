// The comments on a version with their answers, oldest first: every signed-in role that may see
// the version reads them (docs/domain.md#scheme-governance). Signed-out readers never see them.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { findVisibleVersion } from "./versions";

export type SchemeCommentView = {
  id: string;
  author: { role: string; name: string; organization: string };
  /** An item or element key; null: the whole scheme. */
  target: string | null;
  text: string;
  createdAt: string;
  answer: { text: string; at: string; by: string } | null;
};

type CommentRow = {
  id: string;
  authorRole: string;
  target: string | null;
  text: string;
  createdAt: Date;
  answer: string | null;
  answeredAt: Date | null;
};

export function toCommentView(c: CommentRow, author: { name: string; organization: string }, answeredBy = ""): SchemeCommentView {
  return {
    id: c.id,
    author: { role: c.authorRole, ...author },
    target: c.target,
    text: c.text,
    createdAt: c.createdAt.toISOString(),
    answer: c.answer !== null && c.answeredAt ? { text: c.answer, at: c.answeredAt.toISOString(), by: answeredBy } : null,
  };
}

/** At most this many comments are read for one page (50 per person, many people: still bounded). */
const MAX_COMMENTS = 1000;

export async function listComments(user: SessionUser, schemeId: string, version: string): Promise<SchemeCommentView[]> {
  assertCan(user, "scheme:read");
  const database = db();
  const row = await findVisibleVersion(database, user, schemeId, version);
  const comments = await database.schemeComment.findMany({
    where: { schemeVersionId: row.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_COMMENTS,
  });
  const ids = [...new Set(comments.flatMap((c) => [c.authorId, c.answeredById ?? ""]).filter(Boolean))];
  const users = await database.user.findMany({ where: { id: { in: ids } }, include: { organization: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return comments.map((c) => {
    const author = byId.get(c.authorId);
    return toCommentView(
      c,
      { name: author?.name ?? "", organization: author?.organization?.name ?? "" },
      c.answeredById ? (byId.get(c.answeredById)?.name ?? "") : "",
    );
  });
}
