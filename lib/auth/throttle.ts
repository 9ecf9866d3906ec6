// The sign-in throttle: it slows guessing down instead of locking anyone out. Three counters in
// ThrottleCounter, each claimed with a compare-and-set before a password is checked, so parallel
// guesses queue behind one another instead of all passing a check made before any was counted:
//   pair:<email>|<address>  every attempt from one address on one account: a few free, then a
//                           growing delay (2 s, 4 s, 8 s … up to 15 min); a success resets it.
//   address:<address>       failures from one address across accounts (a sprayer): more free, then
//                           a growing delay (up to 5 min).
//   account:<email>         how many distinct addresses are failing on the account. Only under a wide
//                           attack (10 or more) does the account itself slow down: one attempt per
//                           1 s, 2 s, 4 s … 60 s, whatever the address.
// A person with the right password at an address nobody is hammering is never slowed by someone
// else's guesses, short of that wide attack. IPv6 addresses count by /64 (lib/http/client-address.ts).
import "server-only";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db";
import { addressBucket } from "@/lib/http/client-address";

type Policy = { free: number; baseMs: number; maxMs: number; windowMs: number };

const DAY = 24 * 60 * 60 * 1000;
export const PAIR_POLICY: Policy = { free: 3, baseMs: 2_000, maxMs: 15 * 60_000, windowMs: DAY };
export const ADDRESS_POLICY: Policy = { free: 30, baseMs: 1_000, maxMs: 5 * 60_000, windowMs: DAY };
/** Distinct failing addresses at which the account as a whole starts to slow down. */
export const WIDE_ATTACK_ADDRESSES = 10;
export const ACCOUNT_POLICY: Policy = { free: WIDE_ATTACK_ADDRESSES, baseMs: 1_000, maxMs: 60_000, windowMs: DAY };
/** Compare-and-set rounds before a contended claim gives up (the caller is told to retry shortly). */
const MAX_ROUNDS = 12;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${addressBucket(address)}`;
export const pairKey = (email: string, address: string) => `pair:${email.trim().toLowerCase()}|${addressBucket(address)}`;
/** Re-entering one's own password while signed in (password change, new API token). */
export const reauthKey = (userId: string) => `reauth:${userId}`;

/** The wait after the n-th counted attempt: none while free, then doubling up to the cap. */
export function delayAfter(policy: Policy, n: number): number {
  if (n < policy.free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, n - policy.free));
}

/** Refused before the password was looked at; retryAfterSeconds says when to try again. */
export class Throttled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed attempts. Try again in ${retryAfterSeconds} s.`);
    this.name = "Throttled";
  }
}

type Row = { key: string; failures: number; windowStart: Date; nextAttemptAt: Date | null };

async function ensureRows(database: Db, keys: string[], now: Date) {
  for (const key of keys) {
    if (await database.throttleCounter.findUnique({ where: { key }, select: { key: true } })) continue;
    try {
      await database.throttleCounter.create({ data: { key, failures: 0, windowStart: now } });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
}

const waitSeconds = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * One compare-and-set on a counter: `next` gets the row as it is (the window already restarted
 * when it has passed) and returns the new values, or a Throttled refusal, or null for "no write".
 * Only a write that matched the row as read counts; otherwise read again.
 */
async function casCounter(
  database: Db,
  key: string,
  policy: Policy,
  now: Date,
  next: (current: { failures: number; windowStart: Date; nextAttemptAt: Date | null }) => { failures: number; nextAttemptAt: Date | null; windowStart: Date } | null,
): Promise<{ before: number } | null> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = (await database.throttleCounter.findUnique({ where: { key } })) as Row | null;
    if (!row) {
      await ensureRows(database, [key], now);
      continue;
    }
    const free = !row.nextAttemptAt || row.nextAttemptAt.getTime() <= now.getTime();
    if (!free) throw new Throttled(waitSeconds(row.nextAttemptAt!, now));
    const expired = now.getTime() - row.windowStart.getTime() >= policy.windowMs;
    const current = expired ? { failures: 0, windowStart: now, nextAttemptAt: null } : { failures: row.failures, windowStart: row.windowStart, nextAttemptAt: row.nextAttemptAt };
    const data = next(current);
    if (!data) return { before: current.failures };
    const r = await database.throttleCounter.updateMany({
      where: { key, failures: row.failures, windowStart: row.windowStart, nextAttemptAt: row.nextAttemptAt },
      data,
    });
    if (r.count === 1) return { before: current.failures };
  }
  // Heavy contention on one counter: many attempts at once. Ask this one to come back shortly.
  throw new Throttled(1);
}

