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
  // Visibility before validation: a case the caller may not see is 404 whatever they sent.
  await loadVisibleCase(db(), user, caseId);
  const parsed = EventRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The event request is not valid");
  const { type, expectedVersion, ...payload } = parsed.data;
  const result = await applyEvent(user, { caseId, type, expectedVersion, payload });
  kickOutbox();
  return caseView(db(), user, result.case);
}
