// Leases: a periodic sweep (expiry, surveillance, audit checkpoint) runs once per period across every
// portal instance sharing the database, not once per instance. A lease is one Setting row,
// key `lease:<loop>`, value JSON {holder, until}. An instance takes it only when the row is missing
// or its `until` has passed, by a compare-and-set on the value it read (an insert racing another
// insert loses on the primary key; an update racing another update matches nothing once the value
// changed), so of the instances ticking in one period exactly one wins. The lease is not given back
// after the run: it lapses at `until`, which is what makes it "once per period".
// docs/decisions/0010-shared-state-across-instances.md says why, and what the clocks must do.
import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db";

/** This process, as a lease holder (also in logs). */
export const INSTANCE_ID = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

export type Lease = { holder: string; until: string };

export const leaseKey = (loop: string) => `lease:${loop}`;

function parse(value: string): Lease | null {
  try {
    const v = JSON.parse(value) as Partial<Lease>;
    return typeof v.holder === "string" && typeof v.until === "string" ? { holder: v.holder, until: v.until } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lease of `loop` for `periodMs` from `now` when nobody holds it; true when this caller
 * won it (and should run the period's work), false when another holder's lease is still running or
 * another caller won the race.
 */
export async function tryTakeLease(database: Db, loop: string, periodMs: number, holder = INSTANCE_ID, now = new Date()): Promise<boolean> {
  const key = leaseKey(loop);
  const value = JSON.stringify({ holder, until: new Date(now.getTime() + periodMs).toISOString() } satisfies Lease);
  const row = await database.setting.findUnique({ where: { key } });
  if (!row) {
    try {
      await database.setting.create({ data: { key, value } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
  const current = parse(row.value);
  // A malformed value (edited by hand) counts as lapsed.
  if (current && new Date(current.until).getTime() > now.getTime()) return false;
  const r = await database.setting.updateMany({ where: { key, value: row.value }, data: { value } });
  return r.count === 1;
}

/** Who holds the lease of `loop` and until when (for the readiness answer and tests). */
export async function readLease(database: Db, loop: string): Promise<Lease | null> {
  const row = await database.setting.findUnique({ where: { key: leaseKey(loop) } });
  return row ? parse(row.value) : null;
}

/**
 * How long a loop's lease lasts: a little less than its period, so the holder's own next tick (which
 * timers fire a few milliseconds late or early relative to the take) finds it lapsed, while no
 * other instance can run the loop again within the same period.
 */
export const leaseMsFor = (periodMs: number) => periodMs - Math.min(periodMs / 10, 60_000);

/** Wraps a sweep so that it runs only in the instance that takes this period's lease. */
export function leased(database: () => Db, loop: string, periodMs: number, run: () => Promise<unknown>): () => Promise<unknown> {
  return async () => {
    if (!(await tryTakeLease(database(), loop, leaseMsFor(periodMs)))) return undefined;
    return run();
  };
}
