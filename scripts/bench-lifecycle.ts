// npm run bench:lifecycle — drives cases from draft to certified through the HTTP API of a running
// portal (demo data), several at once, and prints cases per second and the median and p95 of each
// request kind, beside a trivial route (GET /api/v1/me) measured in the same run.
// Usage: BASE_URL=http://localhost:3000 CASES=40 CONCURRENCY=4 npm run bench:lifecycle
// `npm run bench` runs it as its "lifecycle" section (runLifecycle).
import "../lib/outside-next";
import { sampleReport } from "../lib/grading/sample-results";
import { BASE, signIn, type Session } from "./bench-session";


function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95) };
}

export interface LifecycleResult {
  cases: number;
  concurrency: number;
  seconds: number;
  casesPerSecond: number;
  /** All API requests of the mix (creates, events, the lab report, the case read) per second. */
  requestsPerSecond: number;
  /** Events per second if the connections sent nothing but events at their measured mean latency. */
  eventsPerSecondEquivalent: number;
  kinds: { kind: string; n: number; median: number; p95: number; mean: number }[];
}

/**
 * Drives `cases` cases from draft to certified with `concurrency` at once (and, unless
 * `trivial` is false, GET /me in a loop beside them, as the old script printed it).
 */
export async function runLifecycle(opts: { cases?: number; concurrency?: number; trivial?: boolean } = {}): Promise<LifecycleResult> {
  const CASES = opts.cases ?? 40;
  const CONCURRENCY = opts.concurrency ?? 4;
  const timings = new Map<string, number[]>();
  async function timed<T>(kind: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const list = timings.get(kind) ?? [];
      list.push(performance.now() - t0);
      timings.set(kind, list);
    }
  }
  const [vendor, secretariat, lab, e1, e2, e3, ministry] = await Promise.all(
    ["vendor-a", "secretariat", "lab-1", "expert-1", "expert-2", "expert-3", "ministry-1"].map((u) => signIn(`${u}@demo.zhiji`)),
  );
  const labOrgId = (await lab.call("GET", "/me")).organization.id as string;
  const experts = await Promise.all([e1, e2, e3].map(async (s) => ({ s, id: (await s.call("GET", "/me")).id as string })));
  // A whole report envelope (docs/domain.md#lab-evidence) for the version applied for.
  const report = sampleReport("phone", "L2", "1.0");

  const event = (s: Session, id: string, version: number, type: string, payload: Record<string, unknown> = {}) =>
    timed(`POST events ${type}`, () => s.call("POST", `/cases/${id}/events`, { type, expectedVersion: version, ...payload }));

  async function oneCase(i: number) {
    let c = await timed("POST cases", () =>
      vendor.call("POST", "/cases", {
        schemeId: "phone",
        product: { name: "Bench phone", model: `BP-${Date.now()}-${i}`, softwareVersion: "1.0" },
        claimedLevel: "L2",
        application: { declarations: { accurate: true, samplesAvailable: true, acceptsRules: true } },
      }),
    );
    c = await event(vendor, c.id, c.version, "SUBMIT");
    c = await event(secretariat, c.id, c.version, "ACCEPT", { labId: labOrgId });
    await timed("PUT lab-report", () => lab.call("PUT", `/cases/${c.id}/lab-report`, report));
    c = await event(lab, c.id, c.version, "SUBMIT_REPORT");
    c = await event(secretariat, c.id, c.version, "ASSIGN_PANEL", { expertIds: experts.map((e) => e.id) });
    for (const e of experts) c = await event(e.s, c.id, c.version, "VOTE", { verdict: "approve", level: "L2", rationale: "bench" });
    c = await event(ministry, c.id, c.version, "AWARD", { level: "L2" });
    await timed("GET cases/{id}", () => vendor.call("GET", `/cases/${c.id}`));
  }

  // The trivial route, measured in the same run for comparison.
  const trivial = (async () => {
    if (opts.trivial === false) return;
    for (let i = 0; i < CASES * 2; i++) await timed("GET me (trivial)", () => vendor.call("GET", "/me"));
  })();

  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CASES) await oneCase(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await trivial;

  const kinds = [...timings.entries()].sort().map(([kind, values]) => ({ kind, ...stats(values), mean: values.reduce((a, b) => a + b, 0) / values.length }));
  const mix = kinds.filter((k) => k.kind !== "GET me (trivial)");
  const events = mix.filter((k) => k.kind.startsWith("POST events"));
  const eventMean = events.reduce((a, k) => a + k.mean * k.n, 0) / Math.max(1, events.reduce((a, k) => a + k.n, 0));
  return {
    cases: CASES,
    concurrency: CONCURRENCY,
    seconds,
    casesPerSecond: CASES / seconds,
    requestsPerSecond: mix.reduce((a, k) => a + k.n, 0) / seconds,
    eventsPerSecondEquivalent: (CONCURRENCY * 1000) / eventMean,
    kinds,
  };
}

async function main() {
  const r = await runLifecycle({ cases: Number(process.env.CASES ?? 40), concurrency: Number(process.env.CONCURRENCY ?? 4) });
  console.log(`\n${r.cases} cases draft → certified with ${r.concurrency} at once against ${BASE}`);
  console.log(`${r.casesPerSecond.toFixed(2)} cases/s (${r.seconds.toFixed(1)} s)\n`);
  console.log("request kind".padEnd(28) + "n".padStart(6) + "median ms".padStart(12) + "p95 ms".padStart(10));
  for (const s of r.kinds) {
    console.log(s.kind.padEnd(28) + String(s.n).padStart(6) + s.median.toFixed(1).padStart(12) + s.p95.toFixed(1).padStart(10));
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
