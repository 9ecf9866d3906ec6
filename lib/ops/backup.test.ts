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
import { createStore, type ObjectStore } from "@/lib/storage";
import { CHUNK_BYTES } from "@/lib/storage/database";

const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

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

  it("the stored files round-trip with their transport: local files with their hashes, database rows; S3 is named as not included", async () => {
    const body = crypto.randomBytes(CHUNK_BYTES + 777);
    const readBack = async (store: ObjectStore, key: string) => {
      const parts: Buffer[] = [];
      for await (const c of (await store.get(key, { expectSha256: sha256(body) })).stream) parts.push(c as Buffer);
      return Buffer.concat(parts);
    };
    // local: the files and their .sha256 beside them.
    await (await createStore({ transport: "local", root: env().dataDir })).put("evidence/cd/log.zip", body);
    const localDir = path.join(tmp, "backup-local-store");
    const local = await backup({ url: t.url, dataDir: env().dataDir, outDir: localDir, storage: { transport: "local", root: env().dataDir } });
    expect(local.storage).toEqual({ transport: "local", files: "included" });
    expect(local.files.map((f) => f.path)).toEqual(expect.arrayContaining(["evidence/cd/log.zip", "evidence/cd/log.zip.sha256"]));
    const l = await emptyTarget();
    await restore({ dir: localDir, url: l.target.url, dataDir: l.dataDir, storage: { transport: "local", root: l.dataDir } });
    expect((await readBack(await createStore({ transport: "local", root: l.dataDir }), "evidence/cd/log.zip")).equals(body)).toBe(true);

    // database: the objects are rows, in the database copy; no evidence/ files are needed.
    await (await createStore({ transport: "database" })).put("evidence/cd/in-db", body);
    const dbDir = path.join(tmp, "backup-db-store");
    const inDb = await backup({ url: t.url, dataDir: env().dataDir, outDir: dbDir, storage: { transport: "database" } });
    expect(inDb.storage).toEqual({ transport: "database", files: "in-database" });
    expect(inDb.files.some((f) => f.path.startsWith("evidence/"))).toBe(false);
    const d = await emptyTarget();
    await expect(restore({ dir: dbDir, url: d.target.url, dataDir: d.dataDir })).rejects.toThrow(/kept by the database storage transport; ZHIJI_STORAGE_URL is local/);
    await restore({ dir: dbDir, url: d.target.url, dataDir: d.dataDir, storage: { transport: "database" } });
    const restored = createDb(d.target.url);
    try {
      expect((await readBack(await createStore({ transport: "database" }, { database: () => restored }), "evidence/cd/in-db")).equals(body)).toBe(true);
    } finally {
      await restored.$disconnect();
    }

    // s3: the bucket is not copied, and the manifest says so.
    const s3 = await backup({ url: t.url, dataDir: env().dataDir, outDir: path.join(tmp, "backup-s3-store"), storage: { transport: "s3", bucket: "b12", region: "us-east-1", forcePathStyle: true, prefix: "" } });
    expect(s3.storage).toEqual({ transport: "s3", files: "not-included" });
    expect(s3.files.some((f) => f.path.startsWith("evidence/"))).toBe(false);
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
      // The database transport's chunks (bytea) come back byte for byte: each read checks the SHA-256.
      const restored = createDb(target.url);
      try {
        const objects = await restored.storedObject.findMany();
        expect(objects.length).toBeGreaterThan(0);
        const store = await createStore({ transport: "database" }, { database: () => restored });
        for (const o of objects) {
          let n = 0;
          for await (const c of (await store.get(o.key)).stream) n += (c as Buffer).length;
          expect(n).toBe(o.size);
        }
      } finally {
        await restored.$disconnect();
      }
    } finally {
      delete process.env.ZHIJI_BACKUP_PG;
    }
  });
});
