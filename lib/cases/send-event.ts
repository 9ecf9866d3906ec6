// The API's and the UI's way to send a lifecycle event: parse the request, go through the door,
// answer with the case as the caller now sees it.
import "server-only";
import { db } from "@/lib/db";
import { invalidRequest } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { applyEvent } from "./apply-event";
import { EventRequestSchema } from "./schemas";
import { caseView } from "./view";
import { loadVisibleCase } from "./load-case";
import { kickOutbox } from "@/lib/outbox/kick";

export async function sendEvent(user: SessionUser, caseId: string, body: unknown) {
  // Visibility before validation: a case the caller may not see is 404 whatever they sent. The row
  // read here is the one the door works from, and the view is built from the row the door returns
  // with the actor it resolved: the case is read once per event (docs/performance.md#the-door-what-was-done).
  const row = await loadVisibleCase(db(), user, caseId);
  const parsed = EventRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The event request is not valid");
  const { type, expectedVersion, ...payload } = parsed.data;
  const result = await applyEvent(user, { caseId, type, expectedVersion, payload }, row);
  kickOutbox();
  return caseView(db(), user, result.case, result.actor);
}
