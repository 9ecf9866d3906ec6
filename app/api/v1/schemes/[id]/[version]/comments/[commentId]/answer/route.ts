import { json, userRoute } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { answerComment } from "@/lib/schemes";

// { "answer" } — the secretariat, once per comment, while the version is proposed.
export const POST = userRoute<{ id: string; version: string; commentId: string }>(async (req, user, { id, version, commentId }) =>
  json(await answerComment(user, id, version, commentId, await readJsonBody(req))),
);
