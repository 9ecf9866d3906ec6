// The configuration, validated once at start: a bad value stops the start with one line naming it.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

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
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, "must be smtp://host:port or smtps://…").optional(),
  MAIL_FROM: z.string().min(3).default("Zhiji <no-reply@zhiji.local>"),
  ZHIJI_WORKER: z.enum(["0", "1"]).default("1"),
});

export type Env = z.infer<typeof EnvSchema> & {
  DATABASE_URL: string;
  ZHIJI_PUBLIC_URL: string;
  ZHIJI_SESSION_SECRET: string;
  databaseProvider: "sqlite" | "postgresql";
  dataDir: string;
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
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "zhiji.db")}`;
  return {
    ...e,
    DATABASE_URL: databaseUrl,
    ZHIJI_PUBLIC_URL: (e.ZHIJI_PUBLIC_URL ?? source.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    ZHIJI_SESSION_SECRET: secret,
    databaseProvider: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql",
    dataDir,
  };
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
