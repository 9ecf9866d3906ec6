// The public pages' cache (docs/decisions/0013-public-page-cache.md). The public home, the registry,
// the verify form and a certificate's verify page are the same for every anonymous visitor who reads
// the same language, until something is recorded: every change they show (an award, a suspension, a
// revocation, a publication) appends an audit event, so the chain's head names the state they show.
// A page rendered once is served again, per locale and address, while the head has not moved and no
// certificate it might show has lapsed since (a lapse is a date, not an event). The head is read on
// every request, from the shared database, so a suspension shows on the very next request on every
// instance. Each answer carries a fresh script nonce: the cached page is kept split at its nonce.
//
// Not cached: anyone signed in (the header names them), other methods, Next's client navigation
// requests (RSC), answers other than 200 HTML, answers that set a cookie, long addresses.
import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { LOCALE_COOKIE, pickLocale } from "@/i18n/locale";
import { newNonce } from "@/lib/security-headers";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/http/request-id";

/** The pages served from the cache: `/`, `/registry`, `/verify`, `/verify/{publicId}`. */
const PUBLIC_PAGE = /^\/(?:registry|verify(?:\/[A-Za-z0-9_-]{1,64})?)?$/;
/** A longer address (a registry search with many filters) is rendered every time. */
const MAX_URL = 512;
/** Headers not replayed from the stored answer: each answer gets its own. */
const OWN_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", REQUEST_ID_HEADER]);
/** Next's client-side navigation asks for the page's data, not its HTML. */
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action"];

export type PageCacheOptions = {
  /** The audit chain's head (lib/audit/chain.ts): moves with every recorded change. */
  head: () => Promise<number>;
  /** The first moment after `now` at which a valid or suspended certificate lapses, if any. */
  nextLapse: (now: Date) => Promise<Date | null>;
  /** The memory the stored pages may take, in bytes (default 64 MB). */
  maxBytes?: number;
  /** A stored page is rendered again after this long at most, whatever happens (default 10 min). */
  maxAgeMs?: number;
  now?: () => number;
};

type Entry = {
  head: number;
  until: number;
  status: number;
  headers: [string, string][];
  /** The body split at the nonce it was rendered with; joined with a fresh one per answer. */
  parts: Buffer[];
  partsBytes: number;
  bytes: number;
};

type Render = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export type PageCache = {
  /** Serves `req` from the cache, or renders it with `render` (and keeps the page when it may). */
  handle(req: IncomingMessage, res: ServerResponse, render: Render): Promise<void>;
  clear(): void;
  readonly size: number;
};

