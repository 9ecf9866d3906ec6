import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { setStageLimits } from "@/lib/pilots/set-stage-limits";

// { "screening": 10, "testing": 45, "review": 20, "decision": 10 } — days; a stage left out has no limit.
export const PUT = userRoute<{ id: string }>(async (req, user, { id }) => {
  const body = await readJsonBody(req);
  return json({ stageLimits: await setStageLimits(user, id, body) });
});
