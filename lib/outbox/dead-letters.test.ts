import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { verifyAuditChain } from "@/lib/audit/chain";
import { ROLES, type SessionUser } from "@/lib/permissions";
import { MAX_ATTEMPTS, registerJobHandler, retryDelayMs, runOutboxOnce } from "./worker";
import { listDeadLetters, OUTBOX_JOB_RETRIED, outboxFigures, retryDeadLetter } from "./dead-letters";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
const KIND = "test-flaky";

let t: TestDatabase;
let admin: SessionUser;
/** The handler fails while `outage` is true, as a relay that is down would. */
let outage = true;
const ran: string[] = [];

beforeAll(async () => {
  t = await useFreshDatabase();
  admin = await makeSessionUser("admin");
  registerJobHandler(KIND, async (payload) => {
    if (outage) throw new Error("relay unreachable: connect ECONNREFUSED 127.0.0.1:25");
    ran.push((payload as { n: string }).n);
  });
}, 120_000);
afterAll(async () => t?.drop());
afterEach(async () => {
  await db().outboxJob.deleteMany({});
  outage = true;
  ran.length = 0;
});

/** Runs a job through every try with a controlled clock until it fails for good; returns the last run's time. */
async function failForGood(id: string, start: Date): Promise<Date> {
  let now = start;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    await runOutboxOnce(50, now);
    const job = await db().outboxJob.findUniqueOrThrow({ where: { id } });
    if (job.status === "failed") return now;
    now = job.nextAttemptAt!;
  }
  throw new Error("the job never failed for good");
}

describe(`outbox backoff and dead letters (${DB})`, () => {
  it("waits grow from 30 s, doubling, capped; ten tries span hours, not seconds", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(6 * 3600_000);
    const span = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(span).toBeGreaterThan(3 * 3600_000);
  });

  it("a job that fails is not run again before its next attempt time, and is when that time comes", async () => {
    const job = await db().outboxJob.create({ data: { kind: KIND, dedupeKey: `${KIND}:a`, payload: JSON.stringify({ n: "a" }) } });
    const t0 = new Date("2030-01-01T00:00:00Z");
    await runOutboxOnce(50, t0);
    let row = await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lockedAt: null, lockedBy: null });
    expect(row.nextAttemptAt!.toISOString()).toBe("2030-01-01T00:00:30.000Z");
    expect(row.lastError).toMatch(/ECONNREFUSED/);

    await runOutboxOnce(50, new Date("2030-01-01T00:00:29.999Z"));
    expect((await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(1);

    // The relay is back: the next due run completes it.
    outage = false;
    expect(await runOutboxOnce(50, new Date("2030-01-01T00:00:30Z"))).toBe(1);
    row = await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "done", attempts: 2, nextAttemptAt: null, lastError: null });
    expect(ran).toEqual(["a"]);
  });

  it("with fake timers too: a job enqueued now waits for the clock, not for the next tick", async () => {
    vi.useFakeTimers({ now: new Date("2031-05-01T08:00:00Z"), toFake: ["Date"] });
    try {
      const job = await db().outboxJob.create({ data: { kind: KIND, dedupeKey: `${KIND}:fake`, payload: JSON.stringify({ n: "fake" }) } });
      await runOutboxOnce();
      await runOutboxOnce();
      expect((await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(1);
      vi.setSystemTime(new Date("2031-05-01T08:00:30Z"));
      await runOutboxOnce();
      expect((await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a job that fails every try lands on the dead-letter list; an admin runs it again, once, and that is audited", async () => {
    const job = await db().outboxJob.create({ data: { kind: KIND, dedupeKey: `${KIND}:dead`, payload: JSON.stringify({ n: "dead" }) } });
    const done = await db().outboxJob.create({ data: { kind: KIND, dedupeKey: `${KIND}:done`, payload: "{}", status: "done" } });
    const last = await failForGood(job.id, new Date("2030-02-01T00:00:00Z"));

    const { jobs, total } = await listDeadLetters(admin);
    expect(total).toBe(1);
    expect(jobs[0]).toMatchObject({ id: job.id, kind: KIND, dedupeKey: `${KIND}:dead`, attempts: MAX_ATTEMPTS });
    expect(jobs[0].lastError).toMatch(/ECONNREFUSED/);
    expect(jobs[0].failedAt!.getTime()).toBe(last.getTime());
    expect(await outboxFigures(admin)).toEqual({ pending: 0, failed: 1 });

    // Later runs leave it alone.
    await runOutboxOnce(50, new Date("2031-01-01T00:00:00Z"));
    expect((await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(MAX_ATTEMPTS);

    const retriedAt = new Date("2030-03-01T00:00:00Z");
    await retryDeadLetter(admin, { jobId: job.id }, retriedAt);
    expect(await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: retriedAt });
    expect(await outboxFigures(admin)).toEqual({ pending: 1, failed: 0 });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { type: OUTBOX_JOB_RETRIED }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ caseId: null, actorId: admin.id, actorRole: "admin" });
    expect(JSON.parse(audit.payload)).toMatchObject({ jobId: job.id, kind: KIND, dedupeKey: `${KIND}:dead`, attempts: MAX_ATTEMPTS });
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // A second click (or a second admin) is refused with a stable reason and changes nothing.
    const again = await retryDeadLetter(admin, { jobId: job.id }).catch((e) => e);
    expect(again).toBeInstanceOf(AppError);
    expect(again).toMatchObject({ code: "CONFLICT", details: { reason: "JOB_NOT_FAILED" } });
    const notFailed = await retryDeadLetter(admin, { jobId: done.id }).catch((e) => e);
    expect(notFailed).toMatchObject({ code: "CONFLICT", details: { reason: "JOB_NOT_FAILED" } });
    expect(await db().auditEvent.count({ where: { type: OUTBOX_JOB_RETRIED } })).toBe(1);

    outage = false;
    expect(await runOutboxOnce(50, retriedAt)).toBe(1);
    expect(ran).toEqual(["dead"]);
  });

  it("only an administrator may see the list or run a job again; bad input changes nothing", async () => {
    const job = await db().outboxJob.create({ data: { kind: KIND, dedupeKey: `${KIND}:perm`, payload: "{}", status: "failed", attempts: MAX_ATTEMPTS } });
    const audited = await db().auditEvent.count({ where: { type: OUTBOX_JOB_RETRIED } });
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const user = await makeSessionUser(role);
      for (const attempt of [listDeadLetters(user), outboxFigures(user), retryDeadLetter(user, { jobId: job.id })]) {
        await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
    }
    await expect(retryDeadLetter(admin, { jobId: "" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(retryDeadLetter(admin, {})).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(retryDeadLetter(admin, { jobId: "no-such-job" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await db().auditEvent.count({ where: { type: OUTBOX_JOB_RETRIED } })).toBe(audited);
  });
});
