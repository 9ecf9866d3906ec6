import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { retryDelayMs, runOutboxOnce } from "@/lib/outbox/worker";
import { AppError } from "@/lib/errors";
import { enqueueMail, MAIL_JOB } from "./enqueue-mail";
import { registerMailJobs } from "./register";
import { enqueueCaseNotifications } from "./case-notifications";
import { closeMailPools } from "./transport";
import { mailLog } from "./log";
import { bodyText, startTestSmtpServer, type TestSmtpServer } from "@/test/smtp-server";

let t: TestDatabase;
let w: World;
let server: TestSmtpServer | null = null;

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
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
  // Jobs of one test must not be run by the next.
  await db().outboxJob.deleteMany({});
  vi.restoreAllMocks();
});

function useRelay(port: number) {
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  // The local test server offers no STARTTLS; only a relay on localhost may go without.
  process.env.SMTP_STARTTLS = "off";
  process.env.MAIL_FROM = "Zhiji 智级 <no-reply@zhiji.test>";
  resetEnvCache();
}

describe(`mail through the outbox (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("a queued mail is sent through SMTP by the outbox, once, and the job is done", async () => {
    server = await startTestSmtpServer();
    useRelay(server.port);
    await db().$transaction((tx) => enqueueMail(tx, { to: "vendor@example.com", subject: "案件已退回", text: "Please answer.\n.A line with a dot" }));
    expect(await runOutboxOnce()).toBe(1);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]).toMatchObject({ from: "no-reply@zhiji.test", to: ["vendor@example.com"] });
    // The line with a leading dot arrives intact (nodemailer dot-stuffs it, the server un-stuffs it).
    expect(bodyText(server.messages[0].data).replace(/\r\n/g, "\n")).toBe("Please answer.\n.A line with a dot");
    const job = await db().outboxJob.findFirstOrThrow({ where: { kind: MAIL_JOB } });
    expect(job).toMatchObject({ status: "done", attempts: 1 });
    // Nothing is sent twice.
    expect(await runOutboxOnce()).toBe(0);
    expect(server.messages).toHaveLength(1);
  });

  it("a mail enqueued in a transaction that rolls back is never sent", async () => {
    server = await startTestSmtpServer();
    useRelay(server.port);
    await db()
      .$transaction(async (tx) => {
        await enqueueMail(tx, { to: "a@example.com", subject: "s", text: "t" });
        throw new Error("the event was refused");
      })
      .catch(() => undefined);
    expect(await db().outboxJob.count()).toBe(0);
    expect(await runOutboxOnce()).toBe(0);
    expect(server.messages).toHaveLength(0);
  });

  it("the same dedupe key enqueues one mail; a bad address enqueues none", async () => {
    await db().$transaction(async (tx) => {
      await enqueueMail(tx, { to: "a@example.com", subject: "s", text: "t" }, "42:user");
      await enqueueMail(tx, { to: "a@example.com", subject: "s", text: "t" }, "42:user");
    });
    expect(await db().outboxJob.count({ where: { kind: MAIL_JOB } })).toBe(1);
    const e = await db()
      .$transaction((tx) => enqueueMail(tx, { to: "not-an-address", subject: "s", text: "t" }))
      .catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.details).toHaveProperty("to");
    expect(await db().outboxJob.count({ where: { kind: MAIL_JOB } })).toBe(1);
  });

  it("a relay that refuses leaves the job pending with the reason, to be tried again", async () => {
    server = await startTestSmtpServer({ refuse: ["gone@example.com"] });
    useRelay(server.port);
    await db().$transaction((tx) => enqueueMail(tx, { to: "gone@example.com", subject: "s", text: "t" }));
    const now = new Date();
    expect(await runOutboxOnce(50, now)).toBe(0);
    const job = await db().outboxJob.findFirstOrThrow({ where: { kind: MAIL_JOB } });
    expect(job.status).toBe("pending");
    expect(job.attempts).toBe(1);
    expect(job.lastError).toMatch(/550/);
    // Tried again after a wait, not on the next tick.
    expect(job.nextAttemptAt!.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(await runOutboxOnce(50, new Date(now.getTime() + 1000))).toBe(0);
    expect((await db().outboxJob.findFirstOrThrow({ where: { kind: MAIL_JOB } })).attempts).toBe(1);
  });

  it("without SMTP_URL the mail is logged, not sent, and the job is done", async () => {
    const info = vi.spyOn(mailLog, "info");
    await db().$transaction((tx) => enqueueMail(tx, { to: "a@example.com", subject: "Hello", text: "t" }));
    expect(await runOutboxOnce()).toBe(1);
    expect(info).toHaveBeenCalledWith({ to: "a@example.com", subject: "Hello" }, "SMTP_URL is not set; mail not sent");
    expect(await db().outboxJob.findFirstOrThrow({ where: { kind: MAIL_JOB } })).toMatchObject({ status: "done" });
  });
});

describe("case event notifications", () => {
  async function notify(caseId: string, type: string, payload: Record<string, unknown> = {}) {
    const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    const last = await db().auditEvent.findFirstOrThrow({ where: { caseId, type }, orderBy: { seq: "desc" } });
    return db().$transaction((tx) =>
      enqueueCaseNotifications(tx, { caseId, type, to: c.state, auditSeq: last.seq, actorId: last.actorId, payload }),
    );
  }
  // The event stores a notice; the outbox composes its mails after the event committed.
  const recipients = async () => {
    await runOutboxOnce();
    const jobs = await db().outboxJob.findMany({ where: { kind: MAIL_JOB } });
    return jobs.map((j) => JSON.parse(j.payload) as { to: string; subject: string; text: string });
  };

  // applyEvent enqueues the notice in the event's own transaction: the tests send real events.
  const clear = async () => {
    await runOutboxOnce(); // notices of earlier events are composed now, not in the next step
    await db().outboxJob.deleteMany({ where: { kind: MAIL_JOB } });
  };

  it("a submitted application is announced to the secretariat, in Chinese by default, with a link to the case", async () => {
    const id = await caseIn(w, "draft");
    await clear();
    await send(w.users.vendorA, id, "SUBMIT");
    const mails = await recipients();
    expect(mails.map((m) => m.to)).toEqual(["secretariat@demo.zhiji"]);
    expect(mails[0].subject).toMatch(/^【智级】Aurora X AX-\w+：新申请待受理$/);
    expect(mails[0].text).toContain(`/cases/${id}`);
  });

  it("a denial tells the vendor its reason and the appeal window, in English for a user who chose it", async () => {
    await db().user.update({ where: { id: w.users.vendorA.id }, data: { locale: "en" } });
    const id = await caseIn(w, "decision");
    await clear();
    await send(w.users.ministry1, id, "DENY", { reason: "Latency evidence missing" });
    const mails = await recipients();
    expect(mails.map((m) => m.to)).toEqual(["vendor-a@demo.zhiji"]);
    expect(mails[0].subject).toMatch(/: not awarded$/);
    expect(mails[0].text).toContain("Reason given: Latency evidence missing");
    expect(mails[0].text).toContain("appeal within 30 days");

    // The appeal goes to the ministry users who may decide it: not the one who denied.
    await clear();
    await send(w.users.vendorA, id, "APPEAL", { grounds: "We have new evidence" });
    expect((await recipients()).map((m) => m.to)).toEqual(["ministry-2@demo.zhiji"]);
  });

  it("an appeal against a suspension goes to the ministry users other than the one who suspended", async () => {
    const id = await caseIn(w, "certified");
    await send(w.users.ministry2, id, "SUSPEND", { reason: "Field reports", correctBy: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await clear();
    await send(w.users.vendorA, id, "APPEAL", { grounds: "The field reports concern another model" });
    expect((await recipients()).map((m) => m.to)).toEqual(["ministry-1@demo.zhiji"]);
  });

  it("a new panel is asked to vote; the same event never mails anyone twice", async () => {
    const id = await caseIn(w, "review.forming");
    await clear();
    await send(w.users.secretariat, id, "ASSIGN_PANEL", { expertIds: [w.users.expert1.id, w.users.expert2.id, w.users.expert3.id] });
    await notify(id, "ASSIGN_PANEL"); // the same event again: its dedupe keys stop a second mail
    expect((await recipients()).map((m) => m.to).sort()).toEqual(["expert-1@demo.zhiji", "expert-2@demo.zhiji", "expert-3@demo.zhiji"]);
  });

  it("an event with two audiences (ACCEPT: the lab and the vendor) mails each of them once, each their own message", async () => {
    const id = await caseIn(w, "screening");
    await clear();
    await send(w.users.secretariat, id, "ACCEPT", { labId: w.orgs["Lab One"].id });
    const mails = await recipients();
    const lab = mails.filter((m) => m.to === "lab-1@demo.zhiji");
    const vendor = mails.filter((m) => m.to === "vendor-a@demo.zhiji");
    expect(lab).toHaveLength(1);
    expect(vendor).toHaveLength(1);
    expect(mails.every((m) => m.to.startsWith("lab-") || m.to.startsWith("vendor-a"))).toBe(true);
    expect(lab[0].subject).not.toBe(vendor[0].subject);
  });

  it("a vote that does not close the panel mails nobody; the one that closes it tells the ministry", async () => {
    const id = await caseIn(w, "review.voting");
    await clear();
    await send(w.users.expert1, id, "VOTE", { verdict: "approve", level: "L3", rationale: "ok" });
    await send(w.users.expert2, id, "VOTE", { verdict: "approve", level: "L3", rationale: "ok" });
    expect(await recipients()).toEqual([]);
    await send(w.users.expert3, id, "VOTE", { verdict: "approve", level: "L3", rationale: "ok" });
    expect((await recipients()).map((m) => m.to).sort()).toEqual(["ministry-1@demo.zhiji", "ministry-2@demo.zhiji"]);
  });
});
