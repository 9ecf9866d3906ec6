// Background work of a portal process (outbox, expiry). Started once per process from
// instrumentation.ts; the loops keep their state in the database, so a restart resumes them.
import { logFor } from "@/lib/log";

const backgroundLog = logFor("background");

export type Loop = { name: string; everyMs: number; run: () => Promise<unknown> };

const g = globalThis as unknown as { zhijiStarted?: boolean };

export function startLoops(loops: Loop[]) {
  if (g.zhijiStarted || process.env.ZHIJI_WORKER === "0") return;
  g.zhijiStarted = true;
  for (const loop of loops) {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      loop
        .run()
        .catch((e) => backgroundLog.error({ loop: loop.name, err: e }, "a background loop failed; it runs again at its next tick"))
        .finally(() => (busy = false));
    };
    setTimeout(tick, 100);
    setInterval(tick, loop.everyMs).unref();
  }
}
