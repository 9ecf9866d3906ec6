// Liveness and readiness of one portal process, for a load balancer or an orchestrator
// (GET /api/health, GET /api/ready; docs/deploy.md). Readiness checks that this instance can do
// its work: the database answers, every migration of prisma/migrations/<provider>/ is applied with
// the checksum of its file, the configured storage (lib/storage: local files, database or S3) takes a
// write and gives it back unchanged, and the signing key
// loads, is within its validity, and the keys held before load (docs/deploy.md#rotating-the-signing-key). The answer names each check and says ok or not, never a message, path or secret (the
// reason goes to the log). Each check is bounded by a timeout, and the whole answer is kept for a few
// seconds and shared by concurrent callers, so a burst of probes costs one round of checks.
import "server-only";
import crypto from "node:crypto";
import { db, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadMigrations } from "@/lib/db/migrate";
import { storage, type ObjectStore } from "@/lib/storage";
import { getPortalKeyring, getPortalSigningKey } from "@/lib/certificates/portal-key";
import { logFor } from "@/lib/log";

const opsLog = logFor("ops");

export const READY_CACHE_MS = 5_000;
export const CHECK_TIMEOUT_MS = 5_000;

export type CheckName = "database" | "migrations" | "storage" | "signingKey";
export type CheckResult = { ok: boolean; pending?: string[]; edited?: string[] };
export type Readiness = { status: "ok" | "failing"; failing: CheckName[]; checks: Record<CheckName, CheckResult> };

export type ReadinessDeps = {
  database: () => Db;
  provider: () => "sqlite" | "postgresql";
  storage: () => Promise<ObjectStore>;
  signingKey: () => Promise<unknown>;
  root: string;
};

const defaultDeps = (): ReadinessDeps => ({
  database: db,
  provider: () => (env().DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql"),
  storage,
  // The current key loads and its validity covers now (an expired key signs nothing), and the
  // keys held before (ZHIJI_SIGNING_KEYS_FILE) load: verification needs them.
  signingKey: async () => {
    await getPortalSigningKey();
    await getPortalKeyring();
  },
  root: process.cwd(),
});

function bounded<T>(name: CheckName, work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the ${name} check took longer than ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function checkMigrations(deps: ReadinessDeps): Promise<CheckResult> {
  const rows = await deps.database().$queryRawUnsafe<{ name: string; checksum: string }[]>('SELECT name, checksum FROM "_zhiji_migrations"');
  const applied = new Map(rows.map((r) => [r.name, r.checksum]));
  const expected = loadMigrations(deps.provider(), deps.root);
  const pending = expected.filter((m) => !applied.has(m.name)).map((m) => m.name);
  const edited = expected.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name);
  return pending.length || edited.length ? { ok: false, pending, edited } : { ok: true };
}

/** Writes a small object beside the evidence, reads it back through the SHA-256 check, and removes it. */
async function checkStorage(deps: ReadinessDeps): Promise<CheckResult> {
  const store = await deps.storage();
  const key = `evidence/.ready-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  try {
    await store.put(key, Buffer.from("ok"));
    const got = await store.get(key);
    for await (const chunk of got.stream) void chunk;
  } finally {
    await store.delete(key).catch(() => {});
  }
  return { ok: true };
}

/** Runs every check now (no cache). */
export async function checkReadiness(deps: ReadinessDeps = defaultDeps()): Promise<Readiness> {
  const run = async (name: CheckName, work: () => Promise<CheckResult>): Promise<[CheckName, CheckResult]> => {
    try {
      return [name, await bounded(name, work)];
    } catch (err) {
      opsLog.warn({ check: name, err }, "readiness check failed");
      return [name, { ok: false }];
    }
  };
  const database = await run("database", async () => {
    await deps.database().$queryRawUnsafe("SELECT 1");
    return { ok: true };
  });
  // Migrations are read from the database: without one they fail with it.
  const results = await Promise.all([
    database[1].ok ? run("migrations", () => checkMigrations(deps)) : Promise.resolve<[CheckName, CheckResult]>(["migrations", { ok: false }]),
    run("storage", () => checkStorage(deps)),
    run("signingKey", async () => {
      await deps.signingKey();
      return { ok: true };
    }),
  ]);
  const checks = Object.fromEntries([database, ...results]) as Record<CheckName, CheckResult>;
  const failing = (Object.keys(checks) as CheckName[]).filter((k) => !checks[k].ok);
  return { status: failing.length ? "failing" : "ok", failing, checks };
}

const g = globalThis as unknown as { zhijiReady?: { at: number; answer: Promise<Readiness> } };

/** The readiness answer, computed at most once per READY_CACHE_MS and shared by concurrent callers. */
export function readiness(now = Date.now(), deps?: ReadinessDeps): Promise<Readiness> {
  const kept = g.zhijiReady;
  if (kept && now - kept.at < READY_CACHE_MS) return kept.answer;
  const answer = checkReadiness(deps);
  g.zhijiReady = { at: now, answer };
  return answer;
}

/** Tests only. */
export function forgetReadiness() {
  g.zhijiReady = undefined;
}
