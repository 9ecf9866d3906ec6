import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { markPeerStamping, PEER_HEADER } from "@/lib/http/peer";
import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { rateLimit } from "./rate-limit";

describe("rate limit", () => {
  it("lets `limit` requests through per window, refuses the next with 429, and opens again in the next window", () => {
    const key = `test-${Math.random()}`;
    for (let i = 0; i < 3; i++) rateLimit(key, 3, 60_000, 1_000 + i);
    let err: unknown;
    try {
      rateLimit(key, 3, 60_000, 2_000);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(429);
    expect((err as AppError).details).toEqual({ retryAfterSeconds: 59 });
    expect(() => rateLimit(key, 3, 60_000, 61_000)).not.toThrow();
  });

  it("counts each key apart", () => {
    const a = `a-${Math.random()}`;
    const b = `b-${Math.random()}`;
    rateLimit(a, 1, 60_000, 0);
    expect(() => rateLimit(b, 1, 60_000, 0)).not.toThrow();
    expect(() => rateLimit(a, 1, 60_000, 1)).toThrow(/Too many requests/);
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
