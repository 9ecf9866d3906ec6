// Generates the two Prisma clients (SQLite and PostgreSQL) from the one source schema, only when
// the schema changed since the last generation. See STACK.md: a generated client is bound to one
// provider, and the CLI's schema engine cannot be downloaded here (generate only checks its path).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";

const root = path.resolve(__dirname, "..");
const source = path.join(root, "prisma/schema.prisma");
const outDir = path.join(root, "lib/generated");
const stampFile = path.join(outDir, ".schema-hash");

export function generatePrismaClients(force = false) {
  const schema = fs.readFileSync(source, "utf8");
  const hash = crypto.createHash("sha256").update(schema).digest("hex");
  const upToDate =
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === hash &&
    fs.existsSync(path.join(outDir, "sqlite/client.ts")) &&
    fs.existsSync(path.join(outDir, "pg/client.ts"));
  if (upToDate && !force) return false;
  fs.mkdirSync(outDir, { recursive: true });
  const pgSchema = schema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../lib/generated/sqlite"', 'output       = "./pg"');
  if (pgSchema === schema) throw new Error("could not derive the PostgreSQL schema");
  const pgFile = path.join(outDir, "schema.postgresql.prisma");
  fs.writeFileSync(pgFile, pgSchema);
  const cli = path.join(root, "node_modules/prisma/build/index.js");
  const envVars = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  for (const file of [source, pgFile]) {
    execFileSync(process.execPath, [cli, "generate", "--schema", file], { cwd: root, env: envVars, stdio: "pipe" });
  }
  fs.writeFileSync(stampFile, hash);
  return true;
}

if (require.main === module) {
  const changed = generatePrismaClients(process.argv.includes("--force"));
  console.log(changed ? "Prisma clients generated (SQLite, PostgreSQL)" : "Prisma clients up to date");
}
