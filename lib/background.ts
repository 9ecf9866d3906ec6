// Background work of a portal process (outbox, expiry). Started once per process from
// instrumentation.ts; the loops keep their state in the database, so a restart resumes them.
// Shutdown (server.ts on SIGTERM/SIGINT): stopLoops() starts no new tick, lets a running one finish
// for a bounded time, and the process then exits; work cut off by the deadline is picked up again
// by any instance (an outbox claim goes stale and is retried, a sweep runs at its next period).
// The state lives on globalThis: server.ts and Next's bundle of instrumentation.ts load this
// module separately, and both must see the same loops.
import { logFor } from "@/lib/log";

const backgroundLog = logFor("background");

export type Loop = { name: string; everyMs: number; run: () => Promise<unknown> };

type Loops = { stopping: boolean; timers: ReturnType<typeof setTimeout>[]; running: Map<string, Promise<unknown>> };

const g = globalThis as unknown as { zhijiStarted?: boolean; zhijiLoops?: Loops };

/** The bounded wait for running ticks on shutdown. */
export const SHUTDOWN_WAIT_MS = 10_000;

/** True once shutdown began: long ticks (the outbox's batch) stop taking new work. */
export function isStopping(): boolean {
  return g.zhijiLoops?.stopping ?? false;
}

export function startLoops(loops: Loop[]) {
  if (g.zhijiStarted || process.env.ZHIJI_WORKER === "0") return;
  g.zhijiStarted = true;
  const state: Loops = (g.zhijiLoops = { stopping: false, timers: [], running: new Map() });
  for (const loop of loops) {
    const tick = () => {
      if (state.stopping || state.running.has(loop.name)) return;
      const run = loop
        .run()
        .catch((e) => backgroundLog.error({ loop: loop.name, err: e }, "a background loop failed; it runs again at its next tick"))
        .finally(() => state.running.delete(loop.name));
      state.running.set(loop.name, run);
    };
    state.timers.push(setTimeout(tick, 100));
    const every = setInterval(tick, loop.everyMs);
    every.unref();
    state.timers.push(every);
  }
}

/**
 * Stops the loops: no new tick starts; waits for the running ones at most `waitMs`. Resolves true
 * when every running tick finished in time, false when the wait ran out (the caller exits anyway).
 */
export async function stopLoops(waitMs = SHUTDOWN_WAIT_MS): Promise<boolean> {
  const state = g.zhijiLoops;
  if (!state) return true;
  state.stopping = true;
  for (const timer of state.timers) clearTimeout(timer);
  state.timers = [];
  const pending = [...state.running.entries()];
  if (pending.length === 0) return true;
  backgroundLog.info({ loops: pending.map(([name]) => name), waitMs }, "waiting for running background work before exit");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), waitMs);
  });
  const finished = await Promise.race([Promise.allSettled(pending.map(([, p]) => p)).then(() => true as const), deadline]);
  clearTimeout(timer);
  if (!finished) backgroundLog.warn({ loops: [...state.running.keys()] }, "background work still running at the shutdown deadline; another instance or the next start picks it up");
  return finished;
}

/** Tests only: forget the started loops so startLoops can run again. */
export function resetLoopsForTest() {
  g.zhijiStarted = false;
  g.zhijiLoops = undefined;
}
