import { userRoute, json } from "@/lib/api/handler";
import { getPilotStats } from "@/lib/audit/get-pilot-stats";
import { queryObject } from "@/lib/audit/filters";

// ?category=phone&from=2026-03-01&to=2026-06-30 (days in Beijing time, inclusive; or ISO instants).
export const GET = userRoute<{ id: string }>(async (req, user, { id }) =>
  json(await getPilotStats(user, id, queryObject(new URL(req.url).searchParams))),
);
