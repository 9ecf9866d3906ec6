// npm run bench:dashboard [-- --cases 100000 --events 1000000 --runs 7 --keep]
//
// Seeds a temporary SQLite database with a year-long pilot (default 100 000 cases and 1 000 000
// audit events, written with better-sqlite3 directly in large transactions), then measures:
// the dashboard's stats function, the stats API handler (GET /api/v1/pilots/{id}/stats, through
// its Bearer-token boundary), the explorer's pages, and the streamed export's throughput.
//
// About the seeded data: each case follows the lifecycle with randomised but realistic stage
// times (returns, withdrawals, retests, denials, awards that deviate from the panel), and the
// events form a VALID hash chain (hashes computed with chain.ts), numbered in time order across the
// whole pilot, so one case's events lie scattered through the table as they would in a real pilot;
// extra evidence events top the count up to exactly --events. Cases carry no XState snapshot and no
// certificates, panel-member rows or lab results: the dashboard, explorer and export read none.
// The events are written without the door, so the dashboard's projection (StatsFact) is then built
// from them in one statement (lib/audit/stats-projection.ts, the same SQL as its migration).
//
// Besides the stats (cold = cache cleared; first load after a new event = an event appended before
// each run, the case the cache cannot answer), it times the event scan the projection replaced (the
// "before" of docs/performance.md) and the chain verification of every event.
import "../lib/outside-next";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
let CASES = arg("cases", 100_000);
let EVENTS = arg("events", 1_000_000);
let RUNS = arg("runs", 7);
let KEEP = args.includes("--keep");

const DAY = 86_400_000;

// Deterministic pseudo-random numbers, so that two runs measure the same data.
let seed = 20260401;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
/** Log-normal duration around a median (ms), spread sigma. */
function duration(medianMs: number, sigma = 0.6) {
  const u1 = Math.max(rand(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rand());
  return Math.round(medianMs * Math.exp(sigma * z));
}

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00"); // Prisma's SQLite format
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p * s.length) / 100) - 1))];
  return { median: q(50), p95: q(95), min: s[0], max: s[s.length - 1] };
};
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

export interface DashboardResult {
  cases: number;
  events: number;
  seedSeconds: number;
  /** Per measurement: wall median and p95, CPU median (ms). */
  timings: { label: string; median: number; p95: number; cpuMedian: number; runs: number }[];
  exports: { format: string; eventsPerSecond: number; mbPerSecond: number }[];
}

/**
 * Seeds the pilot and measures; `npm run bench` runs it as its "dashboard" section. Restores the
 * process's DATABASE_URL and data folder afterwards.
 */
export async function runDashboard(opts: { cases?: number; events?: number; runs?: number; keep?: boolean; quiet?: boolean } = {}): Promise<DashboardResult> {
  CASES = opts.cases ?? CASES;
  EVENTS = opts.events ?? EVENTS;
  RUNS = opts.runs ?? RUNS;
  KEEP = opts.keep ?? KEEP;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, ZHIJI_DATA_DIR: process.env.ZHIJI_DATA_DIR, ZHIJI_WORKER: process.env.ZHIJI_WORKER };
  const log = opts.quiet ? () => {} : (line: string) => console.log(line);
  const result: DashboardResult = { cases: 0, events: 0, seedSeconds: 0, timings: [], exports: [] };
  try {
    await dashboard(log, result);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    (await import("../lib/env")).resetEnvCache();
  }
  return result;
}

