// Failed sign-ins are throttled per account and per address: 5 failures in 15 minutes lock that key.
import type { Db } from "@/lib/db";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_FAILURES = 5;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

/** Minutes until the first of the keys is free again, or 0 when none is locked. */
export async function lockedForMinutes(database: Db, keys: string[], now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  let wait = 0;
  for (const key of keys) {
    const failures = await database.loginAttempt.findMany({
      where: { key, succeeded: false, at: { gt: since } },
      orderBy: { at: "desc" },
      take: THROTTLE_MAX_FAILURES,
    });
    if (failures.length >= THROTTLE_MAX_FAILURES) {
      const oldest = failures[failures.length - 1].at.getTime();
      wait = Math.max(wait, Math.ceil((oldest + THROTTLE_WINDOW_MS - now.getTime()) / 60000));
    }
  }
  return wait;
}

export async function recordAttempt(database: Db, keys: string[], succeeded: boolean) {
  await database.loginAttempt.createMany({ data: keys.map((key) => ({ key, succeeded })) });
  if (succeeded) {
    // A success clears the account's failures, not the address's.
    await database.loginAttempt.deleteMany({ where: { key: keys[0], succeeded: false } });
  }
}
