// npx tsx scripts/bench-door.ts — what one event costs the door (lib/cases/apply-event.ts) in database
// statements: a temporary SQLite database, the demo users, and whole cases driven from draft to
// certified in this process with applyEvent (each event sends the version the previous one
// returned, as an API client does); every SQL statement the Prisma client sends to the driver
// (reads, writes, BEGIN/COMMIT) is counted per event type, with the event's time. A second run of
// as many cases sends each event as the API route does (sendEvent: the case read, the door, the
// case view answered), so `route` counts all the route costs except the session check.
// BENCH_DOOR_LOG=1 prints every statement under its event.
// `npm run bench` runs it as its "door" section (runDoor).
// Usage: BENCH_DOOR_CASES=5 npx tsx scripts/bench-door.ts
import "../lib/outside-next";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface DoorResult {
  cases: number;
  /** SQL statements per event (all event types of the mix). */
  statementsPerEvent: number;
  medianEventMs: number;
  /** Median CPU time of the process per event (user + system), less moved by other work on the machine than wall time. */
  medianEventCpuMs: number;
  kinds: Kind[];
  /** The same through sendEvent (what POST /api/v1/cases/{id}/events does after the session check). */
  route: { statementsPerEvent: number; medianEventMs: number; medianEventCpuMs: number; kinds: Kind[] };
  /** The route's work plus the outbox work each event sets off (notices, mails, the certificate), as the portal process does it. */
  withOutbox: { statementsPerEvent: number; medianEventMs: number; medianEventCpuMs: number; kinds: Kind[] };
}

type Kind = { kind: string; n: number; statements: number; medianMs: number; medianCpuMs: number };

type AnyFn = (...a: unknown[]) => unknown;

/** Wraps a Prisma driver adapter factory so that every statement sent (in or out of a transaction) calls `count`. */
function countingAdapter<T extends object>(factory: T, count: () => void): T {
  const wrapQueryable = <Q extends object>(q: Q): Q =>
    new Proxy(q, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== "function") return v;
        if (prop === "queryRaw" || prop === "executeRaw") {
          return (...a: unknown[]) => {
            count();
            if (process.env.BENCH_DOOR_LOG) console.log("  SQL", String((a[0] as { sql?: string })?.sql).slice(0, 160));
            return (v as AnyFn).apply(target, a);
          };
        }
        if (prop === "startTransaction") {
          return async (...a: unknown[]) => {
            const tx = (await (v as AnyFn).apply(target, a)) as object;
            count(); // BEGIN
            return wrapQueryable(tx);
          };
        }
        if (prop === "commit" || prop === "rollback") {
          return (...a: unknown[]) => {
            count();
            return (v as AnyFn).apply(target, a);
          };
        }
        return (v as AnyFn).bind(target);
      },
    });
  return new Proxy(factory, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === "connect" && typeof v === "function") return async () => wrapQueryable((await (v as AnyFn).apply(target)) as object);
      return typeof v === "function" ? (v as AnyFn).bind(target) : v;
    },
  });
}