async function dashboard(log: (line: string) => void, result: DashboardResult) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-bench-"));
  const file = path.join(dir, "bench.db");
  process.env.ZHIJI_DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${file}`;
  process.env.ZHIJI_WORKER = "0";
  log(`Temporary database: ${file}`);
  (await import("../lib/env")).resetEnvCache();

  const { migrate } = await import("../lib/db/migrate");
  const { db, disconnectDb } = await import("../lib/db");
  const { seedDemo } = await import("../prisma/seed/demo");
  const { hashEvent, canonicalJson } = await import("../lib/audit/chain");
  const { backfillSql } = await import("../lib/audit/stats-projection");
  const { tally } = await import("../workflows/review/tally");

  await migrate(process.env.DATABASE_URL);
  const { orgs, pilot } = await seedDemo(db());
  await db().pilot.update({ where: { id: pilot.id }, data: { stageLimits: JSON.stringify({ screening: 10, testing: 45, review: 20, decision: 10 }) } });
  const users = Object.fromEntries((await db().user.findMany()).map((u) => [u.email.split("@")[0], u]));
  const schemes = await db().schemeVersion.findMany({ where: { status: "published" } });
  await disconnectDb();

  // ---- seed -------------------------------------------------------------------------------
  // Each case's events are generated first, then the whole pilot's events are sorted by time and
  // numbered, so that (as in a real pilot) the events of one case lie scattered through the table.
  const t0 = Date.now();
  const sql = new Database(file);
  sql.pragma("journal_mode = WAL");
  sql.pragma("synchronous = OFF");
  sql.pragma("foreign_keys = OFF");
  const head0 = sql.prepare(`SELECT seq, hash FROM "AuditHead" WHERE id = 1`).get() as { seq: number; hash: string };

  const insProduct = sql.prepare(`INSERT INTO "Product" (id, organizationId, name, model, softwareVersion, category, modelInfo, createdAt) VALUES (?, ?, ?, ?, ?, ?, '{}', ?)`);
  const insCase = sql.prepare(`INSERT INTO "Case" (id, organizationId, productId, schemeVersionId, pilotId, createdById, claimedLevel, application, state, version, snapshot,
    labOrgId, labLevel, labProfile, recommendation, awardedLevel, validUntil, stateEnteredAt, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insEvent = sql.prepare(`INSERT INTO "AuditEvent" (seq, caseId, actorId, actorRole, type, payload, at, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insVote = sql.prepare(`INSERT INTO "Vote" (id, caseId, round, expertId, verdict, level, rationale, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insDecision = sql.prepare(`INSERT INTO "Decision" (id, caseId, type, level, justification, reason, decidedById, auditSeq, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  type Actor = { id: string; role: string };
  type Decision = { type: "AWARD" | "DENY"; level: string | null; justification: string | null; reason: string | null; by: string };
  type Pending = { at: number; caseId: string | null; actor: Actor | null; type: string; payload: unknown; decision?: Decision };
  const pending: Pending[] = [];
  const emit = (caseId: string | null, actor: Actor | null, type: string, payload: unknown, at: number, decision?: Decision) =>
    pending.push({ at, caseId, actor, type, payload, decision });

  const NOW = Date.now();
  const ELEMENTS = ["perception", "cognition", "execution", "memory", "learning"];
  const LEVELS = ["L1", "L2", "L3"] as const;
  const experts = ["expert-1", "expert-2", "expert-3", "expert-4"].map((e) => users[e]);
  const vendors = [users["vendor-a"], users["vendor-b"]];
  const evidencePerCase = Math.max(0, EVENTS / CASES - 10.5);
  const later = (at: number, medianMs: number, sigma?: number) => at + Math.max(60_000, duration(medianMs, sigma));

  function seedCase(i: number) {
    const id = `bench${i.toString(36).padStart(7, "0")}`;
    const scheme = pick(schemes);
    const vendor = pick(vendors);
    const labOrg = ["phone", "pc", "tv"].includes(scheme.category) && rand() < 0.4 ? orgs["Lab Two"] : orgs["Lab One"];
    const labUser = labOrg.id === orgs["Lab Two"].id ? users["lab-2"] : users["lab-1"];
    const ministry = pick([users["ministry-1"], users["ministry-2"]]);
    const created = NOW - Math.floor(rand() * 365 * DAY);
    insProduct.run(`p${id}`, vendor.organizationId, `Bench ${scheme.category}`, `BM-${i}`, "1.0", scheme.category, iso(created));

    let state = "draft";
    let version = 1;
    let at = created;
    let entered = created;
    let labLevel: string | null = null;
    let labProfile: string | null = null;
    let recommendation: string | null = null;
    let awardedLevel: string | null = null;
    let validUntil: number | null = null;
    let round = 0;
    emit(id, vendor, "CASE_CREATED", { to: "draft", version: 1, claimedLevel: "L3", pilotId: pilot.id }, at);

    /** Moves the case on at `when` unless that is in the future; false when the case stops here. */
    const step = (when: number, actor: Actor | null, type: string, to: string, extra: Record<string, unknown> = {}, decision?: Decision) => {
      if (when > NOW) return false;
      version++;
      emit(id, actor, type, { from: state, to, version, round, ...extra }, when, decision);
      if (to !== state) entered = when;
      state = to;
      at = when;
      return true;
    };
    const note = (when: number, actor: Actor, type: string, payload: unknown) => {
      if (when <= NOW) emit(id, actor, type, payload, when);
    };

    run: {
      if (!step(later(at, 2 * DAY), vendor, "SUBMIT", "screening")) break run;
      if (rand() < 0.06) {
        if (!step(later(at, 3 * DAY), users.secretariat, "RETURN", "draft", { reasons: ["Declaration missing"] })) break run;
        if (!step(later(at, 3 * DAY), vendor, "SUBMIT", "screening")) break run;
      }
      if (rand() < 0.03) {
        step(later(at, 4 * DAY), users.secretariat, "REJECT_APPLICATION", "rejected", { reason: "Out of scope" });
        break run;
      }
      if (rand() < 0.02) {
        step(later(at, 2 * DAY), vendor, "WITHDRAW", "withdrawn", {});
        break run;
      }
      if (!step(later(at, 4 * DAY), users.secretariat, "ACCEPT", "testing", { labId: labOrg.id })) break run;
      for (;;) {
        const reportAt = later(at, 25 * DAY, 0.7);
        const evidence = Math.round(evidencePerCase * (0.5 + rand()));
        for (let k = 0; k < evidence; k++) note(at + Math.floor(((reportAt - at) * (k + 1)) / (evidence + 2)), labUser, "EVIDENCE_ADDED", { name: `log-${k}.zip`, size: 1000 + k });
        const level = pick(LEVELS);
        const profile = Object.fromEntries(ELEMENTS.map((e) => [e, rand() < 0.1 ? null : LEVELS[Math.min(LEVELS.indexOf(level) + (rand() < 0.3 ? 1 : 0), 2)]]));
        note(at + Math.floor((reportAt - at) * 0.95), labUser, "LAB_REPORT_SAVED", { round: round + 1, level, profile });
        if (!step(reportAt, labUser, "SUBMIT_REPORT", "review.forming", { labLevel: level, labProfile: profile })) break run;
        labLevel = level;
        labProfile = JSON.stringify(profile);
        round++;
        const panel = [...experts].sort(() => rand() - 0.5).slice(0, 3);
        if (!step(later(at, 2 * DAY), users.secretariat, "ASSIGN_PANEL", "review.voting", { expertIds: panel.map((e) => e.id) })) break run;
        const votes: { verdict: "approve" | "reject" | "retest"; level: (typeof LEVELS)[number] | null }[] = [];
        const mood = rand();
        for (let v = 0; v < panel.length; v++) {
          const r = rand();
          const verdict = mood < 0.75 ? (r < 0.93 ? "approve" : "reject") : mood < 0.88 ? (r < 0.6 ? "retest" : "approve") : r < 0.7 ? "reject" : "approve";
          const vLevel = verdict === "approve" ? LEVELS[Math.max(0, LEVELS.indexOf(level) - (rand() < 0.2 ? 1 : 0))] : null;
          const rec = v === panel.length - 1 ? tally([...votes, { verdict, level: vLevel }], level) : null;
          const to = !rec ? "review.voting" : rec.verdict === "retest" ? "testing" : "decision";
          const when = later(at, 2 * DAY);
          if (!step(when, panel[v], "VOTE", to, { verdict, level: vLevel, rationale: `Bench rationale ${v}` })) break run;
          insVote.run(`v${id}-${round}-${v}`, id, round, panel[v].id, verdict, vLevel, `Bench rationale ${v}`, iso(when));
          votes.push({ verdict, level: vLevel });
          if (rec) recommendation = JSON.stringify(rec);
        }
        if (state === "testing") continue;
        break;
      }
      const rec = JSON.parse(recommendation!) as { verdict: string; level: string | null };
      const decideAt = later(at, 5 * DAY);
      if (rec.verdict === "approve" || rand() < 0.05) {
        const level = rand() < 0.05 || !rec.level ? "L1" : rec.level;
        const justification = level !== rec.level || level !== labLevel ? "Bench: evidence reviewed by the ministry" : null;
        const decision: Decision = { type: "AWARD", level, justification, reason: null, by: ministry.id };
        if (!step(decideAt, ministry, "AWARD", "certified", { level, ...(justification ? { justification } : {}) }, decision)) break run;
        awardedLevel = level;
        validUntil = decideAt + 3 * 365 * DAY;
        note(decideAt + 60_000, { id: "system", role: "system" }, "CERTIFICATE_ISSUED", { number: `AIT-BENCH-${i}` });
      } else {
        const reason = "Bench: below the claimed level";
        if (!step(decideAt, ministry, "DENY", "rejected", { reason }, { type: "DENY", level: null, justification: null, reason, by: ministry.id })) break run;
      }
    }
    insCase.run(id, vendor.organizationId, `p${id}`, scheme.id, pilot.id, vendor.id, "L3", state, version,
      state === "draft" || state === "screening" ? null : labOrg.id, labLevel, labProfile, recommendation, awardedLevel,
      validUntil ? iso(validUntil) : null, iso(entered), iso(created), iso(at));
    return id;
  }

  const ids: string[] = [];
  const caseBatch = sql.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) ids.push(seedCase(i));
  });
  for (let i = 0; i < CASES; i += 5000) {
    caseBatch(i, Math.min(CASES, i + 5000));
    process.stdout.write(`\rGenerating cases ${Math.min(CASES, i + 5000)}/${CASES}, events ${pending.length}   `);
  }
  for (let k = 0; pending.length < EVENTS; k++) {
    emit(pick(ids), users["lab-1"], "EVIDENCE_ADDED", { name: `extra-${k}.zip`, size: k }, NOW - Math.floor(rand() * 300 * DAY));
  }
  // Over the target: leave out events that move no case (evidence, saved drafts, certificate
  // notices) until the count is exact.
  const optional = new Set(["EVIDENCE_ADDED", "LAB_REPORT_SAVED", "CERTIFICATE_ISSUED"]);
  let surplus = pending.length - EVENTS;
  const events = surplus > 0 ? pending.filter((e) => !(surplus > 0 && optional.has(e.type) && surplus-- > 0)) : pending;
  if (events !== pending) pending.length = 0;
  events.sort((a, b) => a.at - b.at);

  let seq = head0.seq;
  let prev = head0.hash;
  const eventBatch = sql.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const e = events[k];
      seq++;
      const body = { seq, caseId: e.caseId, actorId: e.actor?.id ?? null, actorRole: e.actor?.role ?? "system", type: e.type, payload: e.payload, at: new Date(e.at).toISOString() };
      const hash = hashEvent(prev, body);
      insEvent.run(seq, e.caseId, body.actorId, body.actorRole, e.type, canonicalJson(e.payload), iso(e.at), prev, hash);
      if (e.decision) {
        const d = e.decision;
        insDecision.run(`d${e.caseId}`, e.caseId, d.type, d.level, d.justification, d.reason, d.by, seq, iso(e.at));
      }
      prev = hash;
    }
  });
  for (let k = 0; k < events.length; k += 20_000) {
    eventBatch(k, Math.min(events.length, k + 20_000));
    process.stdout.write(`\rWriting events ${Math.min(events.length, k + 20_000)}/${events.length}            `);
  }
  sql.prepare(`UPDATE "AuditHead" SET seq = ?, hash = ? WHERE id = 1`).run(seq, prev);
  events.length = 0;
  const p0 = Date.now();
  sql.exec(`DELETE FROM "StatsFact"; ${backfillSql("sqlite")}`);
  const facts = (sql.prepare(`SELECT COUNT(*) AS n FROM "StatsFact"`).get() as { n: number }).n;
  log(`\nProjection built from the events: ${facts} facts in ${((Date.now() - p0) / 1000).toFixed(1)} s`);
  sql.pragma("foreign_keys = ON");
  sql.exec("ANALYZE");
  sql.pragma("wal_checkpoint(TRUNCATE)");
  const counts = sql.prepare(`SELECT (SELECT COUNT(*) FROM "Case") AS cases, (SELECT COUNT(*) FROM "AuditEvent") AS events, (SELECT COUNT(*) FROM "Vote") AS votes`).get() as Record<string, number>;
  sql.close();
  result.cases = counts.cases;
  result.events = counts.events;
  result.seedSeconds = (Date.now() - t0) / 1000;
  log(`\nSeeded ${counts.cases} cases, ${counts.events} audit events, ${counts.votes} votes in ${((Date.now() - t0) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);

  // ---- measure ----------------------------------------------------------------------------
  const { getPilotStats } = await import("../lib/audit/get-pilot-stats");
  const { clearStatsCache } = await import("../lib/audit/stats-cache");
  const { listAuditEvents } = await import("../lib/audit/explorer/query");
  const { exportAudit } = await import("../lib/audit/export");
  const { hashToken } = await import("../lib/auth/session");
  const { GET: statsRoute } = await import("../app/api/v1/pilots/[id]/stats/route");
  const { appendAuditEvent, verifyAuditChain } = await import("../lib/audit/chain");
  const { eventFigures, appealRows } = await import("../lib/audit/load-stats");
  const m = await db().user.findUniqueOrThrow({ where: { email: "ministry-1@demo.zhiji" }, include: { organization: true } });
  const ministry = { id: m.id, email: m.email, name: m.name, role: "ministry" as const, organizationId: m.organizationId, organizationName: m.organization.name };
  const token = `zj_bench_${crypto.randomBytes(16).toString("hex")}`;
  await db().apiToken.create({ data: { userId: m.id, name: "bench", prefix: token.slice(0, 8), tokenHash: hashToken(token) } });

  /** Wall time (what a caller waits) and this process's CPU time (what the work costs, whatever else runs on the machine). */
  async function time(label: string, fn: () => Promise<unknown>, before?: () => unknown, runs = RUNS) {
    await before?.();
    await fn(); // warm-up: statement caches, page cache
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      await before?.();
      const c0 = process.cpuUsage();
      const s = performance.now();
      await fn();
      wall.push(performance.now() - s);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const w = stats(wall);
    const c = stats(cpu);
    result.timings.push({ label, median: w.median, p95: w.p95, cpuMedian: c.median, runs });
    log(`${label.padEnd(58)} median ${fmt(w.median).padStart(8)}  p95 ${fmt(w.p95).padStart(8)}   CPU median ${fmt(c.median).padStart(8)}  (${runs} runs)`);
  }

  log("");
  const s = await getPilotStats(ministry, pilot.id);
  log(
    `Figures: ${s.totalCases} cases; stage samples ${s.stageTimes.map((x) => `${x.stage} ${x.samples}`).join(", ")}; ` +
      `over limit ${s.overLimit.total}; closed panels ${s.panels.closed}; deviations ${s.deviations.total}`,
  );
  const cold = () => clearStatsCache();
  const quarter = { category: "phone", from: new Date(NOW - 120 * DAY).toISOString().slice(0, 10), to: new Date(NOW - 30 * DAY).toISOString().slice(0, 10) };
  const callApi = async () => {
    const res = await statsRoute(new Request(`http://bench/api/v1/pilots/${pilot.id}/stats`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ id: pilot.id }),
    });
    if (res.status !== 200) throw new Error(`stats API answered ${res.status}`);
    await res.text();
  };
  // A new event moves the audit head, so the next load cannot use the cached rows.
  const newEvent = () =>
    db().$transaction((tx) => appendAuditEvent(tx, { caseId: ids[0], actorId: users["lab-1"].id, actorRole: "lab", type: "EVIDENCE_ADDED", payload: { name: "bench.zip", size: 1 } }));
  await time("stats function, whole pilot, first load after a new event", () => getPilotStats(ministry, pilot.id), newEvent);
  // An event with facts, written as the door writes them (a testing pass and its report): the kept
  // sorted samples and counts take them in (lib/audit/stats-cache.ts). Synthetic, on one case.
  const probe = await db().case.findUniqueOrThrow({ where: { id: ids[1] }, include: { schemeVersion: true } });
  let probeMs = 0;
  const newFactEvent = () =>
    db().$transaction(async (tx) => {
      const e = await appendAuditEvent(tx, { caseId: probe.id, actorId: users["lab-1"].id, actorRole: "lab", type: "EVIDENCE_ADDED", payload: { name: "bench-fact.zip", size: 1 } });
      const base = { seq: e.seq, caseId: probe.id, pilotId: probe.pilotId, category: probe.schemeVersion.category, caseCreatedAt: probe.createdAt, labOrgId: probe.labOrgId };
      await tx.statsFact.createMany({ data: [{ ...base, kind: "stage", key: "testing", ms: BigInt(3 * DAY + ++probeMs) }, { ...base, kind: "report" }] });
    });
  await time("stats function, whole pilot, first load after an event with facts", () => getPilotStats(ministry, pilot.id), newFactEvent);
  await time("stats function, whole pilot, cold (cache cleared)", () => getPilotStats(ministry, pilot.id), cold);
  await time("stats function, whole pilot, head unchanged (cached rows)", () => getPilotStats(ministry, pilot.id));
  await time("stats function, phone cases of one quarter, cold", () => getPilotStats(ministry, pilot.id, quarter), cold);
  await time("GET /api/v1/pilots/{id}/stats, cold (handler + JSON body)", callApi, cold);
  await time("GET /api/v1/pilots/{id}/stats, head unchanged", callApi);
  await time("before: the event scan the projection replaced (whole pilot)", () =>
    Promise.all([eventFigures(db(), "sqlite", { pilotId: pilot.id }, true), appealRows(db(), { pilotId: pilot.id })]), undefined, Math.min(RUNS, 3));
  await time("chain verification of every event (driver read path)", async () => {
    const v = await verifyAuditChain(db(), { url: process.env.DATABASE_URL });
    if (!v.ok) throw new Error(`chain broken at ${v.brokenAt}: ${v.reason}`);
  }, undefined, Math.min(RUNS, 5));
  await time("explorer: newest page (50 events)", () => listAuditEvents(ministry, {}));
  await time("explorer: deep page (before seq 500000)", () => listAuditEvents(ministry, { before: "500000" }));
  await time("explorer: type VOTE, role expert", () => listAuditEvents(ministry, { type: "VOTE", role: "expert" }));

  for (const format of ["csv", "json"] as const) {
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const start = performance.now();
    const e = await exportAudit(ministry, { what: "events", format });
    const reader = e.stream.getReader();
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (let k = 0; k < value.length; k++) if (value[k] === 10) lines++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const secs = (performance.now() - start) / 1000;
    result.exports.push({ format, eventsPerSecond: counts.events / secs, mbPerSecond: bytes / 1e6 / secs });
    log(
      `export events ${format.toUpperCase().padEnd(4)} ${counts.events} events, ${(bytes / 1e6).toFixed(0)} MB in ${secs.toFixed(1)} s: ` +
        `${Math.round(counts.events / secs)} events/s, ${(bytes / 1e6 / secs).toFixed(1)} MB/s; RSS grew at most ${((peak - rss0) / 1e6).toFixed(0)} MB (${lines} lines)`,
    );
  }

  await disconnectDb();
  if (KEEP) log(`Kept ${file}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
  runDashboard().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
