import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { registerJobHandler, runOutboxOnce, runOutboxSoon } from "./worker";

// The claim is a compare-and-set on (id, status, lockedAt): docs/decisions/0010-shared-state-across-instances.md
// says why it is exclusive on both databases. Here several workers race over the same due jobs.
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
const KIND = "test-race";

let t: TestDatabase;
const runs = new Map<string, number>();

beforeAll(async () => {
  t = await useFreshDatabase();
  registerJobHandler(KIND, async (payload) => {
    const n = (payload as { n: string }).n;
    runs.set(n, (runs.get(n) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 5));
  });
}, 120_000);
afterAll(async () => t?.drop());

describe(`outbox claims across workers (${DB})`, () => {
  it("four workers polling at once over 40 due jobs: every job runs exactly once and counts one attempt", async () => {
    await db().outboxJob.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ kind: KIND, dedupeKey: `${KIND}:${i}`, payload: JSON.stringify({ n: String(i) }) })) });
    const done = await Promise.all([runOutboxOnce(), runOutboxOnce(), runOutboxOnce(), runOutboxOnce()]);
    expect(done.reduce((a, b) => a + b, 0)).toBe(40);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const jobs = await db().outboxJob.findMany({ where: { kind: KIND } });
    expect(jobs.every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
  });

  it("runOutboxSoon: a call during a run joins it and asks for one more run, which finds the jobs committed meanwhile", async () => {
    runs.clear();
    await db().outboxJob.createMany({ data: Array.from({ length: 3 }, (_, i) => ({ kind: KIND, dedupeKey: `${KIND}:soon-${i}`, payload: JSON.stringify({ n: `soon-${i}` }) })) });
    const first = runOutboxSoon();
    // Committed while the first run works: the joined call's extra run picks it up.
    await db().outboxJob.create({ data: { kind: KIND, dedupeKey: `${KIND}:late`, payload: JSON.stringify({ n: "late" }) } });
    const second = runOutboxSoon();
    expect(second).toBe(first);
    expect(await first).toBe(4);
    expect([...runs.entries()].sort()).toEqual([["late", 1], ["soon-0", 1], ["soon-1", 1], ["soon-2", 1]]);
    expect(await db().outboxJob.count({ where: { kind: KIND, status: "pending" } })).toBe(0);
  });
});
