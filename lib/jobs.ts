// Every background loop of a portal process, started once from instrumentation.ts.
import { startLoops, type Loop } from "@/lib/background";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { registerLetterJobs } from "@/lib/letters/register";
import { registerMailJobs } from "@/lib/mail/register";
import { expireDueCases } from "@/lib/cases/expire-cases";
import { checkpointIfDue } from "@/lib/audit/checkpoints";

registerCertificateJobs();
registerLetterJobs();
registerMailJobs();

export const LOOPS: Loop[] = [
  { name: "outbox", everyMs: 1000, run: () => runOutboxOnce() },
  { name: "expiry", everyMs: 10 * 60 * 1000, run: () => expireDueCases() },
  { name: "audit-checkpoint", everyMs: 60 * 60 * 1000, run: () => checkpointIfDue() },
];

export function startBackgroundWork() {
  startLoops(LOOPS);
}
