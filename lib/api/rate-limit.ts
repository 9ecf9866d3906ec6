// A per-process fixed-window limit for public routes that do real work per request (verifying a
// PDF checks a signature). Counted per client address (IPv6 per /64); over the limit → 429 RATE_LIMITED.
import { AppError } from "@/lib/errors";
import { addressBucket, clientAddress as addressOf } from "@/lib/http/client-address";

type Window = { start: number; count: number };
const windows = new Map<string, Window>();

/** What a per-address limit counts: the request's client address (lib/http/client-address.ts), IPv6 by /64. */
export function clientAddress(req: Request): string {
  return addressBucket(addressOf(req.headers));
}

export function rateLimit(key: string, limit: number, windowMs: number, now = Date.now()) {
  const w = windows.get(key);
  if (!w || now - w.start >= windowMs) {
    windows.set(key, { start: now, count: 1 });
    if (windows.size > 10_000) {
      for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
    }
    return;
  }
  w.count++;
  if (w.count > limit) {
    const wait = Math.ceil((w.start + windowMs - now) / 1000);
    throw new AppError("RATE_LIMITED", `Too many requests; try again in ${wait} s`, { retryAfterSeconds: wait }, { reason: "REQUESTS_THROTTLED", params: { seconds: wait } });
  }
}
