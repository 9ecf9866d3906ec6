// The pilot dashboard's figures for one pilot: the same function answers the /audit page and
// GET /api/v1/pilots/{id}/stats.
import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { parseStageLimits, type StageLimits } from "@/lib/pilots/stage-limits";
import { computePilotStats, type PilotStats } from "./stats";
import { cachedStatsRows } from "./stats-cache";
import { parseQuery, StatsQuery } from "./filters";
import { dialect } from "./sql";

export type PilotStatsReport = PilotStats & {
  pilot: { id: string; name: string; nameZh: string | null; stageLimits: StageLimits };
  filter: { category: string | null; from: string | null; to: string | null };
};

export async function getPilotStats(user: SessionUser, pilotId: string, query: unknown = {}, now = new Date()): Promise<PilotStatsReport> {
  assertCan(user, "dashboard:read");
  const q = parseQuery(StatsQuery, query, "The dashboard filter is not valid");
  const pilot = await db().pilot.findUnique({ where: { id: pilotId } });
  if (!pilot) throw notFound("PILOT_NOT_FOUND");
  const limits = parseStageLimits(pilot.stageLimits);
  const rows = await cachedStatsRows(db(), dialect(), { pilotId, category: q.category, from: q.from, to: q.to }, now, limits);
  return {
    pilot: { id: pilot.id, name: pilot.name, nameZh: pilot.nameZh, stageLimits: limits },
    filter: { category: q.category ?? null, from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null },
    ...computePilotStats(rows, { now, limits }),
  };
}
