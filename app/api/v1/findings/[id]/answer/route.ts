import { userRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { answerFinding } from "@/lib/audit/findings/answer-finding";

// { "answer" } — the secretariat, once, while the finding is open.
export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("INVALID_INPUT", "The body must be JSON", { _: "not valid JSON" });
  }
  return json(await answerFinding(user, id, body));
});
