import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createStore, storage } from "@/lib/storage";
import { getPortalSigningKey } from "@/lib/certificates/portal-key";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { checkReadiness, forgetReadiness, readiness, type ReadinessDeps } from "./readiness";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

let t: TestDatabase;
let deps: ReadinessDeps;
beforeAll(async () => {
  t = await useFreshDatabase();
  deps = {
    database: db,
    provider: () => t.provider,
    storage,
    signingKey: getPortalSigningKey,
    root: process.cwd(),
  };
  // The first load generates the development keys (seconds); production loads them from files.
  await getPortalSigningKey();
  await db().user.count();
}, 120_000);
afterAll(async () => t?.drop());
beforeEach(() => forgetReadiness());

describe(`health and readiness (${DB})`, () => {
  it("GET /api/health: 200 {status: ok}, not cached", async () => {
    const res = health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /api/ready on a migrated database with storage and a key: 200 with every check ok", async () => {
    const res = await ready();
    const body = await res.json();
    expect(body).toEqual({
      status: "ok",
      failing: [],
      checks: { database: { ok: true }, migrations: { ok: true }, storage: { ok: true }, signingKey: { ok: true } },
    });
    expect(res.status).toBe(200);
    // The storage probe (the default local transport) leaves nothing behind.
    expect(fs.readdirSync(path.join(env().dataDir, "evidence")).filter((f) => f.startsWith(".ready-"))).toEqual([]);
  });

  it("a migration not yet applied, an unwritable data directory and a key that does not load: 503 naming each, with no message or path", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-ready-"));
    fs.cpSync(path.join(process.cwd(), "prisma/migrations", t.provider), path.join(root, "prisma/migrations", t.provider), { recursive: true });
    fs.mkdirSync(path.join(root, "prisma/migrations", t.provider, "29991231000000_future"));
    fs.writeFileSync(path.join(root, "prisma/migrations", t.provider, "29991231000000_future/migration.sql"), "SELECT 1;");
    const notADir = path.join(root, "a-file");
    fs.writeFileSync(notADir, "");
    const r = await checkReadiness({
      ...deps,
      root,
      storage: () => createStore({ transport: "local", root: notADir }),
      signingKey: () => Promise.reject(new Error("mac verify failure: secret passphrase hunter2")),
    });
    expect(r.status).toBe("failing");
    expect(r.failing).toEqual(["migrations", "storage", "signingKey"]);
    expect(r.checks.migrations).toEqual({ ok: false, pending: ["29991231000000_future"], edited: [] });
    expect(r.checks.database).toEqual({ ok: true });
    const text = JSON.stringify(r);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain(root);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("an edited migration file fails the check by name", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-ready-"));
    const dir = path.join(root, "prisma/migrations", t.provider);
    fs.cpSync(path.join(process.cwd(), "prisma/migrations", t.provider), dir, { recursive: true });
    const first = fs.readdirSync(dir).sort()[0];
    fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited\n");
    const r = await checkReadiness({ ...deps, root });
    expect(r.checks.migrations).toEqual({ ok: false, pending: [], edited: [first] });
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("the storage check writes and reads back through the configured transport (database here), leaving nothing", async () => {
    const r = await checkReadiness({ ...deps, storage: () => createStore({ transport: "database" }) });
    expect(r.checks.storage).toEqual({ ok: true });
    expect(await db().storedObject.count()).toBe(0);
  });

  it("no database: 503 with database and migrations failing", async () => {
    const r = await checkReadiness({ ...deps, database: () => ({ $queryRawUnsafe: () => Promise.reject(new Error("ECONNREFUSED")) }) as never });
    expect(r.failing).toEqual(["database", "migrations"]);
  });

  it("a check that hangs is cut off by its timeout; the answer is cached and shared for a few seconds", async () => {
    let calls = 0;
    const slow: ReadinessDeps = {
      ...deps,
      signingKey: () => {
        calls++;
        return new Promise(() => {});
      },
    };
    const t0 = Date.now();
    const [a, b] = await Promise.all([readiness(1_000_000, slow), readiness(1_000_001, slow)]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(a).toBe(b);
    expect(a.failing).toEqual(["signingKey"]);
    await readiness(1_004_000, slow);
    expect(calls).toBe(1);
    await readiness(1_006_000, { ...slow, signingKey: async () => ((calls++), undefined) });
    expect(calls).toBe(2);
  });
});
