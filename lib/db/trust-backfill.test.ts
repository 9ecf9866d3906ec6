// The hand-written backfill of the trust migration (prisma/migrations/*/20261201145557_trust_backfill)
// on data from before it: a database migrated with the init migration only is filled with the rows
// of a realistic history (recusals, a re-formed panel, a remand, a withdrawal, a closing recusal, a
// retest, a certificate), then the rest is applied. The backfilled review rounds must be exactly the
// rounds the running portal records (apply-event.ts), and every case and certificate must get the
// snapshot of its product.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { sqliteFilePath } from "@/lib/env";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { parseProductSnapshot, snapshotOfProduct } from "@/lib/cases/product-snapshot";
import { migrate } from "./migrate";

const INIT = "20261127070000_init";

let t: TestDatabase;
let w: World;
const dirs: string[] = [];
const dropLater: (() => Promise<void>)[] = [];
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
}, 120_000);
afterAll(async () => {
  for (const d of dropLater) await d();
  await t?.drop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A project root whose prisma/migrations holds copies of the given migrations only. */
function rootWith(provider: "sqlite" | "postgresql", names: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-backfill-root-"));
  dirs.push(root);
  for (const name of names) {
    const to = path.join(root, "prisma/migrations", provider, name);
    fs.mkdirSync(to, { recursive: true });
    fs.copyFileSync(path.resolve("prisma/migrations", provider, name, "migration.sql"), path.join(to, "migration.sql"));
  }
  return root;
}

type Row = Record<string, unknown>;
type Conn = { tables: () => Promise<string[]>; columns: (table: string) => Promise<string[]>; all: (sql: string) => Promise<Row[]>; insert: (table: string, cols: string[], rows: Row[]) => Promise<void>; close: () => Promise<void> };

function sqliteConn(url: string): Conn {
  const c = new Database(sqliteFilePath(url));
  c.pragma("foreign_keys = OFF");
  return {
    tables: async () => (c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_zhiji_migrations'").all() as { name: string }[]).map((r) => r.name),
    columns: async (table) => (c.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((r) => r.name),
    all: async (sql) => {
      const stmt = c.prepare(sql);
      return stmt.reader ? (stmt.all() as Row[]) : (stmt.run(), []);
    },
    insert: async (table, cols, rows) => {
      const stmt = c.prepare(`INSERT INTO "${table}" (${cols.map((x) => `"${x}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
      c.transaction(() => rows.forEach((r) => stmt.run(...cols.map((x) => r[x]))))();
    },
    close: async () => void c.close(),
  };
}

async function pgConn(url: string): Promise<Conn> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // Rows are copied in any order: foreign keys are not checked while copying.
  await c.query("SET session_replication_role = replica");
  return {
    tables: async () => (await c.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_zhiji_migrations'")).rows.map((r) => r.table_name),
    columns: async (table) => (await c.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1", [table])).rows.map((r) => r.column_name),
    all: async (sql) => (await c.query(sql)).rows as Row[],
    insert: async (table, cols, rows) => {
      for (const r of rows) {
        await c.query(`INSERT INTO "${table}" (${cols.map((x) => `"${x}"`).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`, cols.map((x) => r[x]));
      }
    },
    close: async () => c.end(),
  };
}

/** An empty database of the test's provider, migrated with the init migration only. */
async function initOnlyDatabase(): Promise<{ url: string; root: string }> {
  const root = rootWith(t.provider, [INIT]);
  if (t.provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-backfill-db-"));
    dirs.push(dir);
    const url = `file:${path.join(dir, "old.db")}`;
    await migrate(url, root);
    return { url, root };
  }
  const server = process.env.TEST_DATABASE_URL!;
  const name = `zhiji_backfill_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  dropLater.push(async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const u = new URL(server);
  u.pathname = `/${name}`;
  await migrate(u.toString(), root);
  return { url: u.toString(), root };
}

const open = (url: string) => (url.startsWith("file:") ? Promise.resolve(sqliteConn(url)) : pgConn(url));
const time = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : typeof v === "string" && !/^\d+$/.test(v) ? Date.parse(v) : Number(v));

describe(`the trust backfill on existing data (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("reproduces the portal's review rounds and snapshots every case's and certificate's product", async () => {
    const { expert1: e1, expert2: e2, expert3: e3, expert4: e4, secretariat: sec, ministry1: min, vendorA } = w.users;
    // A recusal below the panel size (round 1 ended), a new panel that closes (round 2), a remand and
    // an open round 3 with one vote.
    const reformed = await caseIn(w, "review.voting");
    await send(e1, reformed, "VOTE", { verdict: "approve", level: "L3", rationale: "ok" });
    await send(e3, reformed, "RECUSE", { reason: "conflict" });
    await send(sec, reformed, "ASSIGN_PANEL", { expertIds: [e1.id, e2.id, e4.id] });
    for (const e of [e1, e2, e4]) await send(e, reformed, "VOTE", { verdict: "approve", level: "L2", rationale: "ok" });
    await send(min, reformed, "REMAND", { reason: "again" });
    await send(sec, reformed, "ASSIGN_PANEL", { expertIds: [e1.id, e2.id, e4.id] });
    await send(e2, reformed, "VOTE", { verdict: "reject", rationale: "no" });
    // Withdrawn while voting (ended).
    const withdrawn = await caseIn(w, "review.voting");
    await send(vendorA, withdrawn, "WITHDRAW", { reason: "cancelled" });
    // A panel of four closed by the last recusal.
    const closedByRecusal = await caseIn(w, "review.forming");
    await send(sec, closedByRecusal, "ASSIGN_PANEL", { expertIds: [e1.id, e2.id, e3.id, e4.id] });
    for (const e of [e1, e2, e3]) await send(e, closedByRecusal, "VOTE", { verdict: "approve", level: "L2", rationale: "ok" });
    await send(e4, closedByRecusal, "RECUSE", { reason: "conflict" });
    // A retest recommendation (closed, back to testing), and a certified case with its certificate.
    const retest = await caseIn(w, "review.voting");
    for (const e of [e1, e2, e3]) await send(e, retest, "VOTE", { verdict: "retest", rationale: "unclear" });
    const certified = await caseIn(w, "certified", { level: "L2" });
    await runOutboxOnce();
    const states = Object.fromEntries((await db().case.findMany({ where: { id: { in: [reformed, withdrawn, closedByRecusal, retest, certified] } } })).map((c) => [c.id, c.state]));
    expect([states[reformed], states[withdrawn], states[closedByRecusal], states[retest], states[certified]]).toEqual(["review.voting", "withdrawn", "decision", "testing", "certified"]);

    // The same history in a database from before the trust migration, then the rest applied.
    const old = await initOnlyDatabase();
    const from = await open(t.url);
    const to = await open(old.url);
    for (const table of await to.tables()) {
      const cols = await to.columns(table);
      const rows = await from.all(`SELECT ${cols.map((c) => `"${c}"`).join(", ")} FROM "${table}"`);
      await to.all(`DELETE FROM "${table}"`); // rows the init migration wrote (the audit head) are replaced
      await to.insert(table, cols, rows);
    }
    await to.close();
    const all = fs.readdirSync(path.resolve("prisma/migrations", t.provider)).sort();
    const applied = await migrate(old.url, rootWith(t.provider, all));
    // Everything after the init migration, the trust migration and its backfill first.
    expect(applied.applied).toEqual(all.filter((name) => name > "20261127070000_init"));
    expect(applied.applied.slice(0, 2)).toEqual(["20261201145556_trust", "20261201145557_trust_backfill"]);

    const after = await open(old.url);
    // Migrating kept every audit event as it was (a table rebuilt by the migration must not run
    // its children's ON DELETE actions: SET NULL would erase the events' caseId and break the chain).
    const events = async (c: Conn) => (await c.all('SELECT "seq", "caseId", "hash" FROM "AuditEvent" ORDER BY "seq"')).map((r) => `${Number(r.seq)} ${String(r.caseId)} ${String(r.hash)}`);
    expect(await events(after)).toEqual(await events(from));
    const key = (r: Row) => `${String(r.caseId)}:${Number(r.round)}`;
    const shape = (rows: Row[]) =>
      rows.map((r) => ({ key: key(r), openedAt: time(r.openedAt), closedAt: time(r.closedAt), endedAt: time(r.endedAt) })).sort((a, b) => a.key.localeCompare(b.key));
    const live = shape(await from.all('SELECT "caseId", "round", "openedAt", "closedAt", "endedAt" FROM "ReviewRound"'));
    const backfilled = shape(await after.all('SELECT "caseId", "round", "openedAt", "closedAt", "endedAt" FROM "ReviewRound"'));
    expect(live.length).toBeGreaterThanOrEqual(7);
    expect(backfilled).toEqual(live);
    // Spot checks, readable on their own.
    const round = (caseId: string, n: number) => backfilled.find((r) => r.key === `${caseId}:${n}`)!;
    expect(round(reformed, 1)).toMatchObject({ closedAt: null, endedAt: expect.any(Number) });
    expect(round(reformed, 2)).toMatchObject({ closedAt: expect.any(Number), endedAt: null });
    expect(round(reformed, 3)).toMatchObject({ closedAt: null, endedAt: null });
    expect(round(withdrawn, 1)).toMatchObject({ closedAt: null, endedAt: expect.any(Number) });
    expect(round(closedByRecusal, 1)).toMatchObject({ closedAt: expect.any(Number), endedAt: null });
    expect(round(retest, 1)).toMatchObject({ closedAt: expect.any(Number), endedAt: null });

    const products = new Map(
      (await after.all('SELECT "id", "name", "model", "softwareVersion", "category", "modelInfo" FROM "Product"')).map((p) => [String(p.id), p]),
    );
    const cases = await after.all('SELECT "id", "productId", "productSnapshot" FROM "Case"');
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const c of cases) {
      const p = products.get(String(c.productId))!;
      expect(parseProductSnapshot(String(c.productSnapshot))).toEqual(
        snapshotOfProduct({ name: String(p.name), model: String(p.model), softwareVersion: String(p.softwareVersion), category: String(p.category), modelInfo: String(p.modelInfo) }),
      );
    }
    const certs = await after.all('SELECT "caseId", "productSnapshot" FROM "Certificate"');
    expect(certs.map((c) => c.caseId)).toEqual([certified]);
    expect(certs[0].productSnapshot).toBe(cases.find((c) => c.id === certified)!.productSnapshot);
    await after.close();
    await from.close();
  }, 120_000);
});
