import { afterEach, describe, expect, it } from "vitest";
import { isStopping, resetLoopsForTest, startLoops, stopLoops } from "./background";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => resetLoopsForTest());

describe("background loops and shutdown", () => {
  it("stopLoops: no new tick after the call, the running tick finishes, then it resolves true", async () => {
    let started = 0;
    let finished = 0;
    startLoops([
      {
        name: "slow",
        everyMs: 20,
        run: async () => {
          started++;
          await sleep(300);
          finished++;
        },
      },
    ]);
    await sleep(150); // the first tick (at 100 ms) is running
    expect(started).toBe(1);
    const t0 = Date.now();
    const stopped = stopLoops(5_000);
    expect(isStopping()).toBe(true);
    expect(await stopped).toBe(true);
    expect(finished).toBe(1);
    expect(Date.now() - t0).toBeLessThan(1_000);
    await sleep(100);
    expect(started).toBe(1);
  });

  it("a tick that outlasts the wait: stopLoops gives up after the bound and resolves false", async () => {
    startLoops([{ name: "stuck", everyMs: 1000, run: () => new Promise(() => {}) }]);
    await sleep(150);
    const t0 = Date.now();
    expect(await stopLoops(200)).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it("nothing running (or never started): resolves true at once", async () => {
    expect(await stopLoops(10)).toBe(true);
    startLoops([{ name: "idle", everyMs: 60_000, run: async () => undefined }]);
    expect(await stopLoops(10)).toBe(true);
  });

  it("a failing tick neither stops the loop nor the shutdown", async () => {
    let runs = 0;
    startLoops([
      {
        name: "flaky",
        everyMs: 30,
        run: async () => {
          runs++;
          throw new Error("boom");
        },
      },
    ]);
    await sleep(250);
    expect(runs).toBeGreaterThan(1);
    expect(await stopLoops(100)).toBe(true);
  });
});
