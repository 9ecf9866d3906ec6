// At most COMPLAINTS_PER_HOUR complaints from one client address (IPv6 by /64) in a fixed window,
// counted in the ThrottleCounter table (the sign-in throttle's table, lib/auth/throttle.ts) so the
// limit holds across every instance and restart. Each step is one conditional update, so parallel
// requests cannot pass it together. Over the limit: 429 COMPLAINT_RATE_LIMITED with retryAfterSeconds.
import "server-only";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db";
import { domainError } from "@/lib/errors";
import { addressBucket } from "@/lib/http/client-address";

export const COMPLAINTS_PER_HOUR = 5;
const WINDOW_MS = 60 * 60_000;

export const complaintThrottleKey = (address: string) => `complaint:${addressBucket(address)}`;

export async function claimComplaintSlot(database: Db, address: string, now = new Date()): Promise<void> {
  const key = complaintThrottleKey(address);
  try {
    await database.throttleCounter.create({ data: { key, failures: 0, windowStart: now } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const cutoff = new Date(now.getTime() - WINDOW_MS);
  // In the current window and below the limit: count this one.
  const counted = await database.throttleCounter.updateMany({
    where: { key, windowStart: { gt: cutoff }, failures: { lt: COMPLAINTS_PER_HOUR } },
    data: { failures: { increment: 1 } },
  });
  if (counted.count === 1) return;
  // The window has passed: this one opens a new window.
  const reopened = await database.throttleCounter.updateMany({
    where: { key, windowStart: { lte: cutoff } },
    data: { failures: 1, windowStart: now, nextAttemptAt: null },
  });
  if (reopened.count === 1) return;
  const row = await database.throttleCounter.findUnique({ where: { key } });
  const waitMs = row ? row.windowStart.getTime() + WINDOW_MS - now.getTime() : WINDOW_MS;
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  throw domainError("COMPLAINT_RATE_LIMITED", { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }, { details: { retryAfterSeconds } });
}
