// Every background loop of a portal process, started once from instrumentation.ts.
import "server-only";
import { startLoops, type Loop } from "@/lib/background";
import { runOutboxSoon } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { registerLetterJobs } from "@/lib/letters/register";
import { registerMailJobs } from "@/lib/mail/register";
import { expireDueCases } from "@/lib/cases/expire-cases";
import { checkpointIfDue } from "@/lib/audit/checkpoints";
import { runSurveillance } from "@/lib/aftercare/surveillance";
import { db } from "@/lib/db";
import { leased } from "@/lib/lease";

registerCertificateJobs();
registerLetterJobs();
registerMailJobs();

/** A sweep that runs once per period across every instance on the database (lib/lease.ts). */
const sweep = (name: string, everyMs: number, run: () => Promise<unknown>): Loop => ({ name, everyMs, run: leased(db, name, everyMs, run) });

export const LOOPS: Loop[] = [
  // Every instance works the outbox; each job is claimed by one of them (lib/outbox/worker.ts).
  { name: "outbox", everyMs: 1000, run: () => runOutboxSoon() },
  sweep("expiry", 10 * 60 * 1000, () => expireDueCases()),
  // Surveillance due and overdue (docs/domain.md#after-care): dates are days apart, so hourly is plenty.
  sweep("surveillance", 60 * 60 * 1000, () => runSurveillance()),
  sweep("audit-checkpoint", 60 * 60 * 1000, () => checkpointIfDue()),
];

export function startBackgroundWork() {
  startLoops(LOOPS);
}
