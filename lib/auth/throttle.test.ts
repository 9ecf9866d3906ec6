// The sign-in throttle, on the database in use (SQLite, or PostgreSQL with TEST_DATABASE_URL):
// atomic under parallel guesses, blind to client-chosen X-Forwarded-For, slowing the guesser
// instead of locking the owner out, and every checked attempt in the audit chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { ensureOrganization, ensureUser, uniqueSuffix } from "@/prisma/seed/factories";
import { makeSessionUser } from "@/test/users";
import { listAuditEvents } from "@/lib/audit/explorer/query";
import { verifyAuditChain } from "@/lib/audit/chain";
import { authOptions } from "./options";
import { checkSignIn, SignInRefused, WRONG_CREDENTIALS } from "./sign-in";
import {
  accountKey, ADDRESS_POLICY, claimSignInAttempt, delayAfter, PAIR_POLICY, pairKey, pruneThrottleCounters, settleSignIn, Throttled, WIDE_ATTACK_ADDRESSES,
} from "./throttle";
import { markPeerStamping, PEER_HEADER } from "@/lib/http/peer";

const PASSWORD = "correct-horse-battery";
let t: TestDatabase;
beforeAll(async () => {
  t = await useFreshDatabase();
  markPeerStamping();
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("zhiji.peer-header-stamped")];
  await t.drop();
});

async function makeUser() {
  const org = await ensureOrganization(db(), { name: `Org ${uniqueSuffix()}`, kind: "vendor" });
  return ensureUser(db(), { email: `t-${uniqueSuffix()}@test.zhiji`, name: "T", role: "vendor", organizationId: org.id, password: PASSWORD });
}

/** next-auth's authorize, as the credentials endpoint calls it, with the request's headers. */
function authorize(email: string, password: string, headers: Record<string, string>) {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string }> } };
  return provider.options.authorize({ email, password }, { headers });
}

async function outcome(p: Promise<unknown>): Promise<"ok" | "wrong" | "throttled"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof SignInRefused) return e.reason === "THROTTLED" ? "throttled" : "wrong";
    throw e;
  }
}

const failedChecks = async (email: string) =>
  (await db().auditEvent.findMany({ where: { type: "SIGN_IN_FAILED" } })).filter((e) => JSON.parse(e.payload).email === email).length;


