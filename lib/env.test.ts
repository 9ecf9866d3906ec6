import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-env-"));

describe("configuration", () => {
  it("a malformed DATABASE_URL stops the start with one line naming it", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", ZHIJI_DATA_DIR: tmp() })).toThrow(
      /^Configuration error: DATABASE_URL must be file:<path> \(SQLite\) or postgresql:\/\/… \(PostgreSQL\)$/,
    );
  });

  it("a bad PORT names PORT", () => {
    expect(() => parseEnv({ PORT: "eighty", ZHIJI_DATA_DIR: tmp() })).toThrow(/^Configuration error: PORT /);
  });

  it("production refuses to start without a session secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production", ZHIJI_DATA_DIR: tmp() })).toThrow(
      "Configuration error: ZHIJI_SESSION_SECRET is required in production",
    );
  });

  it("development creates a session secret under data/ once and keeps it", () => {
    const dir = tmp();
    const a = parseEnv({ ZHIJI_DATA_DIR: dir });
    const b = parseEnv({ ZHIJI_DATA_DIR: dir });
    expect(a.ZHIJI_SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(b.ZHIJI_SESSION_SECRET).toBe(a.ZHIJI_SESSION_SECRET);
    expect(fs.readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(a.ZHIJI_SESSION_SECRET);
  });

  it("defaults to a SQLite file under the data folder, and recognises PostgreSQL", () => {
    const dir = tmp();
    const e = parseEnv({ ZHIJI_DATA_DIR: dir });
    expect(e.databaseProvider).toBe("sqlite");
    expect(e.DATABASE_URL).toBe(`file:${path.join(dir, "zhiji.db")}`);
    expect(parseEnv({ ZHIJI_DATA_DIR: dir, DATABASE_URL: "postgresql://u@h/db" }).databaseProvider).toBe("postgresql");
  });
});
