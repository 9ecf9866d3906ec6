import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { refuseDemoUsersInProduction } from "./auth/demo";

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

describe("production refuses the unsafe", () => {
  const safe = (dir: string) => ({
    NODE_ENV: "production",
    ZHIJI_DATA_DIR: dir,
    ZHIJI_SESSION_SECRET: "s".repeat(40),
    ZHIJI_PUBLIC_URL: "https://zhiji.example.cn",
    ZHIJI_SIGNING_P12_PATH: "/etc/zhiji/signer.p12",
    ZHIJI_SIGNING_CA_PEM_PATH: "/etc/zhiji/ca.pem",
  });

  it("a complete production configuration starts, with the second factor required", () => {
    const e = parseEnv(safe(tmp()));
    expect(e.strictProduction).toBe(true);
    expect(e.require2fa).toBe(true);
  });

  it("no ZHIJI_PUBLIC_URL", () => {
    expect(() => parseEnv({ ...safe(tmp()), ZHIJI_PUBLIC_URL: undefined })).toThrow(
      /^Configuration error: ZHIJI_PUBLIC_URL is required in production/,
    );
    // NEXTAUTH_URL does not stand in for it.
    expect(() => parseEnv({ ...safe(tmp()), ZHIJI_PUBLIC_URL: "", NEXTAUTH_URL: "https://x.example" })).toThrow(/ZHIJI_PUBLIC_URL/);
  });

  it("the development session secret kept under data/", () => {
    const dir = tmp();
    const dev = parseEnv({ ZHIJI_DATA_DIR: dir }).ZHIJI_SESSION_SECRET;
    expect(() => parseEnv({ ...safe(dir), ZHIJI_SESSION_SECRET: dev })).toThrow(
      /^Configuration error: ZHIJI_SESSION_SECRET is the development secret kept under data\//,
    );
  });

  it("the development signing keys: none configured, or the generated one named", () => {
    const dir = tmp();
    expect(() => parseEnv({ ...safe(dir), ZHIJI_SIGNING_P12_PATH: undefined })).toThrow(
      /^Configuration error: ZHIJI_SIGNING_P12_PATH \(or ZHIJI_SIGNING_P12_BASE64\) is required in production/,
    );
    fs.mkdirSync(path.join(dir, "keys"));
    fs.writeFileSync(path.join(dir, "keys", "signer.p12"), Buffer.from([1, 2, 3, 4]));
    expect(() => parseEnv({ ...safe(dir), ZHIJI_SIGNING_P12_PATH: path.join(dir, "keys", "signer.p12") })).toThrow(
      /^Configuration error: ZHIJI_SIGNING_P12_PATH names the development signing key/,
    );
    expect(() =>
      parseEnv({ ...safe(dir), ZHIJI_SIGNING_P12_PATH: undefined, ZHIJI_SIGNING_P12_BASE64: Buffer.from([1, 2, 3, 4]).toString("base64") }),
    ).toThrow(/^Configuration error: ZHIJI_SIGNING_P12_BASE64 is the development signing key/);
    expect(() => parseEnv({ ...safe(dir), ZHIJI_SIGNING_CA_PEM_PATH: undefined })).toThrow(
      /^Configuration error: ZHIJI_SIGNING_CA_PEM_PATH is required in production/,
    );
  });

  it("turning the second factor off", () => {
    expect(() => parseEnv({ ...safe(tmp()), ZHIJI_REQUIRE_2FA: "0" })).toThrow(/^Configuration error: ZHIJI_REQUIRE_2FA=0 is refused in production/);
  });

  it("the demo (ZHIJI_ALLOW_DEMO=1) keeps the development defaults, and the second factor is optional there", () => {
    const dir = tmp();
    const e = parseEnv({ NODE_ENV: "production", ZHIJI_DATA_DIR: dir, ZHIJI_SESSION_SECRET: "s".repeat(40), ZHIJI_ALLOW_DEMO: "1" });
    expect(e.strictProduction).toBe(false);
    expect(e.require2fa).toBe(false);
    expect(parseEnv({ ZHIJI_DATA_DIR: dir }).require2fa).toBe(false);
    expect(parseEnv({ ZHIJI_DATA_DIR: dir, ZHIJI_REQUIRE_2FA: "1" }).require2fa).toBe(true);
  });

  it("demo users in a production database without ZHIJI_ALLOW_DEMO=1", async () => {
    const users = (found: { email: string } | null) => ({ user: { findFirst: async () => found } });
    const e = parseEnv(safe(tmp()));
    await expect(refuseDemoUsersInProduction(users({ email: "admin@demo.zhiji" }), e)).rejects.toThrow(
      /^Configuration error: ZHIJI_ALLOW_DEMO is not 1 but the database has demo users \(admin@demo\.zhiji\)/,
    );
    await expect(refuseDemoUsersInProduction(users(null), e)).resolves.toBeUndefined();
    const demo = parseEnv({ ...safe(tmp()), ZHIJI_ALLOW_DEMO: "1" });
    await expect(refuseDemoUsersInProduction(users({ email: "admin@demo.zhiji" }), demo)).resolves.toBeUndefined();
  });
});