// Many bcrypt checks and contended writes at once: slow on a loaded 2-core machine, not a hang.
const SLOW_TEST_MS = 120_000;
describe(`sign-in throttle (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("20 parallel wrong guesses on one account from one address: only the free ones are checked", async () => {
    const u = await makeUser();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(checkSignIn(u.email, `wrong-${i}`, "192.0.2.10"))));
    expect(results.filter((r) => r === "wrong").length).toBeLessThanOrEqual(PAIR_POLICY.free);
    expect(results.filter((r) => r === "throttled").length).toBeGreaterThanOrEqual(20 - PAIR_POLICY.free);
    expect(await failedChecks(u.email)).toBe(results.filter((r) => r === "wrong").length);
    const row = await db().throttleCounter.findUniqueOrThrow({ where: { key: pairKey(u.email, "192.0.2.10") } });
    expect(row.failures).toBe(results.filter((r) => r === "wrong").length);
  }, SLOW_TEST_MS);

  it("parallel guesses from one address across many accounts: at most the address's free failures are checked", async () => {
    const emails = Array.from({ length: ADDRESS_POLICY.free + 10 }, () => `nobody-${uniqueSuffix()}@test.zhiji`);
    const results = await Promise.all(emails.map((e) => outcome(checkSignIn(e, "guess", "192.0.2.20"))));
    expect(results.filter((r) => r === "wrong").length).toBeLessThanOrEqual(ADDRESS_POLICY.free);
    expect(results.filter((r) => r === "throttled").length).toBeGreaterThanOrEqual(10);
  }, SLOW_TEST_MS);

  it("rotating X-Forwarded-For no longer buys new attempts: the address is the socket's", async () => {
    const u = await makeUser();
    const peer = { [PEER_HEADER]: "203.0.113.50" };
    const got: string[] = [];
    for (let i = 0; i < PAIR_POLICY.free + 3; i++) {
      got.push(await outcome(authorize(u.email, `wrong-${i}`, { ...peer, "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.101.${i}` })));
    }
    expect(got).toEqual([...Array(PAIR_POLICY.free).fill("wrong"), "throttled", "throttled", "throttled"]);
    // Even the right password waits at that address …
    expect(await outcome(authorize(u.email, PASSWORD, { ...peer, "x-forwarded-for": "198.51.100.200" }))).toBe("throttled");
    // … while the owner at another one signs in.
    await expect(authorize(u.email, PASSWORD, { [PEER_HEADER]: "203.0.113.51" })).resolves.toMatchObject({ id: u.id });
  });

  it("rotating addresses inside one IPv6 /64 counts as one address", async () => {
    const u = await makeUser();
    const got: string[] = [];
    for (let i = 0; i < PAIR_POLICY.free + 2; i++) got.push(await outcome(checkSignIn(u.email, "nope", `2001:db8:5:6::${(i + 1).toString(16)}`)));
    expect(got.slice(PAIR_POLICY.free)).toEqual(["throttled", "throttled"]);
    await expect(checkSignIn(u.email, PASSWORD, "2001:db8:5:7::1")).resolves.toMatchObject({ id: u.id });
  });

  it("someone hammering an account from a few addresses cannot lock its owner out", async () => {
    const u = await makeUser();
    for (let a = 0; a < WIDE_ATTACK_ADDRESSES - 2; a++) {
      for (let i = 0; i < PAIR_POLICY.free + 2; i++) await outcome(checkSignIn(u.email, "nope", `192.0.2.${100 + a}`));
    }
    expect(await failedChecks(u.email)).toBe((WIDE_ATTACK_ADDRESSES - 2) * PAIR_POLICY.free);
    await expect(checkSignIn(u.email, PASSWORD, "198.51.100.77")).resolves.toMatchObject({ id: u.id });
    await expect(checkSignIn(u.email, PASSWORD, "198.51.100.78")).resolves.toMatchObject({ id: u.id });
  }, SLOW_TEST_MS);

  it("delays grow after the free attempts (2 s, 4 s, 8 s …) and a right password clears them", async () => {
    const u = await makeUser();
    const T = Date.UTC(2030, 0, 1);
    const at = (ms: number) => new Date(T + ms);
    let clock = 0;
    for (let i = 0; i < PAIR_POLICY.free; i++) await settleSignIn(db(), await claimSignInAttempt(db(), u.email, "192.0.2.30", at(clock)), false, at(clock));
    for (const wait of [2_000, 4_000, 8_000, 16_000]) {
      expect(delayAfter(PAIR_POLICY, PAIR_POLICY.free + Math.log2(wait / 2_000))).toBe(wait);
      const refused = await claimSignInAttempt(db(), u.email, "192.0.2.30", at(clock + wait - 1)).catch((e) => e);
      expect(refused).toBeInstanceOf(Throttled);
      clock += wait;
      await settleSignIn(db(), await claimSignInAttempt(db(), u.email, "192.0.2.30", at(clock)), false, at(clock));
    }
    expect(delayAfter(PAIR_POLICY, 100)).toBe(PAIR_POLICY.maxMs);
    // The next one is due in 32 s; once through, a right password resets the pair at once.
    clock += 32_000;
    await settleSignIn(db(), await claimSignInAttempt(db(), u.email, "192.0.2.30", at(clock)), true, at(clock));
    await expect(claimSignInAttempt(db(), u.email, "192.0.2.30", at(clock + 1))).resolves.toBeTruthy();
    // Counted since the reset: only the attempt just claimed.
    const row = await db().throttleCounter.findUniqueOrThrow({ where: { key: pairKey(u.email, "192.0.2.30") } });
    expect(row.failures).toBe(1);
  });

  it("an owner's own typos leave nothing behind on the account once the password is right", async () => {
    const u = await makeUser();
    const T = new Date(Date.UTC(2030, 2, 1));
    for (const right of [false, false, true]) await settleSignIn(db(), await claimSignInAttempt(db(), u.email, "192.0.2.60", T), right, T);
    expect((await db().throttleCounter.findUniqueOrThrow({ where: { key: accountKey(u.email) } })).failures).toBe(0);
    expect((await db().throttleCounter.findUniqueOrThrow({ where: { key: pairKey(u.email, "192.0.2.60") } })).failures).toBe(0);
  });

  it("only a wide attack (many addresses) slows the account itself, and then only by seconds", async () => {
    const u = await makeUser();
    const T = Date.UTC(2030, 1, 1);
    for (let a = 0; a < WIDE_ATTACK_ADDRESSES; a++) {
      const c = await claimSignInAttempt(db(), u.email, `198.18.0.${a + 1}`, new Date(T));
      await settleSignIn(db(), c, false, new Date(T));
    }
    const fresh = await claimSignInAttempt(db(), u.email, "198.18.9.9", new Date(T + 10)).catch((e) => e);
    expect(fresh).toBeInstanceOf(Throttled);
    expect((fresh as Throttled).retryAfterSeconds).toBeLessThanOrEqual(1);
    // Nothing was counted for the refused attempt; a moment later it goes through.
    const c = await claimSignInAttempt(db(), u.email, "198.18.9.9", new Date(T + 1_001));
    await settleSignIn(db(), c, true, new Date(T + 1_001));
  });

  it("audits checked sign-ins (never the password) and shows them in the audit explorer; throttled ones are not written", async () => {
    const u = await makeUser();
    await outcome(checkSignIn(u.email, "a-secret-guess", "192.0.2.40"));
    const failed = (await db().auditEvent.findMany({ where: { type: "SIGN_IN_FAILED" } })).find((e) => JSON.parse(e.payload).email === u.email)!;
    expect(JSON.parse(failed.payload)).toEqual({ email: u.email, userId: u.id, address: "192.0.2.40", reason: "WRONG_CREDENTIALS" });
    expect(failed.payload).not.toContain("a-secret-guess");
    expect(failed.caseId).toBeNull();

    // A whole sign-in through next-auth: authorize, then its signIn event.
    const user = await authorize(u.email, PASSWORD, { [PEER_HEADER]: "192.0.2.41" });
    await authOptions().events!.signIn!({ user: user as never, account: null });
    const ok = await db().auditEvent.findFirst({ where: { type: "SIGN_IN", actorId: u.id } });
    expect(JSON.parse(ok!.payload)).toEqual({ userId: u.id, email: u.email, address: "192.0.2.41" });
    expect(ok!.payload).not.toContain(PASSWORD);

    const ministry = await makeSessionUser("ministry");
    const listed = await listAuditEvents(ministry, { type: "SIGN_IN", actorId: u.id });
    expect(listed.events.map((e) => e.type)).toEqual(["SIGN_IN"]);
    expect((await listAuditEvents(ministry, { type: "SIGN_IN_FAILED" })).events.length).toBeGreaterThan(0);

    const before = await db().auditEvent.count();
    const v = await makeUser();
    for (let i = 0; i < PAIR_POLICY.free + 5; i++) await outcome(checkSignIn(v.email, "nope", "192.0.2.42"));
    expect(await db().auditEvent.count()).toBe(before + PAIR_POLICY.free);
  });

  it("forgets idle counters without a pending delay", async () => {
    const day = 24 * 60 * 60 * 1000;
    const idle = await db().throttleCounter.create({ data: { key: `pair:idle-${uniqueSuffix()}|192.0.2.1`, failures: 2, windowStart: new Date() } });
    const pending = await db().throttleCounter.create({ data: { key: `pair:pending-${uniqueSuffix()}|192.0.2.1`, failures: 9, windowStart: new Date(), nextAttemptAt: new Date(Date.now() + 4 * day) } });
    await pruneThrottleCounters(db());
    expect(await db().throttleCounter.findUnique({ where: { key: idle.key } })).not.toBeNull();
    // Three days on, both were untouched for two windows; only the one still holding a delay stays.
    await pruneThrottleCounters(db(), new Date(Date.now() + 3 * day));
    expect(await db().throttleCounter.findUnique({ where: { key: idle.key } })).toBeNull();
    expect(await db().throttleCounter.findUnique({ where: { key: pending.key } })).not.toBeNull();
  });

  it("the wrong password message stays the same for an unknown account; the chain is intact", async () => {
    await expect(checkSignIn(`nobody-${uniqueSuffix()}@test.zhiji`, "x", "192.0.2.50")).rejects.toThrow(WRONG_CREDENTIALS);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
