// Proficiency-testing rounds (docs/domain.md#proficiency-testing): the rounds the caller may see, and
// the secretariat's new round.
import { userRoute, json, readJson } from "@/lib/api/handler";
import { assertCan } from "@/lib/permissions";
import { CreateRoundSchema } from "@/lib/proficiency/schemas";
import { createRound, listRounds } from "@/lib/proficiency/rounds";

/** Every round (secretariat, ministry) or the rounds the caller's lab is invited to, newest deadline first. */
export const GET = userRoute(async (_req, user) => json({ rounds: await listRounds(user) }));

/** Creates a round (secretariat); appends PT_ROUND_CREATED to the audit chain. */
export const POST = userRoute(async (req, user) => {
  assertCan(user, "proficiency:manage");
  const body = await readJson(req, CreateRoundSchema);
  return json(await createRound(user, body), 201);
});
