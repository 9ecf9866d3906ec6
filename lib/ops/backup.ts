// Backup and restore of one portal (npm run backup / npm run restore; docs/deploy.md#backup-and-restore).
// A backup is one directory:
//   manifest.json        format, time, provider, how the database was saved, the migrations it
//                        holds, and the size and SHA-256 of every other file
//   database.sqlite      SQLite: a consistent copy taken with SQLite's online backup API
//   database.pgdump      PostgreSQL: pg_dump's custom format, when pg_dump is on PATH
//   database/<table>.json  PostgreSQL without pg_dump: every table's rows as a JSON array
//   evidence/…           the evidence files (with their .sha256 files) of the local storage transport
// The stored files follow the storage transport (lib/storage, docs/deploy.md#storage): `local` keeps
// them as files, copied into evidence/; `database` keeps them in the StoredObject tables, so the
// database copy holds them; `s3` keeps them in the bucket, which the backup does not copy (the
// manifest says so; use the bucket's own versioning or replication).
// The session secret and signing keys are not in it: they are configuration, kept apart.
// Restore checks every file against the manifest first, then writes only into an EMPTY database
// (no row beyond those its migrations write) and an empty evidence directory, and refuses otherwise.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "@/lib/env";
import { loadMigrations, migrate } from "@/lib/db/migrate";
import type { StorageConfig, StorageTransport } from "@/lib/storage/config";

export const BACKUP_FORMAT = 1;
const MIGRATIONS_TABLE = "_zhiji_migrations";

export type Provider = "sqlite" | "postgresql";
export type DatabaseMethod = "sqlite-backup" | "pg_dump" | "json";
export type ManifestFile = { path: string; size: number; sha256: string };
export type Manifest = {
  format: number;
  createdAt: string;
  provider: Provider;
  database: { method: DatabaseMethod };
  migrations: string[];
  /** Where the stored files were and whether the backup holds them (absent in older backups: local). */
  storage?: { transport: StorageTransport; files: "included" | "in-database" | "not-included" };
  files: ManifestFile[];
};

const STORAGE_FILES = { local: "included", database: "in-database", s3: "not-included" } as const;

/** The directory whose evidence/ the local transport uses, or null for the other transports. */
const localRoot = (storage: StorageConfig | undefined, dataDir: string) => (!storage ? dataDir : storage.transport === "local" ? storage.root : null);

export class BackupError extends Error {}

export const providerOf = (url: string): Provider => (url.startsWith("file:") ? "sqlite" : "postgresql");

function sha256File(file: string): string {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listFiles(full, base);
    return e.isFile() ? [path.relative(base, full).split(path.sep).join("/")] : [];
  });
}

/** pg_dump / pg_restore on PATH (ZHIJI_BACKUP_PG=json forces the JSON export). */
function hasPgTools(): boolean {
  if (process.env.ZHIJI_BACKUP_PG === "json") return false;
  return spawnSync("pg_dump", ["--version"], { encoding: "utf8" }).status === 0 && spawnSync("pg_restore", ["--version"], { encoding: "utf8" }).status === 0;
}

