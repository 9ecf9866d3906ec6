// The `s3` storage transport: an object per key in an S3-compatible bucket (AWS S3, MinIO, Ceph…),
// its SHA-256 in the object's metadata (x-amz-meta-sha256). A body is first streamed to a temporary
// file while it is hashed, then sent with its length and hash in one PUT: the hash is known before
// the object exists, and no file has to fit in memory. Reads stream the object and check the hash.
import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { StorageConfig } from "./config";
import { checkExpected, checkKey, hashing, storedFileCorrupt, storedFileMissing, toAsyncIterable, verified, type Body, type GetResult, type ObjectStore, type PutResult } from "./index";

type S3Config = Extract<StorageConfig, { transport: "s3" }>;

const notFound = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NoSuchKey" || err?.name === "NotFound" || err?.$metadata?.httpStatusCode === 404;
};

export function s3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Checksums only where S3 requires them: S3-compatible servers do not all understand the
    // newer SDK's default (aws-chunked bodies with trailing CRC32); the SHA-256 is checked here.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export class S3Store implements ObjectStore {
  readonly transport = "s3" as const;
  readonly client: S3Client;
  constructor(private readonly config: S3Config) {
    this.client = s3Client(config);
  }

  /** The bucket and object key of a storage key. */
  location(key: string) {
    return { Bucket: this.config.bucket, Key: this.config.prefix + checkKey(key) };
  }

  async put(key: string, body: Body): Promise<PutResult> {
    const where = this.location(key);
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "zhiji-s3-"));
    const spool = path.join(dir, "body");
    try {
      const h = hashing(toAsyncIterable(body));
      await pipeline(Readable.from(h.stream), fs.createWriteStream(spool));
      const { size, sha256 } = h.done();
      await this.client.send(
        new PutObjectCommand({ ...where, Body: fs.createReadStream(spool), ContentLength: size, Metadata: { sha256 } }),
      );
      return { key, size, sha256 };
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }

  async get(key: string, opts: { expectSha256?: string } = {}): Promise<GetResult> {
    const where = this.location(key);
    let res;
    try {
      res = await this.client.send(new GetObjectCommand(where));
    } catch (e) {
      if (notFound(e)) throw storedFileMissing();
      throw e;
    }
    const body = res.Body as Readable | undefined;
    const recorded = res.Metadata?.sha256;
    const size = res.ContentLength;
    const refuse = (err: Error) => {
      body?.destroy();
      return err;
    };
    if (!body) throw refuse(storedFileMissing());
    if (!recorded || !/^[0-9a-f]{64}$/.test(recorded) || size === undefined) throw refuse(storedFileCorrupt());
    try {
      checkExpected(recorded, opts.expectSha256);
    } catch (e) {
      throw refuse(e as Error);
    }
    return { size, sha256: recorded, stream: verified(body, size, recorded) };
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand(this.location(key)));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand(this.location(key)));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }
}

