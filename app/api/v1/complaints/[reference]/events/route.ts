import { userRoute, readJson, json } from "@/lib/api/handler";
import { applyComplaintEvent } from "@/lib/complaints/apply-complaint-event";
import { ComplaintEventRequestSchema } from "@/lib/complaints/schemas";

// The secretariat triages a complaint; its assigned handler closes it (lib/complaints/apply-complaint-event.ts).
export const POST = userRoute<{ reference: string }>(async (req, user, { reference }) => {
  const { type, expectedVersion, ...payload } = await readJson(req, ComplaintEventRequestSchema);
  const c = await applyComplaintEvent(user, { reference, type, expectedVersion, payload });
  return json({
    reference: c.reference,
    state: c.state,
    version: c.version,
    handlerId: c.handlerId,
    outcome: c.outcome,
    publicSummary: c.publicSummary,
  });
});
