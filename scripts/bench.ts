// npm run bench — every performance figure of the portal in one run, each beside the reference it is
// judged against, measured in the same run (docs/performance.md): a static file of the build and
// the bare authenticated route GET /api/v1/me. Prints a table and writes bench/results.json.
//
// Without BASE_URL it starts the portal itself (`scripts/demo.ts --fresh`: a fresh SQLite database
// under data/bench, the build in ZHIJI_DIST_DIR or .next, built when the sources changed) on
// BENCH_PORT (default 3600) and stops it at the end. With BASE_URL it loads that portal (demo users
// needed) and reads the build's size figures from ZHIJI_DIST_DIR or .next when present.
//
// Sections (BENCH_ONLY=refs,lifecycle,public,door,certificates,dashboard,hostile,js to choose):
//   refs          static file and GET /api/v1/me under load (the references)
//   lifecycle     whole cases draft → certified over the API, 4 at once (scripts/bench-lifecycle.ts)
//   public        public pages and the public certificate JSON under load
//   door          SQL statements per event, in process (scripts/bench-door.ts)
//   certificates  certificate render + sign, in process (scripts/bench-certificates.ts)
//   dashboard     dashboard stats at 100k cases / 1M events (scripts/bench-dashboard.ts)
//   hostile       hostile uploads beside a plain request (scripts/bench-hostile.ts)
//   js            first-load JavaScript per route, gzip, from the build
// Knobs: BENCH_CONNECTIONS (10), BENCH_SECONDS (5), BENCH_CASES (20), BENCH_CERTIFICATES (200),
// BENCH_DASHBOARD_CASES (100000), BENCH_DASHBOARD_EVENTS (1000000), BENCH_HOSTILE_REPEAT (3).
import "../lib/outside-next";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import vm from "node:vm";
import { spawn, type ChildProcess } from "node:child_process";
import { load, type LoadResult } from "./bench-load";

const root = path.resolve(__dirname, "..");
const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const CONNECTIONS = num("BENCH_CONNECTIONS", 10);
const SECONDS = num("BENCH_SECONDS", 5);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;
const wants = (section: string) => !ONLY || ONLY.has(section);
const DIST = process.env.ZHIJI_DIST_DIR || ".next";
/** First-load JavaScript above this (gzip) is flagged (issue: ≤ 150 kB on every route). */
const JS_BUDGET = 150 * 1000;

interface Row {
  section: string;
  figure: string;
  value: number;
  unit: string;
  /** The reference measured in the same run, and the figure as a share of it. */
  reference?: { name: string; value: number; unit: string };
  ratio?: number;
  goal?: string;
  note?: string;
}

const rows: Row[] = [];
const details: Record<string, unknown> = {};
const row = (r: Row) => {
  rows.push(r);
  const ref = r.reference ? `   vs ${r.reference.name} ${fmt(r.reference.value)} ${r.reference.unit}${r.ratio !== undefined ? ` = ${(r.ratio * 100).toFixed(1)} %` : ""}` : "";
  console.log(`  ${r.figure.padEnd(52)} ${fmt(r.value).padStart(9)} ${r.unit.padEnd(8)}${ref}${r.goal ? `   (goal ${r.goal})` : ""}${r.note ? `  ${r.note}` : ""}`);
};
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

// ---------------------------------------------------------------------------------------------
// The portal
// ---------------------------------------------------------------------------------------------

async function waitFor(url: string, seconds: number) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`the portal did not answer at ${url} within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function startPortal(port: number): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/demo.ts"), "--fresh"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      ZHIJI_PUBLIC_URL: `http://localhost:${port}`,
      ZHIJI_DATA_DIR: path.join(root, "data/bench"),
      DATABASE_URL: `file:${path.join(root, "data/bench/zhiji.db")}`,
      ZHIJI_DIST_DIR: DIST,
    },
    detached: true,
  });
  return child;
}

// ---------------------------------------------------------------------------------------------
// First-load JavaScript per route (from the build's manifests)
// ---------------------------------------------------------------------------------------------

function gzipSize(file: string, cache: Map<string, number>): number {
  let n = cache.get(file);
  if (n === undefined) {
    n = fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : 0;
    cache.set(file, n);
  }
  return n;
}

/** Libraries the goal names, found in a chunk by a string of their own runtime. */
const JS_MARKERS: [string, string][] = [
  ["recharts", "recharts-surface"],
  ["zod", "$ZodType"],
  ["xstate", "xstate.init"],
];