/** Names of the user tables, in an order that satisfies foreign keys (parents first). */
async function pgTables(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const names = tables.map((t) => t.name);
  const parents = new Map(names.map((n) => [n, new Set(edges.filter((e) => e.child === n && e.parent !== n).map((e) => e.parent))]));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    if (next.length === 0) throw new BackupError("the tables' foreign keys form a cycle; use pg_dump");
    for (const n of next) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

function sqliteTables(conn: Database.Database): string[] {
  return (conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Tables whose rows the migrations themselves may write (the audit chain's head, the backfilled
 * categories, backfills from older tables): an EMPTY database is one with no row anywhere else.
 * Real use always writes rows elsewhere (users, organisations, cases, audit events).
 */
export function migrationSeededTables(provider: Provider, root = process.cwd()): Set<string> {
  const names = loadMigrations(provider, root).flatMap((m) => [...m.sql.matchAll(/INSERT INTO "([A-Za-z0-9_]+)"/g)].map((x) => x[1]));
  return new Set([MIGRATIONS_TABLE, ...names.filter((n) => !n.startsWith("new_"))]);
}

/** Tables that hold at least one row beyond what the migrations write. */
export async function nonEmptyTables(url: string): Promise<string[]> {
  const seeded = migrationSeededTables(providerOf(url));
  return (await tablesWithRows(url)).filter((t) => !seeded.has(t));
}

async function tablesWithRows(url: string): Promise<string[]> {
  if (providerOf(url) === "sqlite") {
    const file = sqliteFilePath(url);
    if (!fs.existsSync(file) || fs.statSync(file).size === 0) return [];
    const conn = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return sqliteTables(conn).filter((t) => conn.prepare(`SELECT 1 FROM ${quote(t)} LIMIT 1`).get() !== undefined);
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: string[] = [];
    for (const t of await pgTables(client)) {
      const { rowCount } = await client.query(`SELECT 1 FROM ${quote(t)} LIMIT 1`);
      if (rowCount) out.push(t);
    }
    return out;
  } finally {
    await client.end();
  }
}

async function appliedMigrations(url: string): Promise<string[]> {
  if (providerOf(url) === "sqlite") {
    const conn = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare(`SELECT name FROM ${quote(MIGRATIONS_TABLE)} ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM ${quote(MIGRATIONS_TABLE)} ORDER BY name`);
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/**
 * Writes a backup of the database at `url` and of the stored files into `outDir` (created; must not
 * exist or be empty). `storage` is the transport (default: local files under `dataDir`).
 */
export async function backup(opts: { url: string; dataDir: string; outDir: string; storage?: StorageConfig; now?: Date }): Promise<Manifest> {
  const { url, dataDir, outDir } = opts;
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new BackupError(`${outDir} is not empty`);
  fs.mkdirSync(outDir, { recursive: true });
  const provider = providerOf(url);
  let method: DatabaseMethod;
  if (provider === "sqlite") {
    method = "sqlite-backup";
    const conn = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
    try {
      // The online backup API copies a consistent snapshot while the portal keeps writing.
      await conn.backup(path.join(outDir, "database.sqlite"));
    } finally {
      conn.close();
    }
  } else if (hasPgTools()) {
    method = "pg_dump";
    // One snapshot of the whole database (pg_dump runs in a single repeatable-read transaction).
    const r = spawnSync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${path.join(outDir, "database.pgdump")}`, `--dbname=${url}`], { encoding: "utf8" });
    if (r.status !== 0) throw new BackupError(`pg_dump failed: ${r.stderr.trim().split("\n")[0]}`);
  } else {
    method = "json";
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      fs.mkdirSync(path.join(outDir, "database"));
      // One consistent snapshot for every table.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      for (const t of await pgTables(client)) {
        const { rows } = await client.query<{ rows: unknown }>(`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM ${quote(t)} t`);
        fs.writeFileSync(path.join(outDir, "database", `${t}.json`), JSON.stringify(rows[0].rows));
      }
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  }
  const root = localRoot(opts.storage, dataDir);
  const evidence = root ? path.join(root, "evidence") : null;
  // A file still being written (…partial-<random>) or a readiness probe is not evidence yet.
  for (const rel of evidence ? listFiles(evidence).filter((f) => !/\.partial-[0-9a-f]+$|(^|\/)\.ready-/.test(f)) : []) {
    const to = path.join(outDir, "evidence", rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(evidence!, rel), to);
  }
  const transport = opts.storage?.transport ?? "local";
  const files = listFiles(outDir).map((rel) => {
    const full = path.join(outDir, rel);
    return { path: rel, size: fs.statSync(full).size, sha256: sha256File(full) };
  });
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: (opts.now ?? new Date()).toISOString(),
    provider,
    database: { method },
    migrations: await appliedMigrations(url),
    storage: { transport, files: STORAGE_FILES[transport] },
    files,
  };
  fs.writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/** Reads the manifest and checks every file's size and SHA-256; throws naming the first that differs. */
export function verifyBackup(dir: string): Manifest {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) throw new BackupError(`${dir} has no manifest.json`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`unknown backup format ${manifest.format}`);
  for (const f of manifest.files) {
    const full = path.join(dir, f.path);
    if (path.relative(dir, full).startsWith("..")) throw new BackupError(`the manifest names a file outside the backup: ${f.path}`);
    if (!fs.existsSync(full)) throw new BackupError(`${f.path} is missing`);
    if (fs.statSync(full).size !== f.size || sha256File(full) !== f.sha256) throw new BackupError(`${f.path} does not match its SHA-256 in the manifest`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const extra = listFiles(dir).filter((p) => p !== "manifest.json" && !listed.has(p));
  if (extra.length) throw new BackupError(`${extra[0]} is not in the manifest`);
  return manifest;
}

/**
 * Restores the backup in `dir` into the EMPTY database at `url` and, for the local transport, the
 * empty evidence directory of `dataDir` (or of `storage`'s root). The backup's transport must be the
 * configured one: the stored files' keys are in the database rows.
 */
export async function restore(opts: { dir: string; url: string; dataDir: string; storage?: StorageConfig }): Promise<Manifest> {
  const { dir, url, dataDir } = opts;
  const manifest = verifyBackup(dir);
  const provider = providerOf(url);
  if (manifest.provider !== provider) throw new BackupError(`the backup is of a ${manifest.provider} database; DATABASE_URL is ${provider}`);
  const kept = manifest.storage?.transport ?? "local";
  const configured = opts.storage?.transport ?? "local";
  if (kept !== configured) throw new BackupError(`the backup's files were kept by the ${kept} storage transport; ZHIJI_STORAGE_URL is ${configured}: restore with the same transport`);
  const busy = await nonEmptyTables(url);
  if (busy.length) throw new BackupError(`the target database is not empty (${busy.slice(0, 3).join(", ")}${busy.length > 3 ? ", …" : ""} hold rows); restore only into an empty database`);
  const root = localRoot(opts.storage, dataDir);
  const evidence = root ? path.join(root, "evidence") : null;
  if (evidence && listFiles(evidence).length) throw new BackupError(`${evidence} is not empty; restore only into an empty data directory`);

  if (manifest.database.method === "sqlite-backup") {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The target is empty (checked above): replace it, with its write-ahead log, by the copy.
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    fs.copyFileSync(path.join(dir, "database.sqlite"), file);
  } else if (manifest.database.method === "pg_dump") {
    if (!hasPgTools()) throw new BackupError("this backup needs pg_restore on PATH");
    // --clean drops the (empty) tables a migrated target already has before re-creating them.
    const r = spawnSync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${url}`, path.join(dir, "database.pgdump")], { encoding: "utf8" });
    if (r.status !== 0) throw new BackupError(`pg_restore failed: ${r.stderr.trim().split("\n")[0]}`);
  } else {
    // The JSON export needs the schema of the same migrations: apply them, then insert table by table.
    const expected = loadMigrations("postgresql").map((m) => m.name);
    if (expected.join() !== manifest.migrations.join()) throw new BackupError("a JSON backup restores only with the same migrations as when it was taken; use the portal version that made it");
    await migrate(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const tables = (await pgTables(client)).filter((t) => t !== MIGRATIONS_TABLE);
      // Only the migrations' own rows are there (checked above): they give way to the backup's.
      for (const t of [...tables].reverse()) await client.query(`DELETE FROM ${quote(t)}`);
      for (const t of tables) {
        const file = path.join(dir, "database", `${t}.json`);
        if (!fs.existsSync(file)) continue;
        // One statement per table: its own foreign keys (a row pointing at a row of the same table) are checked at its end.
        await client.query(`INSERT INTO ${quote(t)} SELECT * FROM json_populate_recordset(NULL::${quote(t)}, $1::json)`, [fs.readFileSync(file, "utf8")]);
      }
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw new BackupError(`restoring the JSON export failed, nothing was written: ${(e as Error).message}`);
    } finally {
      await client.end();
    }
  }
  for (const f of root ? manifest.files.filter((f) => f.path.startsWith("evidence/")) : []) {
    const to = path.join(root!, f.path);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(dir, f.path), to);
  }
  return manifest;
}
