import { userRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { listCaseEvents } from "@/lib/cases/case-events";
import { sendEvent } from "@/lib/cases/send-event";
import { assertCan } from "@/lib/permissions";

export const GET = userRoute<{ id: string }>(async (_req, user, { id }) => {
  assertCan(user, "case:read");
  return json({ events: await listCaseEvents(user, id) });
});

export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("INVALID_INPUT", "The body must be JSON", { _: "not valid JSON" });
  }
  return json(await sendEvent(user, id, body));
});
