import { publicRoute, json } from "@/lib/api/handler";
import { clientAddress, rateLimit } from "@/lib/api/rate-limit";
import { queryObject } from "@/lib/audit/filters";
import { listPublishedResults } from "@/lib/pilots/published-results";

// Public: ?category=phone&page=1&size=50 (at most 100) — the published results of one category (pilot values).
export const GET = publicRoute(async (req) => {
  await rateLimit(`published-results:${clientAddress(req)}`, 60, 60_000);
  return json(await listPublishedResults(queryObject(new URL(req.url).searchParams)));
});
