import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
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
});
