// The signed-in expert's conflict-of-interest declarations (docs/domain.md#conflict-declarations).
import { userRoute, json, readJson } from "@/lib/api/handler";
import { assertCan } from "@/lib/permissions";
import { DeclareConflictSchema, declareConflict, listMyConflicts } from "@/lib/conflicts/declarations";

/** Every declaration of the caller, withdrawn ones included, newest first (at most 200). */
export const GET = userRoute(async (_req, user) => json({ conflicts: await listMyConflicts(user) }));

/** Declares a conflict with a vendor or lab organisation; appends CONFLICT_DECLARED to the audit chain. */
export const POST = userRoute(async (req, user) => {
  // Who may, before what: a non-expert is refused whatever it sent.
  assertCan(user, "conflict:declare");
  const body = await readJson(req, DeclareConflictSchema);
  return json(await declareConflict(user, body), 201);
});
