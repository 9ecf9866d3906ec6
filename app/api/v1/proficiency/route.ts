// Proficiency-testing rounds (docs/domain.md#proficiency-testing): the rounds the caller may see, and
// the secretariat's new round.
import { userRoute, json, readJson } from "@/lib/api/handler";
import { assertCan } from "@/lib/permissions";
import { CreateRoundSchema } from "@/lib/proficiency/schemas";
import { createRound, listRoundsPage } from "@/lib/proficiency/rounds";

/**
 * Every round (secretariat, ministry) or the rounds the caller's lab is invited to, paged like the
 * other lists (lib/paging.ts: page, size ≤ 100, sort deadline|title|created, dir; newest deadline
 * first by default; a bad value takes the default, a page past the end is the last page).
 */
export const GET = userRoute(async (req, user) => {
  const page = await listRoundsPage(user, new URL(req.url).searchParams);
  return json({ rounds: page.rows, total: page.total, page: page.page, size: page.size, pageCount: page.pageCount });
});

/** Creates a round (secretariat); appends PT_ROUND_CREATED to the audit chain. */
export const POST = userRoute(async (req, user) => {
  assertCan(user, "proficiency:manage");
  const body = await readJson(req, CreateRoundSchema);
  return json(await createRound(user, body), 201);
});
