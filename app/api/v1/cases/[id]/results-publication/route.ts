import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { setResultsPublication } from "@/lib/pilots/publish-results";

// Vendor: { "publish": true } publishes the certified case's profile and item results; false withdraws them.
export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  const body = await readJsonBody(req);
  return json(await setResultsPublication(user, id, body));
});
