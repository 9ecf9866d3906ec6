import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { createDb, db, type Db } from "@/lib/db";
import { leased, leaseKey, leaseMsFor, readLease, tryTakeLease } from "./lease";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
const PERIOD = 60 * 60_000;

let t: TestDatabase;
// A second client on the same database: the second "instance" has its own connections.
let other: Db;

beforeAll(async () => {
  t = await useFreshDatabase();
  other = createDb(t.url);
}, 120_000);
afterAll(async () => {
  await other?.$disconnect();
  await t?.drop();
});

describe(`leases of the periodic sweeps (${DB})`, () => {
  it("two instances racing: exactly one wins each period, nobody wins inside it, and it lapses for the next", async () => {
    const loop = `race-${Math.random()}`;
    const t0 = new Date("2031-03-01T00:00:00Z");
    let wins = { a: 0, b: 0 };
    for (let period = 0; period < 6; period++) {
      const start = new Date(t0.getTime() + period * PERIOD);
      const [a, b] = await Promise.all([tryTakeLease(db(), loop, PERIOD, "instance-a", start), tryTakeLease(other, loop, PERIOD, "instance-b", start)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      wins = { a: wins.a + (a ? 1 : 0), b: wins.b + (b ? 1 : 0) };
      // Later in the same period, neither (not even the holder) runs the loop again.
      const mid = new Date(start.getTime() + PERIOD / 2);
      expect(await Promise.all([tryTakeLease(db(), loop, PERIOD, "instance-a", mid), tryTakeLease(other, loop, PERIOD, "instance-b", mid)])).toEqual([false, false]);
      const held = await readLease(db(), loop);
      expect(held).toEqual({ holder: a ? "instance-a" : "instance-b", until: new Date(start.getTime() + PERIOD).toISOString() });
    }
    expect(wins.a + wins.b).toBe(6);
  });

  it("many callers at once on a fresh lease row: one insert wins, the rest lose without an error", async () => {
    const loop = `crowd-${Math.random()}`;
    const now = new Date("2031-04-01T00:00:00Z");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => tryTakeLease(i % 2 ? other : db(), loop, PERIOD, `holder-${i}`, now)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("a lease whose value was mangled by hand counts as lapsed", async () => {
    const loop = `mangled-${Math.random()}`;
    await db().setting.create({ data: { key: leaseKey(loop), value: "not json" } });
    expect(await tryTakeLease(db(), loop, PERIOD, "x", new Date())).toBe(true);
    expect((await readLease(db(), loop))?.holder).toBe("x");
  });

  it("leased(): the wrapped sweep runs in one of two instances per period; the lease is a little shorter than the period", async () => {
    const loop = `wrapped-${Math.random()}`;
    let runs = 0;
    const sweep = async () => void runs++;
    const a = leased(db, loop, PERIOD, sweep);
    const b = leased(() => other, loop, PERIOD, sweep);
    await Promise.all([a(), b(), a(), b()]);
    expect(runs).toBe(1);
    expect(leaseMsFor(PERIOD)).toBe(PERIOD - 60_000);
    expect(leaseMsFor(1000)).toBe(900);
  });

  it("the portal's sweeps (expiry, surveillance, audit checkpoint) are wrapped in leases; the outbox is not", async () => {
    const { LOOPS } = await import("@/lib/jobs");
    const byName = new Map(LOOPS.map((l) => [l.name, l]));
    for (const name of ["expiry", "surveillance", "audit-checkpoint"]) {
      const loop = byName.get(name)!;
      const first = await loop.run();
      expect(first).not.toBeUndefined();
      const lease = await readLease(db(), name);
      expect(lease).not.toBeNull();
      expect(new Date(lease!.until).getTime()).toBeGreaterThan(Date.now() + loop.everyMs / 2);
      // The same period again (this or another instance): skipped.
      expect(await loop.run()).toBeUndefined();
    }
    expect(await readLease(db(), "outbox")).toBeNull();
    expect(typeof (await byName.get("outbox")!.run())).toBe("number");
  }, 120_000);
});