export async function runDoor(opts: { cases?: number } = {}): Promise<DoorResult> {
  const CASES = opts.cases ?? 5;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-bench-door-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, ZHIJI_DATA_DIR: process.env.ZHIJI_DATA_DIR, ZHIJI_WORKER: process.env.ZHIJI_WORKER };
  Object.assign(process.env, { DATABASE_URL: url, ZHIJI_DATA_DIR: dir, ZHIJI_WORKER: "0" });
  const { resetEnvCache, sqliteFilePath } = await import("../lib/env");
  resetEnvCache();
  const { migrate } = await import("../lib/db/migrate");
  const { db, disconnectDb } = await import("../lib/db");
  const { PrismaClient } = await import("../lib/generated/sqlite/client");
  const { SqliteAdapter } = await import("../lib/db");
  await migrate(url);
  await disconnectDb();
  let statements = 0;
  const adapter = countingAdapter(new SqliteAdapter({ url: `file:${sqliteFilePath(url)}`, timeout: 15_000 }), () => statements++);
  // The process's one client (lib/db.ts keeps it on globalThis under this name), now counting.
  (globalThis as unknown as { zhijiDb?: { url: string; client: unknown } }).zhijiDb = { url, client: new PrismaClient({ adapter, errorFormat: "minimal" }) };
  try {
    const { seedWorld, COMPLETE_APPLICATION } = await import("../test/world");
    const { applyEvent } = await import("../lib/cases/apply-event");
    const { sendEvent } = await import("../lib/cases/send-event");
    const { createCase } = await import("../lib/cases/create-case");
    const { saveLabReport } = await import("../lib/cases/save-lab-report");
    const { sampleReport } = await import("../lib/grading/sample-results");
    const w = await seedWorld();
    const { users } = w;
    const experts = [users.expert1, users.expert2, users.expert3];
    type User = (typeof users)[keyof typeof users];
    type Send = (by: User, caseId: string, type: string, expectedVersion: number, payload: Record<string, unknown>) => Promise<{ id: string; version: number }>;
    const viaDoor: Send = async (by, caseId, type, expectedVersion, payload) =>
      (await applyEvent(by, { caseId, type: type as never, expectedVersion, payload })).case;
    const viaRoute: Send = (by, caseId, type, expectedVersion, payload) => sendEvent(by, caseId, { type, expectedVersion, ...payload });
    // What kickOutbox sets off after the route's answer, done here before the next event is sent.
    const { runOutboxOnce } = await import("../lib/outbox/worker");
    (await import("../lib/certificates/register")).registerCertificateJobs();
    (await import("../lib/mail/register")).registerMailJobs();
    const viaRouteAndOutbox: Send = async (by, caseId, type, expectedVersion, payload) => {
      const r = await viaRoute(by, caseId, type, expectedVersion, payload);
      while ((await runOutboxOnce()) > 0);
      return r;
    };

    async function drive(sendOne: Send) {
      const per = new Map<string, { statements: number; times: number[]; cpu: number[] }>();
      const measured = async <T>(kind: string, fn: () => Promise<T>): Promise<T> => {
        if (process.env.BENCH_DOOR_LOG) console.log(`--- ${kind}`);
        const s0 = statements;
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const r = await fn();
        const c1 = process.cpuUsage(c0);
        const e = per.get(kind) ?? { statements: 0, times: [], cpu: [] };
        e.statements += statements - s0;
        e.times.push(performance.now() - t0);
        e.cpu.push((c1.user + c1.system) / 1000);
        per.set(kind, e);
        return r;
      };
      for (let i = 0; i < CASES + 1; i++) {
        // The first case warms the statement caches and the machine; it is not counted.
        if (i === 1) per.clear();
        let c = (await createCase(users.vendorA, {
          schemeId: "phone",
          product: { name: "Bench phone", model: `BD-${i}-${Date.now()}`, softwareVersion: "1.0" },
          claimedLevel: "L2",
          application: COMPLETE_APPLICATION,
        })) as { id: string; version: number };
        const send = (by: User, type: string, payload: Record<string, unknown> = {}) =>
          measured(`event ${type}`, () => sendOne(by, c.id, type, c.version, payload));
        c = await send(users.vendorA, "SUBMIT");
        c = await send(users.secretariat, "ACCEPT", { labId: w.orgs["Lab One"].id });
        await saveLabReport(users.lab1, c.id, sampleReport("phone", "L2", "1.0"));
        // Saving the report may move the case's version; the API client reads it from the answer.
        c = { id: c.id, version: (await db().case.findUniqueOrThrow({ where: { id: c.id } })).version };
        c = await send(users.lab1, "SUBMIT_REPORT");
        c = await send(users.secretariat, "ASSIGN_PANEL", { expertIds: experts.map((e) => e.id) });
        for (const e of experts) c = await send(e, "VOTE", { verdict: "approve", level: "L2", rationale: "bench" });
        c = await send(users.ministry1, "AWARD", { level: "L2" });
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const kinds: Kind[] = [...per.entries()].map(([kind, e]) => ({
        kind,
        n: e.times.length,
        statements: e.statements / e.times.length,
        medianMs: median(e.times),
        medianCpuMs: median(e.cpu),
      }));
      const n = kinds.reduce((a, k) => a + k.n, 0);
      return {
        statementsPerEvent: kinds.reduce((a, k) => a + k.statements * k.n, 0) / n,
        medianEventMs: median([...per.values()].flatMap((e) => e.times)),
        medianEventCpuMs: median([...per.values()].flatMap((e) => e.cpu)),
        kinds,
      };
    }
    const door = await drive(viaDoor);
    const route = await drive(viaRoute);
    const withOutbox = await drive(viaRouteAndOutbox);
    return { cases: CASES, ...door, route, withOutbox };
  } finally {
    await disconnectDb();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runDoor({ cases: Number(process.env.BENCH_DOOR_CASES ?? 5) })
    .then((r) => {
      const table = (kinds: Kind[]) => {
        console.log("event".padEnd(28) + "n".padStart(5) + "statements".padStart(12) + "median ms".padStart(11) + "CPU ms".padStart(9));
        for (const k of kinds) console.log(k.kind.padEnd(28) + String(k.n).padStart(5) + k.statements.toFixed(1).padStart(12) + k.medianMs.toFixed(1).padStart(11) + k.medianCpuMs.toFixed(1).padStart(9));
      };
      console.log(`${r.cases} cases draft → certified in process (SQLite): ${r.statementsPerEvent.toFixed(1)} SQL statements per event, median event ${r.medianEventMs.toFixed(1)} ms (CPU ${r.medianEventCpuMs.toFixed(1)} ms)`);
      table(r.kinds);
      console.log(`\nThrough sendEvent (the route's work after the session check): ${r.route.statementsPerEvent.toFixed(1)} SQL statements per event, median event ${r.route.medianEventMs.toFixed(1)} ms (CPU ${r.route.medianEventCpuMs.toFixed(1)} ms)`);
      table(r.route.kinds);
      console.log(`\nThrough sendEvent, then the outbox work it sets off: ${r.withOutbox.statementsPerEvent.toFixed(1)} SQL statements per event, median event ${r.withOutbox.medianEventMs.toFixed(1)} ms (CPU ${r.withOutbox.medianEventCpuMs.toFixed(1)} ms)`);
      table(r.withOutbox.kinds);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
