// The benchmarks' load generator: a fixed number of keep-alive connections, each sending the next
// request as soon as the previous answer is read, for a fixed time. It uses autocannon when the
// package is installed (docs/performance.md#load) and otherwise this small loop over node:http,
// which measures the same thing (requests per second and latency at N connections) at a lower
// ceiling: on this 2-core machine the loop itself costs a share of a core.
import http from "node:http";
import https from "node:https";

export interface LoadResult {
  url: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Answers other than 2xx (and connection errors). */
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  tool: "autocannon" | "node:http";
}

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  headers?: Record<string, string>;
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);

type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { total: number }; latency: { p50: number; p97_5: number; p99: number }; non2xx: number; errors: number; duration: number }>;

function autocannon(): Autocannon | null {
  if (process.env.BENCH_LOAD_TOOL === "node") return null;
  try {
    // Optional: not a dependency of the portal (docs/performance.md#load).
    return require("autocannon") as Autocannon;
  } catch {
    return null;
  }
}

/** Loads `url` with `connections` connections for `seconds` seconds (after a one-second warm-up). */
export async function load(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const connections = opts.connections ?? 10;
  const seconds = opts.seconds ?? 5;
  const headers = opts.headers ?? {};
  const ac = autocannon();
  if (ac) {
    await ac({ url, connections, duration: 1, headers });
    const r = await ac({ url, connections, duration: seconds, headers });
    return {
      url,
      connections,
      seconds: r.duration,
      requests: r.requests.total,
      errors: r.non2xx + r.errors,
      rps: r.requests.total / r.duration,
      p50: r.latency.p50,
      // autocannon reports p97.5, not p95: the nearer of its quantiles above p95.
      p95: r.latency.p97_5,
      tool: "autocannon",
    };
  }
  await nodeLoad(url, connections, 1, headers);
  return nodeLoad(url, connections, seconds, headers);
}

async function nodeLoad(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  const u = new URL(url);
  const lib = u.protocol === "https:" ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = lib.request(u, { method: "GET", agent, headers }, (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          latencies.push(performance.now() - t0);
          if (!res.statusCode || res.statusCode >= 300) errors++;
          resolve();
        });
        res.on("error", () => {
          errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const took = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { url, connections, seconds: took, requests: sorted.length, errors, rps: sorted.length / took, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), tool: "node:http" };
}
