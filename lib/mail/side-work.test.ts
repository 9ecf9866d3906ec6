// Side work never blocks a decision: mail is composed after the event commits, from a notice that
// cannot fail; a failing job is logged and retried by the outbox; the expiry sweep goes on past a
// bad case. The poison from issue 10 is a product name with a line break in an old record.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, sampleReport, WORLD_VERSION, correctByIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { runOutboxOnce, MAX_ATTEMPTS, retryDelayMs, outboxLog } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { getPublicCertificate } from "@/lib/certificates/public";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { expireDueCases, sweepExpiredCases, expiryLog } from "@/lib/cases/expire-cases";
import { registerMailJobs } from "./register";
import { MAIL_JOB } from "./enqueue-mail";
import { CASE_NOTICE_JOB } from "./case-notifications";
import { closeMailPools } from "./transport";
import { mailLog } from "./log";
import { assertCleanHeaders, headerBlock, headerValue, startTestSmtpServer, type TestSmtpServer } from "@/test/smtp-server";

let t: TestDatabase;
let w: World;
let server: TestSmtpServer | null = null;
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  registerMailJobs();
}, 120_000);
afterAll(async () => t?.drop());
afterEach(async () => {
  closeMailPools();
  await server?.close();
  server = null;
  delete process.env.SMTP_URL;
  delete process.env.SMTP_STARTTLS;
  resetEnvCache();
  vi.restoreAllMocks();
});

const POISON = "Aurora\r\nBcc: evil@example.com\u0007\nX-Evil: 1";

/** An old record (from before product fields were checked): a name with line breaks and a control character. */
async function poison(caseId: string) {
  const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
  const snapshot = { ...JSON.parse(c.productSnapshot), name: POISON };
  await db().case.update({ where: { id: caseId }, data: { productSnapshot: JSON.stringify(snapshot) } });
  await db().product.update({ where: { id: c.productId }, data: { name: POISON } });
}

/** From draft to certified through the door, as caseIn does. */
async function certify(id: string) {
  const { users } = w;
  await send(users.vendorA, id, "SUBMIT");
  await send(users.secretariat, id, "ACCEPT", { labId: w.orgs["Lab One"].id });
  await saveLabReport(users.lab1, id, sampleReport("phone", "L2", WORLD_VERSION));
  await send(users.lab1, id, "SUBMIT_REPORT");
  await send(users.secretariat, id, "ASSIGN_PANEL", { expertIds: [users.expert1.id, users.expert2.id, users.expert3.id] });
  for (const e of [users.expert1, users.expert2, users.expert3]) await send(e, id, "VOTE", { verdict: "approve", level: "L2", rationale: "ok" });
  await send(users.ministry1, id, "AWARD", { level: "L2" });
}

/** Runs the outbox until nothing is due: notices, then the mails they enqueued. */
async function drain() {
  for (let i = 0; i < 5 && (await runOutboxOnce()) > 0; i++);
}

