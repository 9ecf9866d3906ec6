// The project's own migration runner (Prisma's migrate engine cannot run here: docs/decisions/0001-sql-migrations-per-provider.md).
// Applies prisma/migrations/<provider>/<name>/migration.sql in name order, each in a transaction,
// records name and checksum, and refuses an applied migration whose file was edited since.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "@/lib/env";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number };

export class MigrationError extends Error {}

export function loadMigrations(provider: "sqlite" | "postgresql", root = process.cwd()): Migration[] {
  const dir = path.join(root, "prisma/migrations", provider);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

function plan(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum !== undefined && sum !== m.checksum) {
      throw new MigrationError(
        `Migration ${m.name} was edited after it was applied (checksum differs); write a new migration instead.`,
      );
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

export async function migrate(databaseUrl: string, root = process.cwd()): Promise<MigrateResult> {
  return databaseUrl.startsWith("file:") ? migrateSqlite(databaseUrl, root) : migratePostgres(databaseUrl, root);
}

function migrateSqlite(url: string, root: string): MigrateResult {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const conn = new Database(file, { timeout: 15_000 });
  try {
    conn.pragma("journal_mode = WAL");
    // Foreign keys off while migrating (the pragma is a no-op inside a transaction, so it is set
    // here): a migration that redefines a table drops and re-creates it, and with foreign keys on,
    // that drop would run the children's ON DELETE actions (SET NULL would erase every audit
    // event's caseId and break the chain). Integrity is checked before the transaction commits.
    conn.pragma("foreign_keys = OFF");
    conn.exec(
      'CREATE TABLE IF NOT EXISTS "_zhiji_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)',
    );
    // IMMEDIATE takes the write lock first, so two starting processes never both apply.
    const run = conn.transaction(() => {
      const rows = conn.prepare('SELECT name, checksum FROM "_zhiji_migrations"').all() as { name: string; checksum: string }[];
      const all = loadMigrations("sqlite", root);
      const todo = plan(all, new Map(rows.map((r) => [r.name, r.checksum])));
      for (const m of todo) {
        conn.exec(m.sql);
        conn
          .prepare('INSERT INTO "_zhiji_migrations" (name, checksum, "appliedAt") VALUES (?, ?, ?)')
          .run(m.name, m.checksum, new Date().toISOString());
      }
      const broken = conn.pragma("foreign_key_check") as { table: string; parent: string }[];
      if (broken.length > 0) {
        throw new MigrationError(`Migration left ${broken.length} row(s) pointing nowhere (first: ${broken[0].table} → ${broken[0].parent}); nothing was applied`);
      }
      return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
    });
    return run.immediate();
  } finally {
    conn.close();
  }
}

async function migratePostgres(url: string, root: string): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across every portal instance sharing the database.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(
      'CREATE TABLE IF NOT EXISTS "_zhiji_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL)',
    );
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_zhiji_migrations"');
    const todo = plan(loadMigrations("postgresql", root), new Map(rows.map((r) => [r.name, r.checksum])));
    for (const m of todo) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO "_zhiji_migrations" (name, checksum, "appliedAt") VALUES ($1, $2, now())', [
          m.name,
          m.checksum,
        ]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => {});
    await client.end();
  }
}
