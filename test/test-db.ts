// A fresh, migrated database for one test file: a temporary SQLite file by default, or a new
// PostgreSQL database when TEST_DATABASE_URL names a server (CI runs the suite on both).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb, db } from "@/lib/db";

export type TestDatabase = { url: string; provider: "sqlite" | "postgresql"; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (server?.startsWith("postgres")) {
    const name = `zhiji_test_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    const url = u.toString();
    await migrate(url);
    return {
      url,
      provider: "postgresql",
      drop: async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await migrate(url);
  return { url, provider: "sqlite", drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Points the process (db(), env()) at a fresh database for the current test file. */
export async function useFreshDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  await disconnectDb();
  process.env.DATABASE_URL = t.url;
  process.env.ZHIJI_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-data-"));
  resetEnvCache();
  db();
  return {
    ...t,
    drop: async () => {
      await disconnectDb();
      await t.drop();
    },
  };
}
