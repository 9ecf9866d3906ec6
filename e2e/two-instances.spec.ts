// Two portal instances on one PostgreSQL (docs/deploy.md#several-instances): whole cases driven
// with each request sent to the other instance, conflicting events through both at once, evidence
// uploaded through one and read through the other (stored in the database: ZHIJI_STORAGE_URL=database), and one instance SIGKILLed right after an
// award: exactly one certificate per award, and the audit chain intact.
// Runs when TEST_DATABASE_URL names a PostgreSQL server (CI sets it); it starts its own database
// and its own two servers from the build the suite's server uses.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { test, expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { apiLogin } from "./fixtures";
import { COMPLETE_APPLICATION, DISCLOSED_MODELS, USERS, correctByIn, resultsReaching, sampleEnvelope } from "./api-driver";

const SERVER = process.env.TEST_DATABASE_URL ?? "";
test.skip(!SERVER.startsWith("postgres"), "needs TEST_DATABASE_URL (a PostgreSQL server)");
test.describe.configure({ mode: "serial" });

const root = path.resolve(__dirname, "..");
const basePort = Number(process.env.E2E_PORT ?? 3210) + 100;
const ports = [basePort, basePort + 1];
const urls = ports.map((p) => `http://localhost:${p}`);
/** Both instances answer as one portal behind a proxy: one public address. */
const publicUrl = urls[0];
const dataDir = path.join(root, "data", `instances-${basePort}`);
const dbName = `zhiji_instances_${crypto.randomBytes(4).toString("hex")}`;
const dbUrl = (() => {
  const u = new URL(SERVER || "postgresql://x/none");
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const secret = crypto.randomBytes(32).toString("hex");
const servers: (ChildProcess | null)[] = [null, null];
const logs: string[][] = [[], []];

function start(i: number) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(ports[i]),
      DATABASE_URL: dbUrl,
      ZHIJI_DATA_DIR: dataDir,
      ZHIJI_SESSION_SECRET: secret,
      ZHIJI_PUBLIC_URL: publicUrl,
      ZHIJI_ALLOW_DEMO: "1",
      // Evidence in the shared database, not on a shared disk (docs/deploy.md#storage).
      ZHIJI_STORAGE_URL: "database",
      // A job claimed by a killed instance is claimed again after 3 s instead of 2 minutes.
      ZHIJI_OUTBOX_STALE_MS: "3000",
      LOG_LEVEL: "warn",
    },
  });
  const keep = (b: Buffer) => logs[i].push(b.toString());
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  servers[i] = child;
}

async function ready(i: number) {
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(`${urls[i]}/api/ready`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`instance ${i} not ready:\n${logs[i].join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  // Migrate and seed the demo data into the shared database, as `npm run demo` does.
  const seed = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts", "--fresh", "--seed-only"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, ZHIJI_DATA_DIR: dataDir, ZHIJI_SESSION_SECRET: secret },
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stdout}\n${seed.stderr}`);
  // One after the other: the first makes the development signing keys under the shared data folder.
  start(0);
  await ready(0);
  start(1);
  await ready(1);
});

