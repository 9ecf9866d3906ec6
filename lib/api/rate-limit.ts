// A fixed-window limit for public routes that do real work per request (verifying a PDF checks a
// signature; tracking a complaint looks up a token). Counted per client address (IPv6 per /64) in the
// ThrottleCounter table, key `rate:<key>`, the way the complaint limit is (lib/complaints/throttle.ts),
// so every instance on one database counts together and a restart forgets nothing. Each step is one
// conditional update, so parallel requests cannot pass together. Over the limit → 429 RATE_LIMITED
// (reason REQUESTS_THROTTLED, retryAfterSeconds), as before.
import "server-only";
import { db, isUniqueViolation, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addressBucket, clientAddress as addressOf } from "@/lib/http/client-address";
import { pruneThrottleCounters } from "@/lib/auth/throttle";

/** What a per-address limit counts: the request's client address (lib/http/client-address.ts), IPv6 by /64. */
export function clientAddress(req: Request): string {
  return addressBucket(addressOf(req.headers));
}

export const rateLimitKey = (key: string) => `rate:${key}`;

/** Counts one request on `key`; throws 429 RATE_LIMITED when `limit` were already counted in this window. */
export async function rateLimit(key: string, limit: number, windowMs: number, now: Date | number = Date.now(), database: Db = db()): Promise<void> {
  const at = new Date(now);
  const k = rateLimitKey(key);
  const cutoff = new Date(at.getTime() - windowMs);
  for (let round = 0; round < 3; round++) {
    // In the current window and below the limit: count this one.
    const counted = await database.throttleCounter.updateMany({
      where: { key: k, windowStart: { gt: cutoff }, failures: { lt: limit } },
      data: { failures: { increment: 1 } },
    });
    if (counted.count === 1) return;
    // The window has passed: this one opens a new window.
    const reopened = await database.throttleCounter.updateMany({
      where: { key: k, windowStart: { lte: cutoff } },
      data: { failures: 1, windowStart: at, nextAttemptAt: null },
    });
    if (reopened.count === 1) return;
    const row = await database.throttleCounter.findUnique({ where: { key: k } });
    if (row) {
      const wait = Math.max(1, Math.ceil((row.windowStart.getTime() + windowMs - at.getTime()) / 1000));
      throw new AppError("RATE_LIMITED", `Too many requests; try again in ${wait} s`, { retryAfterSeconds: wait }, { reason: "REQUESTS_THROTTLED", params: { seconds: wait } });
    }
    // The first request from this address: its row opens the window.
    try {
      await database.throttleCounter.create({ data: { key: k, failures: 1, windowStart: at } });
      // Now and then, forget idle counters.
      if (Math.random() < 0.01) await pruneThrottleCounters(database);
      return;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Another request created it meanwhile: count on it.
    }
  }
  // Only reachable under a burst that keeps re-creating a pruned row: ask to come back shortly.
  throw new AppError("RATE_LIMITED", "Too many requests; try again in 1 s", { retryAfterSeconds: 1 }, { reason: "REQUESTS_THROTTLED", params: { seconds: 1 } });
}
