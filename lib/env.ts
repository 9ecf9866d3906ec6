// The configuration, validated once at start: a bad value stops the start with one line naming it.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { parseStorageUrl, StorageConfigError, type StorageConfig } from "@/lib/storage/config";
import { parseOidcConfig, OidcConfigError, type OidcConfig } from "@/lib/auth/oidc-config";

const HOPS = "must be a whole number from 0 to 10";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  ZHIJI_DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "must be file:<path> (SQLite) or postgresql://… (PostgreSQL)")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ZHIJI_PUBLIC_URL: z.url("must be an absolute URL such as https://zhiji.example.cn").optional(),
  ZHIJI_SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ZHIJI_ALLOW_DEMO: z.enum(["0", "1"]).default("0"),
  ZHIJI_SIGNING_P12_PATH: z.string().min(1).optional(),
  ZHIJI_SIGNING_P12_BASE64: z.string().min(1).optional(),
  ZHIJI_SIGNING_P12_PASSPHRASE: z.string().optional(),
  ZHIJI_SIGNING_CA_PEM_PATH: z.string().min(1).optional(),
  // A JSON file listing the signing keys the portal held before the current one (docs/deploy.md#rotating-the-signing-key).
  ZHIJI_SIGNING_KEYS_FILE: z.string().min(1).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, "must be smtp://host:port or smtps://…").optional(),
  MAIL_FROM: z.string().min(3).default("Zhiji <no-reply@zhiji.local>"),
  // smtp:// relays: STARTTLS required (default), used when offered (optional), or never (off: a
  // relay on this machine only). smtps:// is TLS from the start. See lib/mail/transport.ts.
  SMTP_STARTTLS: z.enum(["required", "optional", "off"]).default("required"),
  // XOAUTH2 with this access token (and the user name of SMTP_URL) instead of PLAIN/LOGIN.
  SMTP_OAUTH2_ACCESS_TOKEN: z.string().min(1).optional(),
  // Structured logs (lib/log.ts): trace, debug, info (default), warn, error, fatal or silent.
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).optional(),
  ZHIJI_WORKER: z.enum(["0", "1"]).default("1"),
  // The public pages' cache (lib/http/page-cache.ts, docs/decisions/0013-public-page-cache.md); 0 turns it off.
  ZHIJI_PAGE_CACHE: z.enum(["0", "1"]).default("1"),
  // After how long an outbox job claimed by a worker that went silent (a killed instance) is
  // claimed again (lib/outbox/worker.ts); the two-instance test shortens it.
  ZHIJI_OUTBOX_STALE_MS: z.coerce.number().int().min(1000).max(60 * 60 * 1000).default(2 * 60 * 1000),
  // Second factor for ministry, secretariat and admin: on by default in production, off in the demo.
  ZHIJI_REQUIRE_2FA: z.enum(["0", "1"]).optional(),
  // How many reverse proxies in front of the portal append to X-Forwarded-For (0: clients connect directly).
  ZHIJI_TRUSTED_PROXIES: z.coerce.number(HOPS).int(HOPS).min(0, HOPS).max(10, HOPS).default(0),
  // Where stored files (evidence) are kept: local (default), file:<dir>, database or s3://bucket?… (docs/deploy.md#storage).
  ZHIJI_STORAGE_URL: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema> & {
  DATABASE_URL: string;
  ZHIJI_PUBLIC_URL: string;
  ZHIJI_SESSION_SECRET: string;
  databaseProvider: "sqlite" | "postgresql";
  dataDir: string;
  /** A production portal (NODE_ENV=production) that is not the demo (ZHIJI_ALLOW_DEMO=1). */
  strictProduction: boolean;
  /** Ministry, secretariat and admin must sign in with a second factor (lib/auth/totp.ts). */
  require2fa: boolean;
  /** The storage transport of ZHIJI_STORAGE_URL (lib/storage/config.ts). */
  storage: StorageConfig;
  /** Institutional sign-in through OpenID Connect, when configured (lib/auth/oidc-config.ts). */
  oidc: OidcConfig | null;
};

export class ConfigError extends Error {}

function emptyToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(source)) out[k] = v === "" ? undefined : v;
  return out;
}

