// A portal process that dies right after the AWARD committed (before the outbox issued anything)
// must still lead to exactly one certificate: the job was enqueued in the award's transaction,
// and any later worker, or two at once, finishes it.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "./register";
import { issueCertificate } from "./issue-certificate";
import { verifyCertificate } from "./verify-certificate";
import { ISSUE_CERTIFICATE } from "./issue-job";

let t: TestDatabase;
let w: World;
const root = path.resolve(__dirname, "../..");

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
}, 120_000);
afterAll(async () => t?.drop());

/** Runs scripts/crash-award.ts, waits for its commit marker, then SIGKILLs it. */
function awardThenKill(caseId: string, userId: string, level: string) {
  return new Promise<{ marker: string; signal: NodeJS.Signals | null; samePid: boolean }>((resolve, reject) => {
    // node with tsx's loader (not the tsx CLI, which would run the script in a grandchild the kill misses).
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/crash-award.ts", caseId, userId, level], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url, ZHIJI_DATA_DIR: process.env.ZHIJI_DATA_DIR, ZHIJI_WORKER: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let marker = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no commit marker within 60 s\n${out}\n${err}`));
    }, 60_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      const m = /AWARD_COMMITTED pid=(\d+) state=(\S+)/.exec(out);
      if (m && !marker) {
        marker = m[0];
        // The pid in the marker is the process that committed: that is the one killed.
        process.kill(Number(m[1]), "SIGKILL");
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (!marker) reject(new Error(`helper exited (${code ?? signal}) without committing:\n${out}\n${err}`));
      else resolve({ marker, signal, samePid: marker.includes(`pid=${child.pid} `) });
    });
  });
}

describe(`a crash right after AWARD (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("leaves a pending job and no certificate; concurrent and repeated outbox runs then issue exactly one that verifies", async () => {
    const caseId = await caseIn(w, "decision", { level: "L2" });
    const { marker, signal, samePid } = await awardThenKill(caseId, w.users.ministry1.id, "L2");
    expect(marker).toContain("state=certified");
    expect(samePid).toBe(true);
    expect(signal).toBe("SIGKILL");

    // The award committed in the dead process; nothing was issued.
    const award = await db().decision.findFirstOrThrow({ where: { caseId, type: "AWARD" } });
    expect((await db().case.findUniqueOrThrow({ where: { id: caseId } })).state).toBe("certified");
    expect(await db().certificate.count({ where: { caseId } })).toBe(0);
    const job = await db().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `${ISSUE_CERTIFICATE}:${award.auditSeq}` } });
    expect(job).toMatchObject({ status: "pending", attempts: 0 });

    // Two workers at once, then another pass.
    await Promise.all([runOutboxOnce(), runOutboxOnce()]);
    await runOutboxOnce();

    const certs = await db().certificate.findMany({ where: { caseId } });
    expect(certs).toHaveLength(1);
    expect(certs[0].awardSeq).toBe(award.auditSeq);
    expect(await db().auditEvent.count({ where: { caseId, type: "CERTIFICATE_ISSUED" } })).toBe(1);
    expect(await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done" });
    const check = await verifyCertificate(Buffer.from(certs[0].pdf));
    expect(check).toMatchObject({ valid: true, certificate: { number: certs[0].number, level: "L2", status: "valid" } });
  }, 120_000);

  it("a worker that died while issuing is taken over once its claim is stale, and racing issuers agree on one certificate", async () => {
    const caseId = await caseIn(w, "certified", { level: "L1" });
    const award = await db().decision.findFirstOrThrow({ where: { caseId, type: "AWARD" } });
    // As a killed worker leaves it: claimed long ago, never finished.
    await db().outboxJob.updateMany({
      where: { dedupeKey: `${ISSUE_CERTIFICATE}:${award.auditSeq}` },
      data: { lockedBy: "dead-worker", lockedAt: new Date(Date.now() - 10 * 60_000), attempts: 1 },
    });
    // Handlers run without the outbox too: two at once issue one certificate.
    const [a, b] = await Promise.all([issueCertificate(caseId, award.auditSeq), issueCertificate(caseId, award.auditSeq)]);
    expect(a.number).toBe(b.number);
    await Promise.all([runOutboxOnce(), runOutboxOnce()]);
    expect(await db().certificate.count({ where: { caseId } })).toBe(1);
    expect(await db().outboxJob.findFirstOrThrow({ where: { dedupeKey: `${ISSUE_CERTIFICATE}:${award.auditSeq}` } })).toMatchObject({ status: "done" });
    expect((await verifyCertificate(Buffer.from(a.pdf))).valid).toBe(true);
  }, 120_000);
});
