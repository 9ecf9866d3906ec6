import { userRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { setStageLimits } from "@/lib/pilots/set-stage-limits";

// { "screening": 10, "testing": 45, "review": 20, "decision": 10 } — days; a stage left out has no limit.
export const PUT = userRoute<{ id: string }>(async (req, user, { id }) => {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("INVALID_INPUT", "The body must be JSON", { _: "not valid JSON" });
  }
  return json({ stageLimits: await setStageLimits(user, id, body) });
});
