import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { createDb, db, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { markPeerStamping, PEER_HEADER } from "@/lib/http/peer";
import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { rateLimit } from "./rate-limit";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

let t: TestDatabase;
// A second client on the same database stands for a second portal instance.
let other: Db;
beforeAll(async () => {
  t = await useFreshDatabase();
  other = createDb(t.url);
}, 120_000);
afterAll(async () => {
  await other?.$disconnect();
  await t?.drop();
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe(`rate limit (${DB})`, () => {
  it("lets `limit` requests through per window, refuses the next with 429, and opens again in the next window", async () => {
    const key = `test-${Math.random()}`;
    for (let i = 0; i < 3; i++) await rateLimit(key, 3, 60_000, 1_000 + i);
    const err = await refusal(rateLimit(key, 3, 60_000, 2_000));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(429);
    expect((err as AppError).code).toBe("RATE_LIMITED");
    expect((err as AppError).details).toEqual({ retryAfterSeconds: 59 });
    await expect(rateLimit(key, 3, 60_000, 61_000)).resolves.toBeUndefined();
  });

  it("counts each key apart", async () => {
    const a = `a-${Math.random()}`;
    const b = `b-${Math.random()}`;
    await rateLimit(a, 1, 60_000, 0);
    await expect(rateLimit(b, 1, 60_000, 0)).resolves.toBeUndefined();
    await expect(rateLimit(a, 1, 60_000, 1)).rejects.toThrow(/Too many requests/);
  });

  it("two instances on one database count together, and parallel requests never pass the limit together", async () => {
    const key = `shared-${Math.random()}`;
    const now = 5_000_000;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => refusal(rateLimit(key, 10, 60_000, now, i % 2 ? other : db()))));
    expect(results.filter((r) => r === null)).toHaveLength(10);
    expect(results.filter((r) => r instanceof AppError && r.status === 429)).toHaveLength(10);
    // Either instance refuses the next one in this window.
    await expect(rateLimit(key, 10, 60_000, now + 1, other)).rejects.toThrow(/Too many requests/);
  });

  describe("the public verify route", () => {
    afterEach(() => {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("zhiji.peer-header-stamped")];
    });
    const verify = (headers: Record<string, string>) =>
      verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" }), { params: Promise.resolve({}) });

    it("counts the socket's address: a new X-Forwarded-For or X-Real-IP on every request does not reset the limit", async () => {
      markPeerStamping();
      const peer = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) {
        statuses.push((await verify({ [PEER_HEADER]: peer, "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `192.0.2.${i}` })).status);
      }
      expect(statuses.slice(0, 60).every((s) => s !== 429)).toBe(true);
      const last = await verify({ [PEER_HEADER]: peer, "x-forwarded-for": "203.0.113.250" });
      expect(last.status).toBe(429);
      expect(last.headers.get("retry-after")).toMatch(/^\d+$/);
      // Another peer has its own allowance.
      expect((await verify({ [PEER_HEADER]: "192.0.2.99" })).status).not.toBe(429);
    });
  });
});
