import { userRoute, json } from "@/lib/api/handler";
import { readJsonBody } from "@/lib/http/body";
import { listCaseEvents } from "@/lib/cases/case-events";
import { sendEvent } from "@/lib/cases/send-event";
import { assertCan } from "@/lib/permissions";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  assertCan(user, "case:read");
  return json({ events: await listCaseEvents(user, id) });
});

export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  const body = await readJsonBody(req);
  return json(await sendEvent(user, id, body));
});
