// The dashboard's event-derived rows, kept per filter until the audit chain's head moves. Every
// change the figures depend on (a case event, a vote, a decision, a finding, a pilot's limits)
// appends an audit event, so an unchanged head means unchanged rows: the cache is exact, not
// merely recent. Only the rows that depend on the clock (cases over a limit, overdue suspensions)
// are always fresh.
import "server-only";
import type { Db } from "@/lib/db";
import type { StageLimits } from "@/lib/pilots/stage-limits";
import type { StatsRows } from "./stats";
import { loadStatsRows, loadOpenStages, loadOverdueSuspensions, type StatsFilter } from "./load-stats";
import type { Dialect } from "./sql";

type Settled = Omit<StatsRows, "openStages" | "overdueSuspensions">;
const MAX_ENTRIES = 32;
const g = globalThis as unknown as { zhijiStatsCache?: Map<string, { head: number; rows: Promise<Settled> }> };
const cache = (g.zhijiStatsCache ??= new Map());

export function clearStatsCache() {
  cache.clear();
}

export async function cachedStatsRows(database: Db, d: Dialect, f: StatsFilter, now: Date, limits: StageLimits): Promise<StatsRows> {
  const head = (await database.auditHead.findUnique({ where: { id: 1 } }))?.seq ?? 0;
  const key = JSON.stringify([d, f.pilotId, f.category ?? null, f.from?.toISOString() ?? null, f.to?.toISOString() ?? null]);
  let entry = cache.get(key);
  if (!entry || entry.head !== head) {
    const rows = loadStatsRows(database, d, f).catch((e) => {
      cache.delete(key);
      throw e;
    });
    entry = { head, rows };
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  const [settled, openStages, overdueSuspensions] = await Promise.all([
    entry.rows,
    loadOpenStages(database, f, now, limits),
    loadOverdueSuspensions(database, f, now),
  ]);
  return { ...settled, openStages, overdueSuspensions };
}
