// Prisma's SQLite adapter (@prisma/adapter-better-sqlite3) prepares every statement anew:
// `client.prepare(sql).bind(args)`, then `run()` or `raw().all()`. Preparing is a good part of a
// statement's cost, and the portal sends the same few hundred SQL texts again and again (the door's
// profile: the adapter and better-sqlite3 were a quarter of an event's CPU, docs/performance.md,
// "The door"). This keeps each prepared statement per SQL text and hands the adapter a stand-in with
// the same few methods, binding the arguments on each run instead of once. better-sqlite3 runs
// every statement to its end synchronously, so one prepared statement is never used by two queries
// at once; SQLite itself prepares again when the schema changes.
import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import { LRUCache } from "lru-cache";

type Statement = BetterSqlite3.Statement<unknown[]>;

/** What the adapter calls on a prepared statement (and on the bound one). */
type Prepared = {
  readonly reader: boolean;
  columns(): BetterSqlite3.ColumnDefinition[];
  bind(args: unknown[]): Prepared;
  run(): BetterSqlite3.RunResult;
  raw(): { all(): unknown[] };
};

// A statement's columns, asked for on every read (better-sqlite3 builds the list anew each time, about
// 2.5 % of the server's CPU in the whole-case bench). The portal's SQL names its columns and the
// schema does not change while the process runs (migrations run before it starts).
const columnsOf = new WeakMap<Statement, BetterSqlite3.ColumnDefinition[]>();

function prepared(stmt: Statement, args: unknown[] = []): Prepared {
  return {
    get reader() {
      return stmt.reader;
    },
    columns: () => {
      let columns = columnsOf.get(stmt);
      if (!columns) {
        columns = stmt.columns();
        columnsOf.set(stmt, columns);
      }
      return columns;
    },
    bind: (a) => prepared(stmt, a),
    run: () => stmt.run(...args),
    raw: () => ({ all: () => stmt.raw(true).all(...args) }),
  };
}

/** Makes `client.prepare` return cached statements; at most `max` SQL texts are kept. */
export function cacheStatements(client: BetterSqlite3.Database, max = 500): void {
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  const statements = new LRUCache<string, Statement>({ max });
  (client as unknown as { prepare: (sql: string) => Prepared }).prepare = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      statements.set(sql, stmt);
    }
    return prepared(stmt);
  };
}