describe(`side work never blocks a decision (${DB})`, () => {
  it("a product name with line breaks: SUBMIT … AWARD, SUSPEND and REVOKE all succeed; mail goes out with clean one-line subjects", async () => {
    server = await startTestSmtpServer();
    process.env.SMTP_URL = `smtp://127.0.0.1:${server.port}`;
    process.env.SMTP_STARTTLS = "off"; // the local test server only
    process.env.MAIL_FROM = "Zhiji 智级 <no-reply@zhiji.test>";
    resetEnvCache();

    const id = await caseIn(w, "draft");
    await poison(id);
    await certify(id);
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("certified");
    await drain();
    const cert = await db().certificate.findFirstOrThrow({ where: { caseId: id } });
    // The certificate keeps the record as it was (the PDF prints it on one line).
    expect((await getPublicCertificate(cert.publicId)).product.name).toBe(POISON);

    await send(w.users.ministry2, id, "SUSPEND", { reason: "Field reports", correctBy: correctByIn(30) });
    await send(w.users.ministry2, id, "REVOKE", { reason: "Confirmed\r\nin the field" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("revoked");
    expect((await getPublicCertificate(cert.publicId)).status).toBe("revoked");
    await drain();

    const vendorMails = server.messages.filter((m) => m.to.includes("vendor-a@demo.zhiji"));
    // awarded, suspended, revoked (and accepted) reached the vendor.
    expect(vendorMails.length).toBeGreaterThanOrEqual(3);
    for (const m of server.messages) {
      const head = headerBlock(m.data);
      expect(() => assertCleanHeaders(m.data)).not.toThrow();
      expect(head).not.toMatch(/^(Bcc|X-Evil):/im);
      const subject = headerValue(m.data, "Subject")!;
      expect(subject).not.toMatch(/[\r\n\u0000-\u001f]/);
      expect(subject).toContain("Aurora Bcc: evil@example.com X-Evil: 1");
    }
    const jobs = await db().outboxJob.findMany({ where: { kind: { in: [MAIL_JOB, CASE_NOTICE_JOB] } } });
    expect(jobs.every((j) => j.status === "done")).toBe(true);
  }, 120_000);

  it("a mail that cannot be valid is left out and logged; the event commits and the others are mailed", async () => {
    const warn = vi.spyOn(mailLog, "warn");
    const id = await caseIn(w, "decision");
    await drain();
    // An address the mail schema refuses (a record from before addresses were checked).
    await db().user.update({ where: { id: w.users.vendorA.id }, data: { email: "not an address" } });
    try {
      await send(w.users.ministry1, id, "AWARD", { level: "L3" });
      expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("certified");
      await drain();
      const award = await db().auditEvent.findFirstOrThrow({ where: { caseId: id, type: "AWARD" } });
      expect(await db().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `${CASE_NOTICE_JOB}:${award.seq}` } })).toMatchObject({ status: "done" });
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ auditSeq: award.seq, caseId: id, userId: w.users.vendorA.id, problems: expect.stringMatching(/^to:/) }),
        "a notice mail that cannot be valid is left out",
      );
      expect(await db().outboxJob.count({ where: { dedupeKey: `${MAIL_JOB}:${award.seq}:${w.users.vendorA.id}` } })).toBe(0);
    } finally {
      await db().user.update({ where: { id: w.users.vendorA.id }, data: { email: "vendor-a@demo.zhiji" } });
    }
  }, 60_000);

  it("a failing job is logged and retried later with a growing wait; the jobs beside it are done; it gives up after the last try", async () => {
    const error = vi.spyOn(outboxLog, "error");
    await db().outboxJob.create({ data: { kind: CASE_NOTICE_JOB, dedupeKey: `${CASE_NOTICE_JOB}:poisoned`, payload: JSON.stringify({ caseId: 42 }) } });
    await db().outboxJob.create({
      data: { kind: MAIL_JOB, dedupeKey: `${MAIL_JOB}:beside`, payload: JSON.stringify({ to: "a@example.com", subject: "s", text: "t" }) },
    });
    // A controlled clock: every run is told what time it is.
    let now = new Date(Date.now() + 60_000);
    await runOutboxOnce(50, now);
    const bad = await db().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `${CASE_NOTICE_JOB}:poisoned` } });
    expect(bad).toMatchObject({ status: "pending", attempts: 1, lockedBy: null, lockedAt: null });
    expect(bad.nextAttemptAt!.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(bad.lastError).toBeTruthy();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ jobId: bad.id, kind: CASE_NOTICE_JOB, attempts: 1, maxAttempts: MAX_ATTEMPTS, failed: false }),
      "outbox job failed; it will be tried again",
    );
    expect(await db().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `${MAIL_JOB}:beside` } })).toMatchObject({ status: "done" });

    // Each wait is longer than the one before; a run a moment before the next attempt time leaves it.
    let previousWait = 0;
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const { nextAttemptAt } = await db().outboxJob.findUniqueOrThrow({ where: { id: bad.id } });
      const wait = nextAttemptAt!.getTime() - now.getTime();
      expect(wait).toBe(retryDelayMs(attempt - 1));
      expect(wait).toBeGreaterThan(previousWait);
      previousWait = wait;
      await runOutboxOnce(50, new Date(nextAttemptAt!.getTime() - 1));
      expect((await db().outboxJob.findUniqueOrThrow({ where: { id: bad.id } })).attempts).toBe(attempt - 1);
      now = nextAttemptAt!;
      await runOutboxOnce(50, now);
      expect((await db().outboxJob.findUniqueOrThrow({ where: { id: bad.id } })).attempts).toBe(attempt);
    }
    const dead = await db().outboxJob.findUniqueOrThrow({ where: { id: bad.id } });
    expect(dead).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(dead.failedAt!.getTime()).toBe(now.getTime());
    expect(error).toHaveBeenLastCalledWith(expect.objectContaining({ jobId: bad.id, failed: true }), "outbox job failed for good");
    // Failed for good: no later run picks it up again.
    await runOutboxOnce(50, new Date(now.getTime() + 365 * 24 * 3600_000));
    expect((await db().outboxJob.findUniqueOrThrow({ where: { id: bad.id } })).attempts).toBe(MAX_ATTEMPTS);
  });

  it("the expiry sweep goes on past a case it cannot expire, logs it, and expires the others", async () => {
    const error = vi.spyOn(expiryLog, "error");
    const ids = [await caseIn(w, "certified", { level: "L1" }), await caseIn(w, "certified", { level: "L1" }), await caseIn(w, "draft")];
    await poison(ids[2]);
    await certify(ids[2]); // a good case too, however odd its product name
    const rows = await db().case.findMany({ where: { id: { in: ids } } });
    const later = new Date(Math.max(...rows.map((r) => r.validUntil!.getTime())) + 24 * 3600_000);
    // The case the sweep meets first is broken (its stored snapshot is not JSON).
    const [bad, ...good] = [...ids].sort();
    await db().case.update({ where: { id: bad }, data: { snapshot: "{broken" } });

    expect(await expireDueCases(later)).toBeGreaterThanOrEqual(2);
    for (const id of good) expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("expired");
    expect((await db().case.findUniqueOrThrow({ where: { id: bad } })).state).toBe("certified");
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ caseId: bad, err: expect.anything() }), "a case could not be expired; the sweep goes on");

    // The next sweep reports it again and expires nothing twice.
    const again = await sweepExpiredCases(later);
    expect(again.expired).toBe(0);
    expect(again.failed.map((f) => f.caseId)).toEqual([bad]);
  }, 120_000);
});
