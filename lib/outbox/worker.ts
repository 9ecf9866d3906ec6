// The outbox: work that follows a committed transition (issuing certificates, mail). A job is
// claimed by one worker at a time; a job whose worker died is claimed again after a while, and
// every handler is idempotent, so a crash at any point leads to exactly one outcome.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";

export type JobHandler = (payload: unknown) => Promise<void>;

const STALE_MS = 2 * 60 * 1000;
export const MAX_ATTEMPTS = 8;
/** The wait before the next try of a failed job: 5 s, 10 s, 20 s … at most 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60 * 1000);
}
const handlers = new Map<string, JobHandler>();

export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

const workerId = `${process.pid}-${crypto.randomBytes(3).toString("hex")}`;

/** Runs every job that is due; returns how many were completed. */
export async function runOutboxOnce(limit = 50): Promise<number> {
  const database = db();
  const staleBefore = new Date(Date.now() - STALE_MS);
  const due = await database.outboxJob.findMany({
    where: {
      kind: { in: [...handlers.keys()] },
      OR: [{ status: "pending", lockedAt: null }, { status: "pending", lockedAt: { lt: staleBefore } }],
    },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let done = 0;
  for (const job of due) {
    const claimed = await database.outboxJob.updateMany({
      where: { id: job.id, status: "pending", lockedAt: job.lockedAt },
      data: { lockedBy: workerId, lockedAt: new Date(), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue; // another worker has it
    try {
      await handlers.get(job.kind)!(JSON.parse(job.payload));
      await database.outboxJob.update({ where: { id: job.id }, data: { status: "done", doneAt: new Date(), lastError: null } });
      done++;
    } catch (e) {
      // One failing job (a poisoned payload, a relay that refuses) is logged and tried again later;
      // it never stops the others. The wait is kept in lockedAt: a job is claimable again once its
      // lock is stale, so a lock dated back by (STALE_MS − delay) frees it after `delay`.
      const attempts = job.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      console.error(`[outbox] ${job.kind} ${job.id} failed (attempt ${attempts} of ${MAX_ATTEMPTS}${failed ? ", giving up" : ""}):`, e);
      try {
        await database.outboxJob.update({
          where: { id: job.id },
          data: {
            status: failed ? "failed" : "pending",
            lockedAt: failed ? null : new Date(Date.now() - STALE_MS + retryDelayMs(attempts)),
            lockedBy: null,
            lastError: String((e as Error)?.message ?? e).slice(0, 2000),
          },
        });
      } catch (recordError) {
        // The claim goes stale by itself and the job is tried again.
        console.error(`[outbox] could not record the failure of ${job.kind} ${job.id}:`, recordError);
      }
    }
  }
  return done;
}
