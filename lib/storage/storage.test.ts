// One suite, every storage transport (docs/deploy.md#storage): local files, database chunks (on
// SQLite, or PostgreSQL when TEST_DATABASE_URL names one) and S3 against a local S3-compatible
// server (s3rver) started here on a free port with a temporary directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import S3rver from "s3rver";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { createStore, type ObjectStore, type StorageConfig } from "./index";
import { parseStorageUrl } from "./config";
import { ConfigError, parseEnv } from "@/lib/env";
import { CHUNK_BYTES } from "./database";
import type { S3Store } from "./s3";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-storage-"));
let t: TestDatabase;
let s3: S3rver;
let s3Url = "";

beforeAll(async () => {
  t = await useFreshDatabase();
  s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(tmp, "s3"), configureBuckets: [{ name: "zhiji-test" }] });
  const { port } = await s3.run();
  s3Url = `s3://zhiji-test?endpoint=http://127.0.0.1:${port}&region=us-east-1&forcePathStyle=true&prefix=portal/`;
}, 120_000);
afterAll(async () => {
  await s3?.close();
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
/** A body delivered in small pieces, as an upload arrives. */
const trickle = (b: Buffer, piece = 64 * 1024) =>
  Readable.from((function* () {
    for (let i = 0; i < b.length; i += piece) yield b.subarray(i, i + piece);
  })());

type Case = {
  name: string;
  config: () => StorageConfig;
  /** Changes one byte of the stored object behind the store's back. */
  tamper: (store: ObjectStore, key: string) => Promise<void>;
};

const CASES: Case[] = [
  {
    name: "local",
    config: () => parseStorageUrl(`file:${path.join(tmp, "local")}`, "unused"),
    tamper: async (_store, key) => {
      const file = path.join(tmp, "local", ...key.split("/"));
      const b = fs.readFileSync(file);
      b[b.length >> 1] ^= 0xff;
      fs.writeFileSync(file, b);
    },
  },
  {
    name: "database",
    config: () => parseStorageUrl("database", "unused"),
    tamper: async (_store, key) => {
      const row = await db().storedObjectChunk.findUniqueOrThrow({ where: { key_index: { key, index: 1 } } });
      const b = Buffer.from(row.data);
      b[10] ^= 0xff;
      await db().storedObjectChunk.update({ where: { key_index: { key, index: 1 } }, data: { data: new Uint8Array(b) } });
    },
  },
  {
    name: "s3",
    config: () => parseStorageUrl(s3Url, "unused", { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" }),
    // Rewritten through the S3 API with the same metadata (the recorded hash) and one byte changed.
    tamper: async (store, key) => {
      const s = store as S3Store;
      const res = await s.client.send(new GetObjectCommand(s.location(key)));
      const b = Buffer.from(await res.Body!.transformToByteArray());
      b[b.length - 1] ^= 0xff;
      await s.client.send(new PutObjectCommand({ ...s.location(key), Body: b, Metadata: res.Metadata }));
    },
  },
];

describe.each(CASES)("storage transport $name", ({ name, config, tamper }) => {
  let store: ObjectStore;
  beforeAll(async () => {
    store = await createStore(config());
    expect(store.transport).toBe(name);
  });

  it("puts and gets a file, with its size and SHA-256", async () => {
    const body = Buffer.from("%PDF-1.4\n% evidence\n%%EOF\n");
    const put = await store.put("evidence/case-1/small", body);
    expect(put).toEqual({ key: "evidence/case-1/small", size: body.length, sha256: sha(body) });
    expect(await store.exists("evidence/case-1/small")).toBe(true);
    const got = await store.get("evidence/case-1/small", { expectSha256: sha(body) });
    expect({ size: got.size, sha256: got.sha256 }).toEqual({ size: body.length, sha256: sha(body) });
    expect((await readAll(got.stream)).equals(body)).toBe(true);
  });

  it("streams a file larger than a chunk (3 MiB and a bit) in and out", async () => {
    const body = crypto.randomBytes(3 * CHUNK_BYTES + 12_345);
    const put = await store.put("evidence/case-1/large", trickle(body));
    expect(put.size).toBe(body.length);
    expect(put.sha256).toBe(sha(body));
    if (name === "database") {
      const rows = await db().storedObjectChunk.findMany({ where: { key: "evidence/case-1/large" }, orderBy: { index: "asc" } });
      expect(rows.map((r) => r.data.length)).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, 12_345]);
    }
    const got = await store.get("evidence/case-1/large");
    expect((await readAll(got.stream)).equals(body)).toBe(true);
  });

  it("replaces an object put again under the same key", async () => {
    await store.put("evidence/case-1/again", Buffer.from("first version, longer"));
    await store.put("evidence/case-1/again", Buffer.from("second"));
    expect((await readAll((await store.get("evidence/case-1/again")).stream)).toString()).toBe("second");
  });

  it("refuses a tampered object on read with STORED_FILE_CORRUPT, never handing over the whole", async () => {
    const body = crypto.randomBytes(2 * CHUNK_BYTES + 100);
    await store.put("evidence/case-2/tampered", body);
    await tamper(store, "evidence/case-2/tampered");
    const got = await store.get("evidence/case-2/tampered");
    const received: Buffer[] = [];
    const err = await (async () => {
      for await (const c of got.stream) received.push(c as Buffer);
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: "STORED_FILE_CORRUPT", code: "INTERNAL" });
    expect(Buffer.concat(received).length).toBeLessThan(body.length);
  });

  it("refuses before reading when the caller's recorded hash differs", async () => {
    await store.put("evidence/case-2/other", Buffer.from("content"));
    await expect(store.get("evidence/case-2/other", { expectSha256: sha(Buffer.from("something else")) })).rejects.toMatchObject({ reason: "STORED_FILE_CORRUPT" });
  });

  it("deletes, and a missing key reads as STORED_FILE_MISSING (delete is idempotent)", async () => {
    await store.put("evidence/case-3/gone", Buffer.from("to be deleted"));
    await store.delete("evidence/case-3/gone");
    expect(await store.exists("evidence/case-3/gone")).toBe(false);
    await expect(store.get("evidence/case-3/gone")).rejects.toMatchObject({ reason: "STORED_FILE_MISSING", code: "NOT_FOUND" });
    await expect(store.get("evidence/never/was")).rejects.toMatchObject({ reason: "STORED_FILE_MISSING" });
    await store.delete("evidence/never/was");
  });

  it("a body that fails half-way leaves nothing under the key", async () => {
    const failing = Readable.from((async function* () {
      yield crypto.randomBytes(CHUNK_BYTES + 10);
      throw new Error("the client went away");
    })());
    await expect(store.put("evidence/case-4/broken", failing)).rejects.toThrow("the client went away");
    expect(await store.exists("evidence/case-4/broken")).toBe(false);
  });

  it("refuses keys the server would not make", async () => {
    for (const key of ["../etc/passwd", "evidence/../x", "/abs", "a//b", "a b", ""]) {
      await expect(store.put(key, Buffer.from("x"))).rejects.toThrow(/not a storage key/);
    }
  });
});

describe("ZHIJI_STORAGE_URL", () => {
  it("reads every form, and names what is wrong in one line", () => {
    expect(parseStorageUrl(undefined, "/data")).toEqual({ transport: "local", root: "/data" });
    expect(parseStorageUrl("local", "/data")).toEqual({ transport: "local", root: "/data" });
    expect(parseStorageUrl("file:/srv/files", "/data")).toEqual({ transport: "local", root: "/srv/files" });
    expect(parseStorageUrl("database", "/data")).toEqual({ transport: "database" });
    expect(parseStorageUrl("s3://bucket-1?endpoint=http://127.0.0.1:9000&region=cn-north-1", "/data", {})).toEqual({
      transport: "s3", bucket: "bucket-1", endpoint: "http://127.0.0.1:9000", region: "cn-north-1", forcePathStyle: true, prefix: "", credentials: undefined,
    });
    const keyFile = path.join(tmp, "secret-key");
    fs.writeFileSync(keyFile, "from-a-file\n");
    expect(parseStorageUrl("s3://b12", "/d", { AWS_ACCESS_KEY_ID: "id", ZHIJI_S3_SECRET_ACCESS_KEY_FILE: keyFile })).toMatchObject({
      forcePathStyle: false, credentials: { accessKeyId: "id", secretAccessKey: "from-a-file" },
    });
    expect(() => parseStorageUrl("ftp://x", "/d")).toThrow(/must be local, file:<directory>, database or s3:\/\//);
    expect(() => parseStorageUrl("s3://B", "/d")).toThrow(/must name a bucket/);
    expect(() => parseStorageUrl("s3://bucket?endpoint=localhost:9000", "/d")).toThrow(/endpoint must be http/);
    expect(() => parseStorageUrl("s3://bucket?regoin=x", "/d")).toThrow(/unknown parameter regoin/);
    expect(() => parseStorageUrl("s3://bucket", "/d", { AWS_ACCESS_KEY_ID: "only-id" })).toThrow(/both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });

  it("stops the start with one line naming the variable (lib/env.ts)", () => {
    const base = { ZHIJI_DATA_DIR: tmp, ZHIJI_SESSION_SECRET: "x".repeat(32) };
    expect(() => parseEnv({ ...base, ZHIJI_STORAGE_URL: "ftp://files" })).toThrow(new ConfigError("Configuration error: ZHIJI_STORAGE_URL must be local, file:<directory>, database or s3://bucket?endpoint=…"));
    expect(parseEnv({ ...base, ZHIJI_STORAGE_URL: "database" }).storage).toEqual({ transport: "database" });
    expect(parseEnv(base).storage).toEqual({ transport: "local", root: path.resolve(tmp) });
  });
});
