import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { answerFinding } from "@/lib/audit/findings/answer-finding";

// { "answer" } — the secretariat, once, while the finding is open.
export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  const body = await readJsonBody(req);
  return json(await answerFinding(user, id, body));
});
