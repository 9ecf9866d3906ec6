import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { sendPilotEvent } from "@/lib/pilots/pilot-event";
import { pilotJson } from "@/lib/pilots/pilot-json";

// { "type": "APPROVE" } (ministry, draft → approved), "OPEN" (secretariat, approved → open), "CLOSE" (secretariat, open → closed).
export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  const body = await readJsonBody(req);
  return json(pilotJson(await sendPilotEvent(user, id, body)));
});
