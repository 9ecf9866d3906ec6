import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, type World } from "@/test/world";
import { createDb, db } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyAuditChain } from "@/lib/audit/chain";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { backup, BackupError, nonEmptyTables, restore, verifyBackup } from "./backup";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

let t: TestDatabase;
let w: World;
let tmp: string;
const targets: TestDatabase[] = [];

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  await caseIn(w, "certified", { level: "L2" });
  await caseIn(w, "certified", { level: "L3" });
  await runOutboxOnce();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-backup-"));
  // An evidence file in the data directory, as an upload leaves one.
  fs.mkdirSync(path.join(env().dataDir, "evidence", "ab"), { recursive: true });
  fs.writeFileSync(path.join(env().dataDir, "evidence", "ab", "report.pdf"), "%PDF-1.4\n% evidence\n%%EOF\n");
}, 300_000);
afterAll(async () => {
  for (const x of targets) await x.drop();
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A migrated, empty database and an empty data directory to restore into. */
async function emptyTarget() {
  const target = await createTestDatabase();
  targets.push(target);
  return { target, dataDir: fs.mkdtempSync(path.join(tmp, "data-")) };
}

async function expectSameAsSource(url: string, dataDir: string) {
  const restored = createDb(url);
  try {
    const chain = await verifyAuditChain(restored);
    const original = await verifyAuditChain(db());
    expect(chain.ok).toBe(true);
    expect(original.ok).toBe(true);
    expect(chain).toEqual(original);
    const certificates = await restored.certificate.findMany();
    expect(certificates.length).toBe(await db().certificate.count());
    expect(certificates.length).toBeGreaterThanOrEqual(2);
    for (const c of certificates) expect(crypto.createHash("sha256").update(c.pdf).digest("hex")).toBe(c.pdfSha256);
    expect(await restored.case.count()).toBe(await db().case.count());
    expect(await restored.user.count()).toBe(await db().user.count());
    expect(fs.readFileSync(path.join(dataDir, "evidence", "ab", "report.pdf"), "utf8")).toContain("% evidence");
  } finally {
    await restored.$disconnect();
  }
}

describe(`backup and restore (${DB})`, () => {
  let dir: string;

  it("a backup holds the database and the evidence files, each listed with its SHA-256", async () => {
    dir = path.join(tmp, "backup");
    const m = await backup({ url: t.url, dataDir: env().dataDir, outDir: dir });
    expect(m.provider).toBe(t.provider);
    expect(m.database.method).toBe(t.provider === "sqlite" ? "sqlite-backup" : "pg_dump");
    expect(m.migrations.length).toBeGreaterThan(0);
    const evidence = m.files.find((f) => f.path === "evidence/ab/report.pdf")!;
    expect(evidence.sha256).toBe(crypto.createHash("sha256").update(fs.readFileSync(path.join(dir, evidence.path))).digest("hex"));
    expect(m.files.some((f) => f.path.startsWith("database"))).toBe(true);
    // Neither the session secret nor keys are copied.
    expect(m.files.every((f) => f.path.startsWith("database") || f.path.startsWith("evidence/"))).toBe(true);
    expect(verifyBackup(dir)).toEqual(m);
  });

  it("restores into an empty database: the audit chain verifies and every certificate's PDF matches its hash", async () => {
    const { target, dataDir } = await emptyTarget();
    await restore({ dir, url: target.url, dataDir });
    await expectSameAsSource(target.url, dataDir);
    // Now it holds rows: a second restore into it is refused and changes nothing.
    const err = await restore({ dir, url: target.url, dataDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect((err as Error).message).toMatch(/not empty/);
  });

  it("refuses a database that holds rows before touching it (the live one)", async () => {
    const before = await nonEmptyTables(t.url);
    expect(before.length).toBeGreaterThan(0);
    await expect(restore({ dir, url: t.url, dataDir: fs.mkdtempSync(path.join(tmp, "data-")) })).rejects.toThrow(/not empty/);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it("refuses a backup whose file changed after it was taken, naming the file", async () => {
    const copy = path.join(tmp, "tampered");
    fs.cpSync(dir, copy, { recursive: true });
    fs.appendFileSync(path.join(copy, "evidence", "ab", "report.pdf"), "x");
    expect(() => verifyBackup(copy)).toThrow(/evidence\/ab\/report\.pdf does not match/);
    const { target, dataDir } = await emptyTarget();
    await expect(restore({ dir: copy, url: target.url, dataDir })).rejects.toThrow(BackupError);
    expect(await nonEmptyTables(target.url)).toEqual([]);
  });

  it.runIf(DB === "PostgreSQL")("pg_restore into a database that was never migrated (no tables at all)", async () => {
    const server = new URL(process.env.TEST_DATABASE_URL!);
    const name = `zhiji_test_bare_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    targets.push({
      url: url.toString(),
      provider: "postgresql",
      drop: async () => {
        const c = new pg.Client({ connectionString: server.toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    });
    const dataDir = fs.mkdtempSync(path.join(tmp, "data-"));
    await restore({ dir, url: url.toString(), dataDir });
    await expectSameAsSource(url.toString(), dataDir);
  });

  it.runIf(DB === "PostgreSQL")("without pg_dump: a JSON export of every table restores to the same chain and certificates", async () => {
    process.env.ZHIJI_BACKUP_PG = "json";
    try {
      const jsonDir = path.join(tmp, "backup-json");
      const m = await backup({ url: t.url, dataDir: env().dataDir, outDir: jsonDir });
      expect(m.database.method).toBe("json");
      expect(m.files.some((f) => f.path === "database/AuditEvent.json")).toBe(true);
      const { target, dataDir } = await emptyTarget();
      await restore({ dir: jsonDir, url: target.url, dataDir });
      await expectSameAsSource(target.url, dataDir);
    } finally {
      delete process.env.ZHIJI_BACKUP_PG;
    }
  });
});
