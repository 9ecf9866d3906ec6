import { userRoute, readJson, json } from "@/lib/api/handler";
import { applyChangeEvent } from "@/lib/aftercare/apply-change-event";
import { changeSummary } from "@/lib/aftercare/queries";
import { ChangeEventRequestSchema } from "@/lib/aftercare/schemas";

// CLASSIFY (secretariat), SUBMIT_REPORT (the case's lab), CONCLUDE (ministry), WITHDRAW (vendor):
// lib/aftercare/apply-change-event.ts, the change case's one door.
export const POST = userRoute<{ id: string }>(async (req, user, { id }) => {
  const { type, expectedVersion, ...payload } = await readJson(req, ChangeEventRequestSchema);
  return json(changeSummary(await applyChangeEvent(user, { changeId: id, type, expectedVersion, payload })));
});