/**
 * For each page of the app router: the build's root scripts (build-manifest.json rootMainFiles;
 * the polyfills, loaded only by old browsers, are left out) and the chunks the page's client
 * reference manifest names for its layouts, error and not-found boundaries and page
 * (entryJSFiles), gzip-compressed, summed once per file; and which of JS_MARKERS those chunks
 * carry. Chunks loaded with next/dynamic are not in entryJSFiles. Checked against served pages:
 * the chunks a page's HTML names are these (docs/performance.md, first-load JavaScript).
 */
function firstLoadJs(dist: string): { route: string; bytes: number; files: number; ships: string[] }[] {
  const dir = path.join(root, dist);
  const manifestFile = path.join(dir, "build-manifest.json");
  if (!fs.existsSync(manifestFile)) return [];
  const build = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { rootMainFiles?: string[]; polyfillFiles?: string[] };
  const rootFiles = [...(build.rootMainFiles ?? [])];
  const cache = new Map<string, number>();
  const carried = new Map<string, string[]>();
  const ships = (file: string) => {
    let found = carried.get(file);
    if (!found) {
      const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      found = JS_MARKERS.filter(([, marker]) => text.includes(marker)).map(([name]) => name);
      carried.set(file, found);
    }
    return found;
  };
  const out: { route: string; bytes: number; files: number; ships: string[] }[] = [];
  const appDir = path.join(dir, "server/app");
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name === "page_client-reference-manifest.js") {
        const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
        sandbox.globalThis = sandbox;
        vm.runInNewContext(fs.readFileSync(full, "utf8"), sandbox);
        for (const [route, m] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
          const files = new Set(rootFiles);
          for (const list of Object.values(m.entryJSFiles ?? {})) for (const f of list) if (f.endsWith(".js")) files.add(f);
          let bytes = 0;
          const libs = new Set<string>();
          for (const f of files) {
            const file = path.join(dir, f.replace(/^\/?_next\//, ""));
            bytes += gzipSize(file, cache);
            for (const lib of ships(file)) libs.add(lib);
          }
          out.push({ route: route.replace(/\/page$/, "") || "/", bytes, files: files.size, ships: [...libs] });
        }
      }
    }
  };
  if (fs.existsSync(appDir)) walk(appDir);
  return out.sort((a, b) => a.route.localeCompare(b.route));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = new Date();
  const load0 = os.loadavg();
  const port = num("BENCH_PORT", 3600);
  let portal: ChildProcess | null = null;
  if (!process.env.BASE_URL) process.env.BASE_URL = `http://localhost:${port}`;
  // bench-session reads BASE_URL when first imported: import it only now.
  const { BASE, signIn } = await import("./bench-session");
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", memoryGb: Math.round(os.totalmem() / 1e9), node: process.version, loadAverageAtStart: load0 };
  console.log(`Zhiji bench ${startedAt.toISOString()} — ${machine.cores} cores (${machine.cpu}), load average ${load0.map((l) => l.toFixed(1)).join(" ")}, node ${machine.node}`);

  const needsPortal = ["refs", "lifecycle", "public", "hostile"].some(wants);
  try {
    if (needsPortal && !process.env.BENCH_EXTERNAL && process.env.BASE_URL === `http://localhost:${port}`) {
      console.log(`Starting the portal on port ${port} (scripts/demo.ts --fresh, data/bench, build ${DIST}); a build can take minutes…`);
      portal = startPortal(port);
      await waitFor(`${BASE}/api/health`, 900);
    }

    let staticRef: LoadResult | null = null;
    let bare: LoadResult | null = null;
    let bare4: LoadResult | null = null;
    let vendor: Awaited<ReturnType<typeof signIn>> | null = null;
    if (needsPortal) {
      vendor = await signIn("vendor-a@demo.zhiji");
      const home = await (await fetch(`${BASE}/`)).text();
      const asset = home.match(/\/_next\/static\/[^"']+\.js/)?.[0];
      if (!asset) throw new Error("no static script found in the public home page");
      console.log(`\nReferences (${CONNECTIONS} connections, ${SECONDS} s each; static file ${asset})`);
      staticRef = await load(`${BASE}${asset}`, { connections: CONNECTIONS, seconds: SECONDS });
      row({ section: "refs", figure: "static file (build asset)", value: staticRef.rps, unit: "req/s", note: `p50 ${fmt(staticRef.p50)} ms, ${staticRef.tool}` });
      bare = await load(`${BASE}/api/v1/me`, { connections: CONNECTIONS, seconds: SECONDS, headers: { cookie: vendor.cookie } });
      row({ section: "refs", figure: "GET /api/v1/me (bare authenticated route)", value: bare.rps, unit: "req/s", note: `p50 ${fmt(bare.p50)} ms` });
      bare4 = await load(`${BASE}/api/v1/me`, { connections: 4, seconds: SECONDS, headers: { cookie: vendor.cookie } });
      row({ section: "refs", figure: "GET /api/v1/me, 4 connections", value: bare4.rps, unit: "req/s", note: `p50 ${fmt(bare4.p50)} ms` });
      details.refs = { static: staticRef, bare, bare4 };
    }

    if (wants("lifecycle") && bare4) {
      const { runLifecycle } = await import("./bench-lifecycle");
      const cases = num("BENCH_CASES", 20);
      console.log(`\nWhole cases draft → certified over the API (${cases} cases, 4 at once)`);
      const r = await runLifecycle({ cases, concurrency: 4, trivial: false });
      details.lifecycle = r;
      const me = { name: "GET /me at 4 conns", value: bare4.rps, unit: "req/s" };
      row({ section: "lifecycle", figure: "whole cases, 4 at once", value: r.casesPerSecond, unit: "cases/s", goal: "≥ 30" });
      row({ section: "lifecycle", figure: "events (4 / mean event latency)", value: r.eventsPerSecondEquivalent, unit: "req/s", reference: me, ratio: r.eventsPerSecondEquivalent / bare4.rps, goal: "≥ 60 %" });
      row({ section: "lifecycle", figure: "all requests of the mix", value: r.requestsPerSecond, unit: "req/s", reference: me, ratio: r.requestsPerSecond / bare4.rps });
      for (const k of r.kinds) row({ section: "lifecycle", figure: `  ${k.kind} p50 (p95 ${fmt(k.p95)})`, value: k.median, unit: "ms" });
    }

    if (wants("public") && staticRef && vendor) {
      // A certified case's public id: the registry lists it once the outbox has issued the PDF.
      let publicId: string | undefined;
      for (let i = 0; i < 60 && !publicId; i++) {
        publicId = (await (await fetch(`${BASE}/registry`)).text()).match(/\/verify\/([A-Za-z0-9_-]{10,})/)?.[1];
        if (!publicId) await new Promise((r) => setTimeout(r, 1000));
      }
      console.log(`\nPublic pages (${CONNECTIONS} connections, ${SECONDS} s each) vs the static file`);
      const ref = { name: "static", value: staticRef.rps, unit: "req/s" };
      const targets: [string, string][] = [
        ["public home /", "/"],
        ["/registry", "/registry"],
        ["/verify (upload form)", "/verify"],
        ...(publicId
          ? ([
              ["/verify/{publicId}", `/verify/${publicId}`],
              ["GET /api/v1/certificates/{publicId} (JSON)", `/api/v1/certificates/${publicId}`],
            ] as [string, string][])
          : []),
      ];
      const pub: Record<string, LoadResult> = {};
      // How the last answer was served: from the public page cache ("hit"), rendered ("miss"), or
      // not a cached kind ("-"); docs/decisions/0013-public-page-cache.md.
      const servedAs = async (p: string, headers: Record<string, string> = {}) => (await fetch(`${BASE}${p}`, { headers })).headers.get("x-zhiji-page-cache") ?? "-";
      for (const [name, p] of targets) {
        const r = await load(`${BASE}${p}`, { connections: CONNECTIONS, seconds: SECONDS });
        pub[name] = r;
        const how = await servedAs(p);
        row({ section: "public", figure: name, value: r.rps, unit: "req/s", reference: ref, ratio: r.rps / staticRef.rps, goal: name.startsWith("GET /api") ? undefined : "≥ 35 %", note: `p50 ${fmt(r.p50)} ms${r.errors ? `, ${r.errors} errors` : ""}, cache ${how}` });
      }
      // The same anonymous verify page rendered for every request: what each request would cost
      // without the cache. A request with a session cookie is never served a stored page; this
      // cookie is no session, so the page is rendered for an anonymous reader.
      if (publicId) {
        const p = `/verify/${publicId}`;
        const headers = { cookie: "next-auth.session-token=bench-not-a-session" };
        const name = "/verify/{publicId}, rendered every time";
        const r = await load(`${BASE}${p}`, { connections: CONNECTIONS, seconds: SECONDS, headers });
        pub[name] = r;
        row({ section: "public", figure: name, value: r.rps, unit: "req/s", reference: ref, ratio: r.rps / staticRef.rps, note: `p50 ${fmt(r.p50)} ms${r.errors ? `, ${r.errors} errors` : ""}, cache ${await servedAs(p, headers)}` });
      }
      if (!publicId) console.log("  (no certificate in the registry: the lifecycle section issues them; /verify/{publicId} skipped)");
      details.public = pub;
    }

    if (wants("hostile") && needsPortal) {
      const { runHostile } = await import("./bench-hostile");
      console.log("\nHostile uploads (each beside a plain GET /api/v1/schemes every 20 ms)");
      const r = await runHostile({ repeat: num("BENCH_HOSTILE_REPEAT", 3) });
      details.hostile = r;
      const ref = { name: "plain p50 idle", value: r.idleMedian, unit: "ms" };
      for (const h of r.rows) row({ section: "hostile", figure: `plain p50 during ${h.upload}`, value: h.plainMedian, unit: "ms", reference: ref, note: `answer ${h.answers} in ${fmt(h.median)} ms` });
    }

    if (portal?.pid) {
      process.kill(-portal.pid, "SIGTERM");
      portal = null;
    }

    if (wants("door")) {
      const { runDoor } = await import("./bench-door");
      console.log("\nThe door in process (SQLite): SQL statements per event");
      const r = await runDoor({ cases: num("BENCH_DOOR_CASES", 5) });
      details.door = r;
      row({ section: "door", figure: "SQL statements per event (whole-case mix)", value: r.statementsPerEvent, unit: "stmts", note: `median event ${fmt(r.medianEventMs)} ms in process` });
      for (const k of r.kinds) row({ section: "door", figure: `  ${k.kind}`, value: k.statements, unit: "stmts", note: `median ${fmt(k.medianMs)} ms` });
    }

    if (wants("certificates")) {
      const { benchRenderSign } = await import("./bench-certificates");
      const n = num("BENCH_CERTIFICATES", 200);
      console.log(`\nCertificate render + sign in process (${n} certificates)`);
      const r = await benchRenderSign(n);
      details.certificates = r;
      row({ section: "certificates", figure: "render + sign, median", value: r.median, unit: "ms", goal: "≤ 10", note: `render ${fmt(r.renderMedian)} + sign ${fmt(r.signMedian)}; CPU ${fmt(r.cpuMedian)} ms` });
      row({ section: "certificates", figure: "render + sign, p95", value: r.p95, unit: "ms", goal: "≤ 20" });
      row({ section: "certificates", figure: "certificates per second", value: r.perSecond, unit: "/s", note: `${Math.round(r.bytes / 1024)} KiB each` });
    }

    if (wants("dashboard")) {
      const { runDashboard } = await import("./bench-dashboard");
      const cases = num("BENCH_DASHBOARD_CASES", 100_000);
      const events = num("BENCH_DASHBOARD_EVENTS", 1_000_000);
      console.log(`\nDashboard at ${cases} cases / ${events} events (seeding takes a while)`);
      const r = await runDashboard({ cases, events, runs: num("BENCH_DASHBOARD_RUNS", 5), quiet: true });
      details.dashboard = r;
      process.stdout.write("\n");
      for (const t of r.timings) row({ section: "dashboard", figure: t.label.replace(/^stats function, /, "stats, "), value: t.p95, unit: "ms p95", goal: t.label.includes("stats") ? "≤ 300" : undefined, note: `median ${fmt(t.median)} ms, CPU ${fmt(t.cpuMedian)} ms` });
      for (const e of r.exports) row({ section: "dashboard", figure: `export ${e.format}`, value: e.eventsPerSecond, unit: "events/s", note: `${fmt(e.mbPerSecond)} MB/s` });
    }

    if (wants("js")) {
      const routes = firstLoadJs(DIST);
      details.js = routes;
      console.log(`\nFirst-load JavaScript per route, gzip (build ${DIST}; budget ${JS_BUDGET / 1000} kB)`);
      if (!routes.length) console.log(`  no build manifests in ${DIST}: build first (npm run build, or run without BASE_URL)`);
      for (const r of routes) row({ section: "js", figure: r.route, value: r.bytes / 1000, unit: "kB", note: `${r.files} files${r.ships.length ? `, ${r.ships.join(" ")}` : ""}${r.bytes > JS_BUDGET ? "  OVER 150 kB" : ""}` });
    }
  } finally {
    if (portal?.pid) process.kill(-portal.pid, "SIGTERM");
  }

  const out = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    base: process.env.BASE_URL,
    machine: { ...machine, loadAverageAtEnd: os.loadavg() },
    loadTool: (details.refs as { static?: LoadResult } | undefined)?.static?.tool ?? null,
    connections: CONNECTIONS,
    seconds: SECONDS,
    rows,
    details,
  };
  fs.mkdirSync(path.join(root, "bench"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench/results.json"), JSON.stringify(out, null, 2));
  console.log(`\n${machine.cores} cores; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}. Written bench/results.json.`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
