// One interface for the portal's stored files (evidence today), with three transports chosen by
// ZHIJI_STORAGE_URL (docs/deploy.md#storage, docs/decisions/0012-storage-transports.md): `local`
// files under a directory (the default, ZHIJI_DATA_DIR), `database` chunks of at most 1 MiB in the
// portal's database, and `s3` objects in an S3-compatible bucket. Objects go in and come out as
// streams; each records its SHA-256 when written, and every read checks it: a read whose bytes
// differ fails with STORED_FILE_CORRUPT (the last chunk is held back until the check passed, so a
// reader never receives a complete altered file), a key that is not there with STORED_FILE_MISSING.
import "server-only";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { db, type Db } from "@/lib/db";
import { domainError, type AppError } from "@/lib/errors";
import type { StorageConfig, StorageTransport } from "./config";

export type { StorageConfig, StorageTransport } from "./config";

export type Body = Readable | AsyncIterable<Uint8Array> | Uint8Array;
export type PutResult = { key: string; size: number; sha256: string };
export type GetResult = { size: number; sha256: string; stream: Readable };

export interface ObjectStore {
  readonly transport: StorageTransport;
  /** Writes `body` under `key` (replacing what was there), hashing it on the way; resolves once stored. */
  put(key: string, body: Body): Promise<PutResult>;
  /**
   * The object as a stream checked against its recorded SHA-256 (and `expectSha256` when given,
   * e.g. the hash the database row holds). Rejects with STORED_FILE_MISSING when absent, and with
   * STORED_FILE_CORRUPT at once when the recorded hash or size already disagree; the stream
   * itself errors with STORED_FILE_CORRUPT when the bytes read do not hash to it.
   */
  get(key: string, opts?: { expectSha256?: string }): Promise<GetResult>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Keys are made by the server: segments of letters, digits, '.', '_' and '-' joined by '/'. */
const KEY = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 512) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

export const storedFileMissing = (): AppError => domainError("STORED_FILE_MISSING");
export const storedFileCorrupt = (): AppError => domainError("STORED_FILE_CORRUPT");
export const isStorageError = (e: unknown, reason: "STORED_FILE_MISSING" | "STORED_FILE_CORRUPT") =>
  typeof e === "object" && e !== null && (e as AppError).reason === reason;

export function toAsyncIterable(body: Body): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) {
    return (async function* () {
      yield body;
    })();
  }
  return body as AsyncIterable<Uint8Array>;
}

/** Passes `source` through while hashing; `done()` gives the size and hex SHA-256 once it ended. */
export function hashing(source: AsyncIterable<Uint8Array>) {
  const hash = crypto.createHash("sha256");
  let size = 0;
  let digest: string | undefined;
  const stream = (async function* () {
    for await (const chunk of source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      hash.update(b);
      size += b.length;
      yield b;
    }
    digest = hash.digest("hex");
  })();
  return {
    stream,
    done: (): { size: number; sha256: string } => {
      if (digest === undefined) throw new Error("the body was not read to its end");
      return { size, sha256: digest };
    },
  };
}

/**
 * `source` as a stream that errors with STORED_FILE_CORRUPT unless its bytes have `size` and
 * `sha256`. The last chunk is held back until the whole was checked.
 */
export function verified(source: AsyncIterable<Uint8Array>, size: number, sha256: string): Readable {
  async function* check() {
    const hash = crypto.createHash("sha256");
    let n = 0;
    let pending: Buffer | null = null;
    for await (const chunk of source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (b.length === 0) continue;
      hash.update(b);
      n += b.length;
      if (n > size) throw storedFileCorrupt();
      if (pending) yield pending;
      pending = b;
    }
    if (n !== size || hash.digest("hex") !== sha256) throw storedFileCorrupt();
    if (pending) yield pending;
  }
  return Readable.from(check(), { objectMode: false });
}

/** The recorded hash against the caller's: a disagreement is found before any byte is read. */
export function checkExpected(recorded: string, expectSha256?: string) {
  if (expectSha256 !== undefined && expectSha256 !== recorded) throw storedFileCorrupt();
}

export type StoreDeps = { database?: () => Db };

export async function createStore(config: StorageConfig, deps: StoreDeps = {}): Promise<ObjectStore> {
  switch (config.transport) {
    case "local":
      return new (await import("./local")).LocalStore(config.root);
    case "database":
      return new (await import("./database")).DatabaseStore(deps.database ?? db);
    case "s3":
      return new (await import("./s3")).S3Store(config);
  }
}

const g = globalThis as unknown as { zhijiStorage?: { config: string; store: Promise<ObjectStore> } };

/** The configured store of this process (ZHIJI_STORAGE_URL). */
export function storage(): Promise<ObjectStore> {
  const config = env().storage;
  const id = JSON.stringify(config);
  if (g.zhijiStorage?.config !== id) g.zhijiStorage = { config: id, store: createStore(config) };
  return g.zhijiStorage.store;
}