export function createPageCache(opts: PageCacheOptions): PageCache {
  const now = opts.now ?? Date.now;
  const maxAgeMs = opts.maxAgeMs ?? 10 * 60_000;
  const entries = new LRUCache<string, Entry>({ maxSize: opts.maxBytes ?? 64 * 1024 * 1024, sizeCalculation: (e) => e.bytes });
  // Renders under way, per page and head: a burst of requests for the same page waits for one.
  const pending = new Map<string, Promise<Entry | null>>();

  async function handle(req: IncomingMessage, res: ServerResponse, render: Render) {
    const key = cacheKey(req);
    if (!key) return render(req, res);
    const head = await opts.head();
    const hit = entries.get(key);
    if (hit && hit.head === head && now() < hit.until) return serve(hit, req, res, "hit");
    const flight = `${head} ${key}`;
    const waiting = pending.get(flight);
    if (waiting) {
      const entry = await waiting;
      return entry ? serve(entry, req, res, "hit") : render(req, res);
    }
    const started = now();
    let done!: (e: Entry | null) => void;
    pending.set(flight, new Promise<Entry | null>((resolve) => (done = resolve)));
    try {
      const lapse = await opts.nextLapse(new Date(started));
      const until = Math.min(started + maxAgeMs, lapse ? lapse.getTime() : Infinity);
      const entry = await renderAndKeep(req, res, render, head, until);
      if (entry) entries.set(key, entry);
      done(entry);
    } catch (e) {
      done(null);
      throw e;
    } finally {
      pending.delete(flight);
    }
  }

  return {
    handle,
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}

/** The page and the reader's language, or null when this request is not served from the cache. */
export function cacheKey(req: IncomingMessage): string | null {
  if (req.method !== "GET" || !req.url || req.url.length > MAX_URL) return null;
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (!PUBLIC_PAGE.test(path)) return null;
  if (NAVIGATION_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  if (new URL(req.url, "http://x").searchParams.has("_rsc")) return null;
  const cookies = parseCookies(req.headers.cookie);
  // A session cookie: a signed-in page (even if the session turns out to be over, it is not cached).
  if ([...cookies.keys()].some((name) => name.includes("session-token"))) return null;
  const locale = pickLocale(cookies.get(LOCALE_COOKIE), headerText(req.headers["accept-language"]));
  return `${locale} ${req.url}`;
}

function headerText(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? v.join(",") : (v ?? null);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

const NONCE_IN_POLICY = /'nonce-([A-Za-z0-9+/=]+)'/;

/** Serves a stored page with a fresh nonce and request id. */
function serve(entry: Entry, req: IncomingMessage, res: ServerResponse, how: "hit") {
  const nonce = newNonce();
  // Bytes, not text: joining and sending a page of 150 kB as a string (UTF-8 encoded on every
  // answer) costs milliseconds; the stored buffers are sent as they are.
  const nonceBytes = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  entry.parts.forEach((part, i) => {
    if (i > 0) pieces.push(nonceBytes);
    pieces.push(part);
  });
  const length = entry.partsBytes + nonceBytes.length * (entry.parts.length - 1);
  res.statusCode = entry.status;
  for (const [name, value] of entry.headers) res.setHeader(name, value.split(NONCE_MARK).join(nonce));
  res.setHeader(REQUEST_ID_HEADER, requestIdFrom(headerText(req.headers[REQUEST_ID_HEADER]) ?? null));
  res.setHeader("x-zhiji-page-cache", how);
  res.setHeader("content-length", length);
  // The stored parts go out as they are, in one write of the socket (no copy into one buffer).
  res.cork();
  for (const piece of pieces) res.write(piece);
  res.end();
}

/** Stands for the nonce in stored header values. */
const NONCE_MARK = "\u0000nonce\u0000";

/**
 * Lets `render` answer the request as usual while keeping a copy of what it sends; returns the
 * entry when the answer may be served again: 200, HTML, no cookie set, a policy with a nonce.
 */
async function renderAndKeep(req: IncomingMessage, res: ServerResponse, render: Render, head: number, until: number): Promise<Entry | null> {
  // The stored copy must be plain text (the nonce is replaced in it); a reverse proxy compresses.
  delete req.headers["accept-encoding"];
  res.setHeader("x-zhiji-page-cache", "miss");
  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooBig = false;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    bytes += buf.length;
    if (bytes > MAX_PAGE_BYTES) tooBig = true;
    else chunks.push(Buffer.from(buf));
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  let finished!: () => void;
  const ended = new Promise<void>((resolve) => (finished = resolve));
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    finished();
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  res.once("close", () => finished());
  await render(req, res);
  await ended;
  res.write = write;
  res.end = end;
  if (tooBig || !res.writableFinished || res.statusCode !== 200) return null;
  if (!String(res.getHeader("content-type") ?? "").startsWith("text/html")) return null;
  if (res.getHeader("set-cookie") !== undefined || res.getHeader("content-encoding") !== undefined) return null;
  const policy = String(res.getHeader("content-security-policy") ?? "");
  const nonce = NONCE_IN_POLICY.exec(policy)?.[1];
  if (!nonce) return null;
  const html = Buffer.concat(chunks);
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || OWN_HEADERS.has(name)) continue;
    headers.push([name, (Array.isArray(value) ? value.join(", ") : String(value)).split(nonce).join(NONCE_MARK)]);
  }
  const parts = splitBytes(html, Buffer.from(nonce));
  return { head, until, status: 200, headers, parts, partsBytes: parts.reduce((n, p) => n + p.length, 0), bytes: html.length + 2048 };
}

/** A page larger than this is not kept (the largest public page is far smaller). */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

function splitBytes(buf: Buffer, sep: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (let at = buf.indexOf(sep, from); at >= 0; at = buf.indexOf(sep, from)) {
    out.push(buf.subarray(from, at));
    from = at + sep.length;
  }
  out.push(buf.subarray(from));
  return out;
}
