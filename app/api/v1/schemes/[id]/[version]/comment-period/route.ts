import { json, userRoute } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { setCommentPeriod } from "@/lib/schemes";

// { "commentsUntil": "YYYY-MM-DD" } — the secretariat sets or extends a proposed version's comment
// period (docs/domain.md#scheme-governance).
export const POST = userRoute<{ id: string; version: string }>(async (req, user, { id, version }) => {
  const v = await setCommentPeriod(user, id, version, await readJsonBody(req));
  return json({ status: v.status, proposedAt: v.proposedAt, commentsUntil: v.commentsUntil });
});
