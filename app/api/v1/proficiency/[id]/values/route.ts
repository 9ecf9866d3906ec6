// An invited lab's values for a round, before the deadline; sending again replaces them.
import { userRoute, json, readJson } from "@/lib/api/handler";
import { assertCan } from "@/lib/permissions";
import { SubmitValuesSchema } from "@/lib/proficiency/schemas";
import { submitValues } from "@/lib/proficiency/rounds";

export const PUT = userRoute<{ id: string }>(async (req, user, { id }) => {
  assertCan(user, "proficiency:submit");
  const body = await readJson(req, SubmitValuesSchema);
  return json(await submitValues(user, id, body));
});
