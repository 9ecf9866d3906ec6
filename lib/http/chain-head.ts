// Reads the audit chain's head for the public pages' cache (lib/http/page-cache.ts), once per
// request, so it must cost next to nothing: a prepared statement on its own read-only SQLite
// connection (microseconds), or one query on a small PostgreSQL pool of its own. The Prisma client
// would do the same read with about a millisecond of its own work around it (docs/performance.md).
import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "@/lib/env";

export type ChainHeadReader = { read(): Promise<number>; close(): Promise<void> };

export function chainHeadReader(databaseUrl: string): ChainHeadReader {
  if (databaseUrl.startsWith("file:")) {
    const conn = new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
    const stmt = conn.prepare<[], { seq: number }>(`SELECT "seq" FROM "AuditHead" WHERE "id" = 1`);
    return {
      read: async () => stmt.get()?.seq ?? 0,
      close: async () => void conn.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  return {
    read: async () => (await pool.query<{ seq: number }>({ name: "zhiji-chain-head", text: `SELECT "seq" FROM "AuditHead" WHERE "id" = 1` })).rows[0]?.seq ?? 0,
    close: () => pool.end(),
  };
}
