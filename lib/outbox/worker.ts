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

/**
 * Jobs claimed with one statement. A claim lasts ZHIJI_OUTBOX_STALE_MS (2 minutes by default), so a
 * batch must be worked well within it even when each job waits on a slow relay.
 */
const CLAIM_BATCH = 10;

/**
 * Runs every job that is due at `now`; returns how many were completed. Jobs are claimed a batch at a
 * time and marked done together, so a run of n jobs costs about 3 statements per batch instead of
 * 2 per job (docs/performance.md, "The door").
 */
export async function runOutboxOnce(limit = 50, now: Date = new Date()): Promise<number> {
  const database = db();
  // A claim older than this belongs to a worker that died (ZHIJI_OUTBOX_STALE_MS, default 2 minutes).
  const staleBefore = new Date(now.getTime() - env().ZHIJI_OUTBOX_STALE_MS);
  const claimable = [{ OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }, { OR: [{ lockedAt: null }, { lockedAt: { lt: staleBefore } }] }];
  const due = await database.outboxJob.findMany({
    where: { status: "pending", kind: { in: [...handlers.keys()] }, AND: claimable },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let done = 0;
  for (let i = 0; i < due.length; i += CLAIM_BATCH) {
    if (isStopping()) break; // shutting down: leave the rest to another instance or the next start
    // The claim is a compare-and-set: a job another worker claimed since the read above has a fresh
    // lockedAt (or is done) and no longer matches (docs/decisions/0010-shared-state-across-instances.md).
    const claimed = await database.outboxJob.updateManyAndReturn({
      where: { id: { in: due.slice(i, i + CLAIM_BATCH).map((j) => j.id) }, status: "pending", AND: claimable },
      data: { lockedBy: workerId, lockedAt: now, attempts: { increment: 1 } },
    });
    claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    const succeeded: string[] = [];
    for (const [k, job] of claimed.entries()) {
      if (isStopping()) {
        // Hand the unstarted claims back, as if they had never been claimed.
        const rest = claimed.slice(k).map((j) => j.id);
        await database.outboxJob.updateMany({ where: { id: { in: rest }, lockedBy: workerId }, data: { lockedAt: null, lockedBy: null, attempts: { decrement: 1 } } });
        break;
      }
      try {
        await handlers.get(job.kind)!(JSON.parse(job.payload));
        succeeded.push(job.id);
      } catch (e) {
        // One failing job (a poisoned payload, a relay that refuses) is logged and tried again later;
        // it never stops the others.
        const attempts = job.attempts;
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
    if (succeeded.length > 0) {
      // Were this to fail, the claims go stale and the jobs run again: every handler is idempotent.
      await database.outboxJob.updateMany({
        where: { id: { in: succeeded } },
        data: { status: "done", doneAt: new Date(), lastError: null, lockedAt: null, lockedBy: null, nextAttemptAt: null },
      });
      done += succeeded.length;
    }
  }
  return done;
}

let active: Promise<number> | null = null;
let again = false;

/**
 * Runs the outbox now, once per process at a time: a call during a run asks for one more run after
 * it (the jobs committed meanwhile) instead of a second run racing the first over the same jobs.
 * The door's kick after every event and the background loop both come through here.
 */
export function runOutboxSoon(): Promise<number> {
  if (active) {
    again = true;
    return active;
  }
  active = (async () => {
    let total = 0;
    try {
      do {
        again = false;
        total += await runOutboxOnce();
      } while (again && !isStopping());
      return total;
    } finally {
      active = null;
    }
  })();
  return active;
}
