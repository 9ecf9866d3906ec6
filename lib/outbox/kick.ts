import { runOutboxOnce } from "./worker";
import { registerCertificateJobs } from "@/lib/certificates/register";

/** Runs due outbox work now instead of at the next tick (an award's certificate within moments). */
export function kickOutbox() {
  if (process.env.ZHIJI_WORKER === "0" || process.env.VITEST) return;
  registerCertificateJobs();
  setImmediate(() => runOutboxOnce().catch((e) => console.error("[outbox]", e)));
}
