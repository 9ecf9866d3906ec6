// The outbox: work that follows a committed transition (issuing certificates, mail). A job is
// claimed by one worker at a time; a job whose worker died is claimed again after a while, and
// every handler is idempotent, so a crash at any point leads to exactly one outcome.
// A failed try is recorded with the time of the next one (nextAttemptAt), later and later, so that
// an outage of a few hours (a relay, the signing key) loses nothing; after MAX_ATTEMPTS the job is
// `failed` and waits on the dead-letter list (/admin/outbox) for an administrator to run it again.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { logFor } from "@/lib/log";
import { isStopping } from "@/lib/background";
import { env } from "@/lib/env";

export type JobHandler = (payload: unknown) => Promise<void>;

export const MAX_ATTEMPTS = 10;
const FIRST_DELAY_MS = 30 * 1000;
const MAX_DELAY_MS = 6 * 60 * 60 * 1000;
/**
 * The wait after the n-th failed try: 30 s, 1 min, 2 min, 4 min … doubling, at most 6 hours. The
 * ten tries span about 4 h 15 min before the job counts as failed.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}
const handlers = new Map<string, JobHandler>();

export function registerJobHandler(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

const workerId = `${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
/** The outbox's log lines (component "outbox"). */
export const outboxLog = logFor("outbox", { workerId });

/** Runs every job that is due at `now`; returns how many were completed. */
export async function runOutboxOnce(limit = 50, now: Date = new Date()): Promise<number> {
  const database = db();
  // A claim older than this belongs to a worker that died (ZHIJI_OUTBOX_STALE_MS, default 2 minutes).
  const staleBefore = new Date(now.getTime() - env().ZHIJI_OUTBOX_STALE_MS);
  const due = await database.outboxJob.findMany({
    where: {
      status: "pending",
      kind: { in: [...handlers.keys()] },
      AND: [
        { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
        { OR: [{ lockedAt: null }, { lockedAt: { lt: staleBefore } }] },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let done = 0;
  for (const job of due) {
    if (isStopping()) break; // shutting down: leave the rest to another instance or the next start
    const claimed = await database.outboxJob.updateMany({
      where: { id: job.id, status: "pending", lockedAt: job.lockedAt },
      data: { lockedBy: workerId, lockedAt: now, attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue; // another worker has it
    try {
      await handlers.get(job.kind)!(JSON.parse(job.payload));
      await database.outboxJob.update({
        where: { id: job.id },
        data: { status: "done", doneAt: new Date(), lastError: null, lockedAt: null, lockedBy: null, nextAttemptAt: null },
      });
      done++;
    } catch (e) {
      // One failing job (a poisoned payload, a relay that refuses) is logged and tried again later;
      // it never stops the others.
      const attempts = job.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      const nextAttemptAt = failed ? null : new Date(now.getTime() + retryDelayMs(attempts));
      outboxLog.error(
        { err: e, jobId: job.id, kind: job.kind, attempts, maxAttempts: MAX_ATTEMPTS, nextAttemptAt, failed },
        failed ? "outbox job failed for good" : "outbox job failed; it will be tried again",
      );
      try {
        await database.outboxJob.update({
          where: { id: job.id },
          data: {
            status: failed ? "failed" : "pending",
            nextAttemptAt,
            failedAt: now,
            lockedAt: null,
            lockedBy: null,
            lastError: String((e as Error)?.message ?? e).slice(0, 2000),
          },
        });
      } catch (recordError) {
        // The claim goes stale by itself and the job is tried again.
        outboxLog.error({ err: recordError, jobId: job.id, kind: job.kind }, "could not record the failure of an outbox job");
      }
    }
  }
  return done;
}

