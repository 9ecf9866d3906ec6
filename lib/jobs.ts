// Every background loop of a portal process, started once from instrumentation.ts.
import { startLoops, type Loop } from "@/lib/background";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { registerMailJobs } from "@/lib/mail/register";
import { expireDueCases } from "@/lib/cases/expire-cases";

registerCertificateJobs();
registerMailJobs();

export const LOOPS: Loop[] = [
  { name: "outbox", everyMs: 1000, run: () => runOutboxOnce() },
  { name: "expiry", everyMs: 10 * 60 * 1000, run: () => expireDueCases() },
];

export function startBackgroundWork() {
  startLoops(LOOPS);
}
