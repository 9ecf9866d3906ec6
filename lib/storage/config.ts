// Which storage transport keeps the portal's files (docs/deploy.md#storage), read from
// ZHIJI_STORAGE_URL once at start (lib/env.ts): unset or `local` keeps them under ZHIJI_DATA_DIR,
// `file:<path>` under that directory, `database` in the portal's database (StoredObject and its
// chunks), `s3://bucket?endpoint=…&region=…&forcePathStyle=true&prefix=…` in an S3-compatible
// bucket. Pure: no I/O except reading the credential files named in the environment.
import fs from "node:fs";
import path from "node:path";

export type S3Credentials = { accessKeyId: string; secretAccessKey: string };

export type StorageConfig =
  | { transport: "local"; root: string }
  | { transport: "database" }
  | {
      transport: "s3";
      bucket: string;
      /** The S3-compatible server (MinIO, Ceph, …); unset for AWS itself. */
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      /** Prepended to every key ("" or ending in "/"). */
      prefix: string;
      /** Unset: the AWS SDK's own chain (instance role, shared config). */
      credentials?: S3Credentials;
    };

export type StorageTransport = StorageConfig["transport"];

/** Thrown with one line naming what is wrong; lib/env.ts turns it into its ConfigError. */
export class StorageConfigError extends Error {}

const S3_PARAMS = new Set(["endpoint", "region", "forcePathStyle", "prefix"]);

function readSecretFile(variable: string, file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    throw new StorageConfigError(`${variable} names a file that cannot be read`);
  }
}

/** The S3 key pair: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or files named by ZHIJI_S3_ACCESS_KEY_ID_FILE / ZHIJI_S3_SECRET_ACCESS_KEY_FILE. */
function s3Credentials(source: Record<string, string | undefined>): S3Credentials | undefined {
  const pick = (name: string, fileVar: string) =>
    source[fileVar] ? readSecretFile(fileVar, source[fileVar]!) : source[name] || undefined;
  const accessKeyId = pick("AWS_ACCESS_KEY_ID", "ZHIJI_S3_ACCESS_KEY_ID_FILE");
  const secretAccessKey = pick("AWS_SECRET_ACCESS_KEY", "ZHIJI_S3_SECRET_ACCESS_KEY_FILE");
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw new StorageConfigError("ZHIJI_STORAGE_URL is s3://…: give both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or their ZHIJI_S3_*_FILE), or neither");
  }
  return { accessKeyId, secretAccessKey };
}

export function parseStorageUrl(raw: string | undefined, dataDir: string, source: Record<string, string | undefined> = {}): StorageConfig {
  const value = raw?.trim();
  if (!value || value === "local") return { transport: "local", root: dataDir };
  if (value === "database") return { transport: "database" };
  if (value.startsWith("file:")) {
    const dir = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!dir) throw new StorageConfigError("ZHIJI_STORAGE_URL file: needs a directory, as in file:/srv/zhiji-files");
    return { transport: "local", root: path.resolve(dir) };
  }
  if (value.startsWith("s3://")) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new StorageConfigError("ZHIJI_STORAGE_URL is not a valid s3:// URL (s3://bucket?endpoint=…&region=…)");
    }
    const bucket = url.hostname;
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new StorageConfigError("ZHIJI_STORAGE_URL must name a bucket (3–63 lower-case letters, digits, dots or hyphens): s3://bucket?…");
    }
    if (url.username || url.password) {
      throw new StorageConfigError("ZHIJI_STORAGE_URL must not carry credentials: use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or their ZHIJI_S3_*_FILE)");
    }
    for (const k of url.searchParams.keys()) {
      if (!S3_PARAMS.has(k)) throw new StorageConfigError(`ZHIJI_STORAGE_URL has an unknown parameter ${k} (known: endpoint, region, forcePathStyle, prefix)`);
    }
    const endpoint = url.searchParams.get("endpoint") || undefined;
    if (endpoint && !/^https?:\/\/[^/?#]+\/?$/.test(endpoint)) {
      throw new StorageConfigError("ZHIJI_STORAGE_URL endpoint must be http(s)://host[:port], as in endpoint=http://127.0.0.1:9000");
    }
    const fps = url.searchParams.get("forcePathStyle");
    if (fps !== null && fps !== "true" && fps !== "false") throw new StorageConfigError("ZHIJI_STORAGE_URL forcePathStyle must be true or false");
    let prefix = (url.pathname.replace(/^\/+/, "") || url.searchParams.get("prefix") || "").replace(/^\/+/, "");
    if (prefix && !prefix.endsWith("/")) prefix += "/";
    if (prefix && !/^[A-Za-z0-9._/-]+$/.test(prefix)) throw new StorageConfigError("ZHIJI_STORAGE_URL prefix may hold only letters, digits, '.', '_', '-' and '/'");
    return {
      transport: "s3",
      bucket,
      endpoint: endpoint?.replace(/\/$/, ""),
      region: url.searchParams.get("region") || source.AWS_REGION || "us-east-1",
      // A custom endpoint (MinIO and most S3-compatible servers) wants path-style addressing.
      forcePathStyle: fps === null ? Boolean(endpoint) : fps === "true",
      prefix,
      credentials: s3Credentials(source),
    };
  }
  throw new StorageConfigError("ZHIJI_STORAGE_URL must be local, file:<directory>, database or s3://bucket?endpoint=…");
}