test.afterAll(async () => {
  for (const s of servers) s?.kill("SIGKILL");
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One person's API session; every call names the instance it goes to. */
class Person {
  private constructor(readonly ctx: APIRequestContext, readonly email: string) {}
  static async open(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, email: string) {
    const ctx = await playwright.request.newContext({ baseURL: publicUrl, extraHTTPHeaders: { origin: publicUrl } });
    const login = await apiLogin(ctx, email);
    if (!login.ok) throw new Error(`${email} could not sign in (${login.status})`);
    return new Person(ctx, email);
  }
  get(i: number, p: string) {
    return this.ctx.get(`${urls[i]}${p}`);
  }
  post(i: number, p: string, data: unknown) {
    return this.ctx.post(`${urls[i]}${p}`, { data });
  }
  put(i: number, p: string, data: unknown) {
    return this.ctx.put(`${urls[i]}${p}`, { data });
  }
  async json<T>(r: APIResponse, what: string): Promise<T> {
    if (!r.ok()) throw new Error(`${what} as ${this.email}: HTTP ${r.status()} ${await r.text()}`);
    return (await r.json()) as T;
  }
  async version(i: number, id: string) {
    return (await this.json<{ version: number }>(await this.get(i, `/api/v1/cases/${id}`), "GET case")).version;
  }
  /** An event with the version just read, both through instance `i`. */
  async event(i: number, id: string, type: string, payload: Record<string, unknown> = {}) {
    const expectedVersion = await this.version(i, id);
    return this.json<{ state: string; version: number }>(await this.post(i, `/api/v1/cases/${id}/events`, { type, expectedVersion, ...payload }), type);
  }
}

type Cast = { vendor: Person; secretariat: Person; lab: Person; experts: Person[]; ministry: Person };
let cast: Cast;

test.beforeAll(async ({ playwright }) => {
  cast = {
    vendor: await Person.open(playwright, USERS.vendor),
    secretariat: await Person.open(playwright, USERS.secretariat),
    lab: await Person.open(playwright, USERS.lab),
    experts: await Promise.all(USERS.experts.map((e) => Person.open(playwright, e))),
    ministry: await Person.open(playwright, USERS.ministry),
  };
});

/** Drives a new case to `decision`; request n goes to instance (start + n) % 2. */
async function toDecision(start: number, label: string) {
  let n = start;
  const next = () => n++ % 2;
  const { vendor, secretariat, lab, experts } = cast;
  const product = { name: `Two-instance ${label}`, model: `TI-${label}-${crypto.randomBytes(3).toString("hex")}`, softwareVersion: "1.0.0", models: DISCLOSED_MODELS };
  const created = await vendor.json<{ id: string }>(
    await vendor.post(next(), "/api/v1/cases", { schemeId: "phone", schemeVersion: "2026.1", product, claimedLevel: "L2", application: COMPLETE_APPLICATION }),
    "create case",
  );
  const id = created.id;
  await vendor.event(next(), id, "SUBMIT");
  const labOrg = (await lab.json<{ organization: { id: string } }>(await lab.get(next(), "/api/v1/me"), "me")).organization.id;
  await secretariat.event(next(), id, "ACCEPT", { labId: labOrg });
  await lab.json(await lab.put(next(), `/api/v1/cases/${id}/lab-report`, { ...sampleEnvelope(product.softwareVersion), results: resultsReaching("phone", "L2") }), "lab report");
  await lab.event(next(), id, "SUBMIT_REPORT");
  const expertIds = await Promise.all(experts.map(async (e) => (await e.json<{ id: string }>(await e.get(next(), "/api/v1/me"), "me")).id));
  await secretariat.event(next(), id, "ASSIGN_PANEL", { expertIds });
  for (const e of experts) await e.event(next(), id, "VOTE", { verdict: "approve", level: "L2", rationale: "Measurements support L2" });
  return { id, n };
}

async function certificateOf(i: number, id: string, timeoutMs = 30_000) {
  let publicId: string | null = null;
  await expect
    .poll(async () => {
      const c = await cast.vendor.json<{ certificate: { publicId: string } | null }>(await cast.vendor.get(i, `/api/v1/cases/${id}`), "GET case");
      publicId = c.certificate?.publicId ?? null;
      return publicId;
    }, { timeout: timeoutMs, intervals: [250, 500, 1000] })
    .not.toBeNull();
  return publicId!;
}

test("whole cases alternate between the instances; a certificate issued by one verifies through the other", async () => {
  test.setTimeout(180_000);
  for (const start of [0, 1]) {
    const { id, n } = await toDecision(start, `whole-${start}`);
    await cast.ministry.event(n % 2, id, "AWARD", { level: "L2" });
    const publicId = await certificateOf((n + 1) % 2, id);
    const pdfs = await Promise.all([0, 1].map(async (i) => (await cast.vendor.get(i, `/api/v1/certificates/${publicId}/pdf`)).body()));
    expect(pdfs[0].equals(pdfs[1])).toBe(true);
    for (const i of [0, 1]) {
      const r = await cast.vendor.ctx.post(`${urls[i]}/api/v1/verify`, { data: pdfs[0], headers: { "content-type": "application/pdf" } });
      expect(r.status()).toBe(200);
      expect(await r.json()).toMatchObject({ valid: true, certificate: { status: "valid" } });
    }
    expect(await sql(`SELECT count(*)::int AS n FROM "Certificate" WHERE "caseId" = $1`, [id])).toEqual([{ n: 1 }]);
  }
});

test("a suspension recorded through one instance shows on the other's cached verify page at the very next request", async ({ playwright }) => {
  test.setTimeout(180_000);
  const { id, n } = await toDecision(0, "page-cache");
  await cast.ministry.event(n % 2, id, "AWARD", { level: "L2" });
  const publicId = await certificateOf(1, id);
  // An anonymous reader of instance 1 (docs/decisions/0013-public-page-cache.md).
  const reader = await playwright.request.newContext({ extraHTTPHeaders: { "accept-language": "en" } });
  try {
    const read = async () => {
      const r = await reader.get(`${urls[1]}/verify/${publicId}`);
      expect(r.status()).toBe(200);
      const status = /data-testid="certificate-banner"[^>]*data-status="([a-z]+)"|data-status="([a-z]+)"[^>]*data-testid="certificate-banner"/.exec(await r.text());
      return { cache: r.headers()["x-zhiji-page-cache"], status: status?.[1] ?? status?.[2] };
    };
    await expect.poll(async () => (await read()).cache, { timeout: 30_000 }).toBe("hit");
    expect((await read()).status).toBe("valid");
    await cast.ministry.event(0, id, "SUSPEND", { reason: "E2E: suspended through the other instance", correctBy: correctByIn(30) });
    expect(await read()).toEqual({ cache: "miss", status: "suspended" });
    await expect.poll(async () => (await read()).cache, { timeout: 30_000 }).toBe("hit");
    expect((await read()).status).toBe("suspended");
  } finally {
    await reader.dispose();
  }
});

test("the same event sent through both instances at once is taken once; the other is a 409", async () => {
  const { vendor, secretariat, lab } = cast;
  const created = await vendor.json<{ id: string }>(
    await vendor.post(0, "/api/v1/cases", {
      schemeId: "phone", schemeVersion: "2026.1", claimedLevel: "L2", application: COMPLETE_APPLICATION,
      product: { name: "Two-instance race", model: `TI-RACE-${crypto.randomBytes(3).toString("hex")}`, softwareVersion: "1.0.0", models: DISCLOSED_MODELS },
    }),
    "create case",
  );
  const id = created.id;
  await vendor.event(1, id, "SUBMIT");
  const labOrg = (await lab.json<{ organization: { id: string } }>(await lab.get(0, "/api/v1/me"), "me")).organization.id;
  for (let round = 0; round < 3; round++) {
    const expectedVersion = await secretariat.version(round % 2, id);
    // Round 0: both accept. Later rounds: both send an event the state no longer takes, or a stale version.
    const answers = await Promise.all([0, 1].map((i) => secretariat.post(i, `/api/v1/cases/${id}/events`, { type: "ACCEPT", expectedVersion, labId: labOrg })));
    const statuses = answers.map((a) => a.status()).sort();
    if (round === 0) expect(statuses).toEqual([200, 409]);
    else expect(statuses).toEqual([409, 409]);
  }
  const accepts = await sql(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "caseId" = $1 AND "type" = 'ACCEPT'`, [id]);
  expect(accepts).toEqual([{ n: 1 }]);

  // Evidence uploaded through one instance is read, byte for byte, through the other.
  const bytes = Buffer.from(`%PDF-1.4\n% two-instance evidence ${crypto.randomBytes(8).toString("hex")}\n%%EOF\n`);
  const up = await lab.json<{ id: string; sha256: string }>(
    await lab.ctx.post(`${urls[0]}/api/v1/cases/${id}/evidence`, { multipart: { file: { name: "report.pdf", mimeType: "application/pdf", buffer: bytes } } }),
    "evidence",
  );
  const down = await lab.get(1, `/api/v1/cases/${id}/evidence/${up.id}`);
  expect(down.status()).toBe(200);
  expect((await down.body()).equals(bytes)).toBe(true);
  expect(up.sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
  // It crossed through the database: stored there with its hash, and nowhere in the data folder.
  const stored = await sql(`SELECT "size", "sha256" FROM "StoredObject" WHERE "key" LIKE $1`, [`evidence/${id}/%`]);
  expect(stored).toEqual([{ size: bytes.length, sha256: up.sha256 }]);
  expect(fs.existsSync(path.join(dataDir, "evidence", id))).toBe(false);
});

test("an instance killed right after an award: the other issues exactly one certificate, and the chain verifies", async () => {
  test.setTimeout(180_000);
  const { id } = await toDecision(1, "killed");
  // The award goes to instance 0, whose worker starts issuing at once; it is killed as soon as the
  // award is answered (before, during or after its signing: each must end with one certificate).
  await cast.ministry.event(0, id, "AWARD", { level: "L2" });
  servers[0]!.kill("SIGKILL");
  const publicId = await certificateOf(1, id, 60_000);
  expect(publicId).toBeTruthy();
  // Give a late duplicate every chance to appear: two more stale periods on the surviving worker.
  await new Promise((r) => setTimeout(r, 7_000));
  expect(await sql(`SELECT count(*)::int AS n FROM "Certificate" WHERE "caseId" = $1`, [id])).toEqual([{ n: 1 }]);
  const jobs = await sql<{ status: string }>(`SELECT "status" FROM "OutboxJob" WHERE "payload" LIKE $1 AND "kind" = 'issue-certificate'`, [`%${id}%`]);
  expect(jobs.map((j) => j.status)).toEqual(["done"]);

  // The killed instance comes back and sees the same world.
  start(0);
  await ready(0);
  const verify = await cast.ministry.json<{ ok: boolean; count: number }>(await cast.ministry.get(0, "/api/v1/audit/verify"), "audit verify");
  expect(verify.ok).toBe(true);
  const again = await cast.ministry.json<{ ok: boolean; count: number }>(await cast.ministry.get(1, "/api/v1/audit/verify"), "audit verify");
  expect(again.ok).toBe(true);
  expect(again.count).toBeGreaterThanOrEqual(verify.count);
});
