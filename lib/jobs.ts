// Every background loop of a portal process, started once from instrumentation.ts.
import { startLoops, type Loop } from "@/lib/background";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { registerLetterJobs } from "@/lib/letters/register";
import { registerMailJobs } from "@/lib/mail/register";
import { expireDueCases } from "@/lib/cases/expire-cases";
import { checkpointIfDue } from "@/lib/audit/checkpoints";
import { runSurveillance } from "@/lib/aftercare/surveillance";

registerCertificateJobs();
registerLetterJobs();
registerMailJobs();

export const LOOPS: Loop[] = [
  { name: "outbox", everyMs: 1000, run: () => runOutboxOnce() },
  { name: "expiry", everyMs: 10 * 60 * 1000, run: () => expireDueCases() },
  // Surveillance due and overdue (docs/domain.md#after-care): dates are days apart, so hourly is plenty.
  { name: "surveillance", everyMs: 60 * 60 * 1000, run: () => runSurveillance() },
  { name: "audit-checkpoint", everyMs: 60 * 60 * 1000, run: () => checkpointIfDue() },
];

export function startBackgroundWork() {
  startLoops(LOOPS);
}
