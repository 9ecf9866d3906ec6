// The one Prisma client of the process, chosen from DATABASE_URL (SQLite file or PostgreSQL).
import "server-only";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/lib/generated/pg/client";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env, sqliteFilePath } from "@/lib/env";
import { cacheStatements } from "@/lib/db/sqlite-statement-cache";

/** The SQLite adapter with its statements kept prepared (lib/db/sqlite-statement-cache.ts). */
export class SqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    cacheStatements((adapter as unknown as { client: Parameters<typeof cacheStatements>[0] }).client);
    return adapter;
  }
}

// Both generated clients have the same models; code is written against one of their types.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { zhijiDb?: { url: string; client: Db } };

// errorFormat "minimal": the default ("colorless") captures a stack trace on every query to point at
// the call site in an error's text, about 2.6 % of an event's CPU (docs/performance.md, "The door").
export function createDb(url: string): Db {
  if (url.startsWith("file:")) {
    // timeout: how long a writer waits for SQLite's lock instead of failing at once.
    return new SqliteClient({ adapter: new SqliteAdapter({ url: `file:${sqliteFilePath(url)}`, timeout: 15_000 }), errorFormat: "minimal" });
  }
  return new PgClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), errorFormat: "minimal" }) as unknown as Db;
}

export function db(): Db {
  const url = env().DATABASE_URL;
  if (globalForDb.zhijiDb?.url !== url) {
    globalForDb.zhijiDb = { url, client: createDb(url) };
  }
  return globalForDb.zhijiDb.client;
}

export async function disconnectDb() {
  await globalForDb.zhijiDb?.client.$disconnect();
  globalForDb.zhijiDb = undefined;
}

/** True when the error is a unique-constraint violation (Prisma P2002), on either database. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}
