// The SQLite statement cache (lib/db/sqlite-statement-cache.ts): the same answers as preparing anew,
// one prepared statement per SQL text, arguments bound on each run.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./sqlite-statement-cache";

type Adapterish = { prepare(sql: string): { reader: boolean; columns(): { name: string }[]; bind(a: unknown[]): { run(): { changes: number }; raw(): { all(): unknown[][] }; reader: boolean }; run(): unknown } };

describe("the SQLite statement cache", () => {
  it("answers as a fresh statement would, with new arguments on every run", () => {
    const db = new Database(":memory:");
    let prepared = 0;
    const real = db.prepare.bind(db);
    (db as unknown as { prepare: (s: string) => unknown }).prepare = (s: string) => {
      prepared++;
      return real(s);
    };
    cacheStatements(db, 2);
    const client = db as unknown as Adapterish;
    client.prepare("CREATE TABLE t (a INTEGER, b TEXT)").run();
    const insert = "INSERT INTO t (a, b) VALUES (?, ?)";
    expect(client.prepare(insert).reader).toBe(false);
    for (const [a, b] of [[1, "x"], [2, "y"], [3, "z"]] as const) expect(client.prepare(insert).bind([a, b]).run().changes).toBe(1);
    const select = client.prepare("SELECT a, b FROM t WHERE a >= ? ORDER BY a");
    expect(select.reader).toBe(true);
    expect(select.columns().map((c) => c.name)).toEqual(["a", "b"]);
    expect(client.prepare("SELECT a, b FROM t WHERE a >= ? ORDER BY a").bind([2]).raw().all()).toEqual([[2, "y"], [3, "z"]]);
    expect(client.prepare("SELECT a, b FROM t WHERE a >= ? ORDER BY a").bind([3]).raw().all()).toEqual([[3, "z"]]);
    // CREATE, INSERT, SELECT: each prepared once, however often it ran.
    expect(prepared).toBe(3);
    // At most `max` texts are kept: a third one pushes the least recently used out.
    client.prepare("SELECT 1").bind([]).raw().all();
    client.prepare(insert).bind([4, "w"]).run();
    expect(prepared).toBe(5);
    db.close();
  });

  it("lets a failing statement fail as before, and the next one run", () => {
    const db = new Database(":memory:");
    cacheStatements(db);
    const client = db as unknown as Adapterish;
    client.prepare("CREATE TABLE u (a INTEGER PRIMARY KEY)").run();
    client.prepare("INSERT INTO u (a) VALUES (?)").bind([1]).run();
    expect(() => client.prepare("INSERT INTO u (a) VALUES (?)").bind([1]).run()).toThrow(/UNIQUE/);
    expect(client.prepare("INSERT INTO u (a) VALUES (?)").bind([2]).run().changes).toBe(1);
    expect(() => client.prepare("SELECT nope FROM u")).toThrow(/no such column/);
    db.close();
  });
});