/** Counts one attempt on a counter, or refuses it when its delay has not passed. */
async function claim(database: Db, key: string, policy: Policy, now: Date): Promise<{ before: number }> {
  return (await casCounter(database, key, policy, now, (c) => {
    const failures = c.failures + 1;
    const wait = delayAfter(policy, failures);
    return { failures, windowStart: c.windowStart, nextAttemptAt: wait ? new Date(now.getTime() + wait) : null };
  }))!;
}

async function undo(database: Db, key: string) {
  await database.throttleCounter.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

export type SignInClaim = { email: string; address: string; keys: { pair: string; address: string; account: string }; newAddressOnAccount: boolean };

/**
 * Claims a sign-in attempt on all three counters before the password is checked; throws Throttled
 * (nothing counted) when any of them asks to wait. Settle the claim with settleSignIn afterwards.
 */
export async function claimSignInAttempt(database: Db, emailRaw: string, address: string, now = new Date()): Promise<SignInClaim> {
  const email = emailRaw.trim().toLowerCase();
  const keys = { pair: pairKey(email, address), address: addressKey(address), account: accountKey(email) };
  await ensureRows(database, [keys.pair, keys.address, keys.account], now);
  const pair = await claim(database, keys.pair, PAIR_POLICY, now);
  const newAddressOnAccount = pair.before === 0;
  try {
    await claim(database, keys.address, ADDRESS_POLICY, now);
  } catch (e) {
    await undo(database, keys.pair);
    throw e;
  }
  try {
    // The account counts distinct failing addresses; it gates attempts only under a wide attack.
    await casCounter(database, keys.account, ACCOUNT_POLICY, now, (c) => {
      const failures = c.failures + (newAddressOnAccount ? 1 : 0);
      const wait = delayAfter(ACCOUNT_POLICY, failures);
      if (failures === c.failures && !wait) return null;
      return { failures, windowStart: c.windowStart, nextAttemptAt: wait ? new Date(now.getTime() + wait) : null };
    });
  } catch (e) {
    await undo(database, keys.pair);
    await undo(database, keys.address);
    throw e;
  }
  // Now and then, forget idle counters (by the real clock: updatedAt is the database's).
  if (Math.random() < 0.02) await pruneThrottleCounters(database);
  return { email, address, keys, newAddressOnAccount };
}

/** After the password check: a right password clears this address's record on the account. */
export async function settleSignIn(database: Db, c: SignInClaim, passwordRight: boolean, now = new Date()) {
  if (!passwordRight) return;
  await database.throttleCounter.updateMany({ where: { key: c.keys.pair }, data: { failures: 0, nextAttemptAt: null, windowStart: now } });
  await undo(database, c.keys.address);
  // This address no longer fails on the account (it counted once, when its first failure began).
  await undo(database, c.keys.account);
}

/**
 * The same growing delay for re-entering one's password while signed in, per user: a borrowed
 * session cannot be used to guess the password. Returns a settle function for the check's result.
 */
export async function claimReauthAttempt(database: Db, userId: string, now = new Date()) {
  const key = reauthKey(userId);
  await ensureRows(database, [key], now);
  await claim(database, key, PAIR_POLICY, now);
  return async (passwordRight: boolean) => {
    if (passwordRight) await database.throttleCounter.updateMany({ where: { key }, data: { failures: 0, nextAttemptAt: null, windowStart: new Date() } });
  };
}

/** Forgets counters nobody has touched for two windows and that hold no pending delay. */
export async function pruneThrottleCounters(database: Db, now = new Date()) {
  const before = new Date(now.getTime() - 2 * DAY);
  await database.throttleCounter.deleteMany({
    where: { updatedAt: { lt: before }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lt: now } }] },
  });
}