/** Reads a development default kept under data/, creating it on first use. */
function keptSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const value = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, value + "\n", { flag: "wx", mode: 0o600 });
    } catch {
      // Another process created it first: use theirs.
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.path.join(".")} ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.ZHIJI_DATA_DIR);
  const production = e.NODE_ENV === "production";
  let secret = e.ZHIJI_SESSION_SECRET ?? source.NEXTAUTH_SECRET;
  if (!secret) {
    if (production) throw new ConfigError("Configuration error: ZHIJI_SESSION_SECRET is required in production");
    secret = keptSecret(dataDir, "session-secret");
  }
  const strictProduction = production && e.ZHIJI_ALLOW_DEMO !== "1";
  if (strictProduction) refuseUnsafeProduction(e, secret, dataDir);
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "zhiji.db")}`;
  let storage: StorageConfig;
  try {
    storage = parseStorageUrl(e.ZHIJI_STORAGE_URL, dataDir, source);
  } catch (err) {
    throw err instanceof StorageConfigError ? new ConfigError(`Configuration error: ${err.message}`) : err;
  }
  let oidc: OidcConfig | null;
  try {
    oidc = parseOidcConfig(source, strictProduction);
  } catch (err) {
    throw err instanceof OidcConfigError ? new ConfigError(err.message) : err;
  }
  return {
    ...e,
    DATABASE_URL: databaseUrl,
    ZHIJI_PUBLIC_URL: (e.ZHIJI_PUBLIC_URL ?? source.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    ZHIJI_SESSION_SECRET: secret,
    databaseProvider: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql",
    dataDir,
    strictProduction,
    require2fa: e.ZHIJI_REQUIRE_2FA ? e.ZHIJI_REQUIRE_2FA === "1" : strictProduction,
    storage,
    oidc,
  };
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

/**
 * What a production portal (not the demo) refuses to start with, each as one line naming the
 * variable: the development defaults kept under data/ are for development and the demo only.
 */
function refuseUnsafeProduction(e: z.infer<typeof EnvSchema>, secret: string, dataDir: string) {
  const refuse = (line: string) => {
    throw new ConfigError(`Configuration error: ${line}`);
  };
  if (!e.ZHIJI_PUBLIC_URL) refuse("ZHIJI_PUBLIC_URL is required in production (the address in verify links, QR codes and mails)");
  if (secret === readIfExists(path.join(dataDir, "session-secret"))) {
    refuse("ZHIJI_SESSION_SECRET is the development secret kept under data/; set a secret of your own in production");
  }
  if (!e.ZHIJI_SIGNING_P12_PATH && !e.ZHIJI_SIGNING_P12_BASE64) {
    refuse("ZHIJI_SIGNING_P12_PATH (or ZHIJI_SIGNING_P12_BASE64) is required in production: the development signing keys are refused");
  }
  const devP12 = path.join(dataDir, "keys", "signer.p12");
  if (e.ZHIJI_SIGNING_P12_PATH && path.resolve(e.ZHIJI_SIGNING_P12_PATH) === devP12) {
    refuse("ZHIJI_SIGNING_P12_PATH names the development signing key under data/keys; configure the portal's own key in production");
  }
  if (e.ZHIJI_SIGNING_P12_BASE64 && fs.existsSync(devP12)) {
    const dev = fs.readFileSync(devP12);
    if (Buffer.from(e.ZHIJI_SIGNING_P12_BASE64.replace(/\s+/g, ""), "base64").equals(dev)) {
      refuse("ZHIJI_SIGNING_P12_BASE64 is the development signing key under data/keys; configure the portal's own key in production");
    }
  }
  if (!e.ZHIJI_SIGNING_CA_PEM_PATH) refuse("ZHIJI_SIGNING_CA_PEM_PATH is required in production (the CA the signing key chains to)");
  if (e.ZHIJI_REQUIRE_2FA === "0") {
    refuse("ZHIJI_REQUIRE_2FA=0 is refused in production: ministry, secretariat and admin sign in with a second factor");
  }
}

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    cached = parseEnv();
    // next-auth reads these names itself.
    process.env.NEXTAUTH_SECRET ??= cached.ZHIJI_SESSION_SECRET;
    process.env.NEXTAUTH_URL ??= cached.ZHIJI_PUBLIC_URL;
  }
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}

export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, ""));
}
