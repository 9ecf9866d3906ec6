// The dead-letter list: outbox jobs that failed for good (MAX_ATTEMPTS tries), for an administrator
// to look at and run again once the cause is fixed (a relay back up, a signing key in place).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, fieldErrors } from "@/lib/errors";
import { appendAuditEvent } from "@/lib/audit/chain";
import { assertCan, type SessionUser } from "@/lib/permissions";

export const OUTBOX_JOB_RETRIED = "ADMIN_OUTBOX_JOB_RETRIED";

export type DeadLetter = {
  id: string;
  kind: string;
  dedupeKey: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date | null;
};

const PAGE = 100;

/** The newest failed jobs (at most 100) and how many there are in all. */
export async function listDeadLetters(actor: SessionUser): Promise<{ jobs: DeadLetter[]; total: number }> {
  assertCan(actor, "outbox:manage");
  const where = { status: "failed" };
  const [jobs, total] = await Promise.all([
    db().outboxJob.findMany({
      where,
      orderBy: [{ failedAt: "desc" }, { createdAt: "desc" }],
      take: PAGE,
      select: { id: true, kind: true, dedupeKey: true, attempts: true, lastError: true, createdAt: true, failedAt: true },
    }),
    db().outboxJob.count({ where }),
  ]);
  return { jobs, total };
}

/** How many jobs wait and how many failed for good: the admin home's figure. */
export async function outboxFigures(actor: SessionUser): Promise<{ pending: number; failed: number }> {
  assertCan(actor, "outbox:manage");
  const [pending, failed] = await Promise.all([
    db().outboxJob.count({ where: { status: "pending" } }),
    db().outboxJob.count({ where: { status: "failed" } }),
  ]);
  return { pending, failed };
}

const RetryInput = z.object({ jobId: z.string().trim().min(1, "required").max(64, "tooLong") });

/**
 * Puts a failed job back in the queue: pending, no tries counted, due now; the run is recorded in
 * the audit trail. Only a failed job can be run again (a pending or done one is refused with
 * reason JOB_NOT_FAILED), so two administrators clicking at once reset it once.
 */
export async function retryDeadLetter(actor: SessionUser, raw: unknown, now: Date = new Date()) {
  assertCan(actor, "outbox:manage");
  const parsed = RetryInput.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The job is not valid", fieldErrors(parsed.error.issues));
  const { jobId } = parsed.data;
  return db().$transaction(async (tx) => {
    const job = await tx.outboxJob.findUnique({ where: { id: jobId } });
    if (!job) throw new AppError("NOT_FOUND", "No such outbox job");
    const reset = await tx.outboxJob.updateMany({
      where: { id: jobId, status: "failed" },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedAt: null, lockedBy: null },
    });
    if (reset.count !== 1) throw new AppError("CONFLICT", "Only a failed job can be run again", { reason: "JOB_NOT_FAILED" });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: actor.id,
      actorRole: actor.role,
      type: OUTBOX_JOB_RETRIED,
      payload: { jobId: job.id, kind: job.kind, dedupeKey: job.dedupeKey, attempts: job.attempts, lastError: job.lastError?.slice(0, 300) ?? null },
      at: now,
    });
    return { id: job.id, status: "pending" as const };
  });
}
