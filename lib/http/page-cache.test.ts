// The public pages' cache in front of a stand-in renderer on a real HTTP server: what is served
// again, with a fresh nonce, and what is rendered every time (docs/decisions/0013-public-page-cache.md).
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cacheKey, createPageCache } from "./page-cache";

let head = 1;
let lapse: Date | null = null;
let clock = 1_000_000;
let renders = 0;
/** What the stand-in renderer answers; tests change it. */
let answer: { status: number; type: string; cookie?: string; body?: (nonce: string, n: number) => string } = { status: 200, type: "text/html; charset=utf-8" };

async function render(req: IncomingMessage, res: ServerResponse) {
  renders++;
  const n = renders;
  const nonce = `N${n}xYz0123456789abcdef==`;
  res.statusCode = answer.status;
  res.setHeader("content-type", answer.type);
  res.setHeader("content-security-policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("vary", "rsc, accept-encoding");
  if (answer.cookie) res.setHeader("set-cookie", answer.cookie);
  const body = answer.body?.(nonce, n) ?? `<html><body><script nonce="${nonce}">x</script><p>render ${n} of ${req.url} ${req.headers["accept-encoding"] ?? "plain"}</p><script nonce="${nonce}">y</script></body></html>`;
  // Streamed in parts, as Next does.
  await new Promise((r) => setTimeout(r, 5));
  res.write(body.slice(0, 20));
  await new Promise((r) => setTimeout(r, 5));
  res.end(Buffer.from(body.slice(20)));
}

const cache = createPageCache({ head: async () => head, nextLapse: async () => lapse, now: () => clock, maxAgeMs: 60_000 });
const server = http.createServer((req, res) => void cache.handle(req, res, render));
let base = "";

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  cache.clear();
  head = 1;
  lapse = null;
  renders = 0;
  answer = { status: 200, type: "text/html; charset=utf-8" };
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  return { res, body: await res.text(), how: res.headers.get("x-zhiji-page-cache") };
}

function nonceOf(res: Response) {
  return /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
}

describe("the public pages' cache", () => {
  it("renders a public page once, then serves it with a fresh nonce in the policy and the scripts", async () => {
    const a = await get("/verify/abc123", { "accept-language": "en" });
    const b = await get("/verify/abc123", { "accept-language": "en" });
    const c = await get("/verify/abc123", { "accept-language": "en" });
    expect([a.how, b.how, c.how]).toEqual(["miss", "hit", "hit"]);
    expect(renders).toBe(1);
    expect(b.body).toContain("render 1 of /verify/abc123 plain");
    const [na, nb, nc] = [nonceOf(a.res), nonceOf(b.res), nonceOf(c.res)];
    expect(new Set([na, nb, nc]).size).toBe(3);
    expect(b.body).toContain(`<script nonce="${nb}">x</script>`);
    expect(b.body).toContain(`<script nonce="${nb}">y</script>`);
    expect(b.body).not.toContain(na!);
    expect(b.res.headers.get("content-length")).toBe(String(Buffer.byteLength(b.body)));
    expect(b.res.headers.get("vary")).toBe("rsc, accept-encoding");
    expect(b.res.headers.get("x-request-id")).toBeTruthy();
  });

  it("keeps one page per language: the cookie first, then the browser's languages", async () => {
    await get("/registry", { "accept-language": "en" });
    await get("/registry", { "accept-language": "zh-CN,zh;q=0.9" });
    await get("/registry", { cookie: "NEXT_LOCALE=en", "accept-language": "zh-CN" });
    expect(renders).toBe(2);
    expect(cacheKey({ method: "GET", url: "/registry", headers: { cookie: "NEXT_LOCALE=en" } } as IncomingMessage)).toBe("en /registry");
    expect(cacheKey({ method: "GET", url: "/registry", headers: {} } as IncomingMessage)).toBe("zh-CN /registry");
  });

  it("renders again once anything is recorded (the chain's head moved)", async () => {
    await get("/verify/abc123");
    head = 2;
    const b = await get("/verify/abc123");
    const c = await get("/verify/abc123");
    expect([b.how, c.how]).toEqual(["miss", "hit"]);
    expect(c.body).toContain("render 2");
  });

  it("renders again when a certificate lapses, and after the longest age whatever happens", async () => {
    lapse = new Date(clock + 5_000);
    await get("/");
    clock += 4_999;
    expect((await get("/")).how).toBe("hit");
    clock += 1;
    lapse = null;
    expect((await get("/")).how).toBe("miss");
    clock += 59_999;
    expect((await get("/")).how).toBe("hit");
    clock += 1;
    expect((await get("/")).how).toBe("miss");
  });

  it("never serves a stored page to someone signed in, nor to Next's client navigation", async () => {
    await get("/registry");
    for (const headers of <Record<string, string>[]>[
      { cookie: "next-auth.session-token=abc" },
      { cookie: "a=b; __Secure-next-auth.session-token.0=abc" },
      { rsc: "1" },
      { "next-router-prefetch": "1" },
    ]) {
      expect((await get("/registry", headers)).how).toBeNull();
    }
    expect((await get("/registry?_rsc=x1")).how).toBeNull();
    expect(renders).toBe(6);
  });

  it("renders every time what is not a public page, not a GET, or too long an address", async () => {
    for (const path of ["/inbox", "/verify/abc/def", "/registry/x", "/complaints/ABC", `/registry?q=${"x".repeat(600)}`]) {
      expect((await get(path)).how).toBeNull();
    }
    const post = await fetch(base + "/registry", { method: "POST", body: "x" });
    expect(post.headers.get("x-zhiji-page-cache")).toBeNull();
    expect(renders).toBe(6);
  });

  it("does not keep an answer that is not 200 HTML, sets a cookie, or carries no nonce", async () => {
    for (const a of [
      { status: 404, type: "text/html" },
      { status: 200, type: "application/json" },
      { status: 200, type: "text/html", cookie: "NEXT_LOCALE=en" },
    ]) {
      answer = a;
      await get("/verify/nothere");
      await get("/verify/nothere");
    }
    expect(renders).toBe(6);
    expect(cache.size).toBe(0);
  });

  it("lets a burst of readers of the same page wait for one rendering", async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => get("/verify/burst")));
    expect(renders).toBe(1);
    expect(all.filter((r) => r.how === "miss")).toHaveLength(1);
    expect(new Set(all.map((r) => nonceOf(r.res))).size).toBe(20);
    for (const r of all) expect(r.body).toContain("render 1 of /verify/burst");
  });

  it("keeps a page with non-ASCII text whole across the parts it was written in", async () => {
    answer = { status: 200, type: "text/html", body: (nonce) => `<p>智级证书 ${"验证".repeat(30)}</p><script nonce="${nonce}"></script>` };
    const a = await get("/verify");
    const b = await get("/verify");
    expect(b.how).toBe("hit");
    expect(b.body.replace(nonceOf(b.res)!, "")).toBe(a.body.replace(nonceOf(a.res)!, ""));
  });
});
