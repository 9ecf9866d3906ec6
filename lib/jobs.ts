// Every background loop of a portal process, started once from instrumentation.ts.
import { startLoops, type Loop } from "@/lib/background";

export const LOOPS: Loop[] = [];

export function startBackgroundWork() {
  startLoops(LOOPS);
}
