// Every request body the portal reads goes through here, with a hard limit per kind of request.
// Bytes are counted as they arrive: the read stops and answers 413 PAYLOAD_TOO_LARGE (details
// `{ limit }`) as soon as one byte more than the limit has come in, whatever Content-Length claims,
// so an oversized body is never held in memory. A declared Content-Length above the limit is
// refused before reading at all. Refusals happen before anything is changed.
//
// JSON bodies are also checked for shape before any schema walks them: valid UTF-8, nesting at
// most MAX_JSON_DEPTH, no `__proto__` / `constructor` / `prototype` keys, and no string with a NUL
// character or a lone surrogate (PostgreSQL cannot store the first, and the second is not text).
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { AppError } from "@/lib/errors";

const KB = 1024;
const MB = 1024 * KB;

/** The body limits, in bytes (see docs/security.md). */
export const BODY_LIMITS = {
  /** Any JSON body of /api/v1 (cases, events, findings, stage limits …); the largest real one is a few KB. */
  json: 256 * KB,
  /** A lab report, CSV or JSON: a few hundred rows of `item,value,unit` is under 50 KB. */
  labReport: 2 * MB,
  /** A certificate PDF sent to POST /verify: the portal's certificates are under 200 KB. */
  verifyPdf: 5 * MB,
  /** One evidence file (the multipart part itself). */
  evidence: 50 * MB,
} as const;

/** Room for multipart boundaries, part headers and small fields around a file part. */
export const MULTIPART_OVERHEAD = 64 * KB;
/** Deeper JSON than any request of the API has (they nest four levels at most). */
export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function formatBytes(n: number): string {
  if (n >= MB && n % MB === 0) return `${n / MB} MB`;
  if (n >= KB && n % KB === 0) return `${n / KB} KB`;
  return `${n} bytes`;
}

export function tooLarge(limit: number, what = "The request body"): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `${what} is larger than ${formatBytes(limit)}, the limit for this request`, { limit });
}

const invalidBody = (message: string, reason: string, field = "_") => new AppError("INVALID_INPUT", message, { [field]: message, reason });

/** 413 before reading when the declared length alone is over the limit (a lie below it is caught while reading). */
export function checkDeclaredLength(req: Request, limit: number, what?: string): void {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit, what);
}

/** The whole body as bytes, at most `limit` of them. An absent body is empty. */
export async function readBodyBytes(req: Request, limit: number, what?: string): Promise<Buffer> {
  checkDeclaredLength(req, limit, what);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Stop reading, but do not cancel: cancelling would destroy the connection before the 413 is
      // sent. The server discards what is still coming once the answer is out.
      if (size > limit) {
        reader.releaseLock();
        throw tooLarge(limit, what);
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalidBody("The request body could not be read", "BODY_UNREADABLE");
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text; bytes that are not UTF-8 are refused (422, reason INVALID_UTF8), never replaced. */
export async function readBodyText(req: Request, limit: number, what?: string): Promise<string> {
  const bytes = await readBodyBytes(req, limit, what);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidBody("The body is not valid UTF-8 text", "INVALID_UTF8");
  }
}

/**
 * A JSON body, parsed and checked for shape (see the top of this file), at most `limit` bytes.
 * The result still has to pass the use case's schema.
 */
export async function readJsonBody(req: Request, limit: number = BODY_LIMITS.json): Promise<unknown> {
  const text = await readBodyText(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "The body must be JSON", { _: "not valid JSON", reason: "INVALID_JSON" });
  }
  checkJsonShape(value);
  return value;
}

/** Throws 422 when a parsed JSON value nests too deep, carries a prototype key, or holds a string that is not clean text. Iterative: no recursion for an attacker to exhaust. */
export function checkJsonShape(root: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: root, depth: 0, path: "" }];
  const at = (path: string) => path || "_";
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) throw invalidBody(`A text ${problem}`, "INVALID_TEXT", at(path));
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= maxDepth) throw invalidBody(`The body nests deeper than ${maxDepth} levels`, "TOO_DEEP", at(path));
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: path ? `${path}.${i}` : String(i) });
      continue;
    }
    for (const key of Object.keys(v)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) throw invalidBody(`The key "${key}" is not allowed`, "FORBIDDEN_KEY", at(path));
      const problem = textProblem(key);
      if (problem) throw invalidBody(`A key ${problem}`, "INVALID_TEXT", at(path));
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1, path: child });
    }
  }
}

/** Why a string is not clean text, or null: NUL characters and unpaired UTF-16 surrogates are refused. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "contains a NUL character";
  if (!s.isWellFormed()) return "contains an unpaired surrogate (not valid Unicode)";
  return null;
}

/**
 * The body as a Node stream for a multipart parser, failing with 413 once more than `limit`
 * bytes have arrived. The parser's own per-file limit stays the precise one; this bounds the
 * whole body (extra parts, fields, a file part that is cut off) so nothing reads on forever.
 */
export function limitedBodyStream(req: Request, limit: number, what?: string): Readable {
  checkDeclaredLength(req, limit, what);
  if (!req.body) return Readable.from([]);
  const source = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
  let size = 0;
  // On refusal the source is paused and let go, not destroyed (see readBodyBytes).
  const stop = () => {
    source.pause();
    source.removeAllListeners("data");
  };
  const out = new Readable({
    read() {
      source.resume();
    },
    destroy(err, cb) {
      stop();
      cb(err);
    },
  });
  source.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      stop();
      out.destroy(tooLarge(limit, what));
      return;
    }
    if (!out.push(chunk)) source.pause();
  });
  source.on("end", () => out.push(null));
  source.on("error", () => out.destroy(invalidBody("The request body could not be read", "BODY_UNREADABLE")));
  return out;
}
