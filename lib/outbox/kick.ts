import { outboxLog, runOutboxSoon } from "./worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { registerMailJobs } from "@/lib/mail/register";

/** Runs due outbox work now instead of at the next tick (an award's certificate, mail, within moments). */
export function kickOutbox() {
  if (process.env.ZHIJI_WORKER === "0" || process.env.VITEST) return;
  registerCertificateJobs();
  registerMailJobs();
  setImmediate(() => runOutboxSoon().catch((e) => outboxLog.error({ err: e }, "an outbox run failed")));
}
