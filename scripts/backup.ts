// npm run backup [-- <directory>] — a backup of DATABASE_URL and of the stored evidence files (the
// local transport's files; the database transport's are in the database; S3 objects are not
// copied), with a manifest of SHA-256 sums (lib/ops/backup.ts, docs/deploy.md#backup-and-restore).
// Default directory: backups/zhiji-<time>. Safe while the portal runs.
import "../lib/outside-next";
import path from "node:path";
import { parseEnv, ConfigError } from "../lib/env";
import { backup, BackupError } from "../lib/ops/backup";

async function main() {
  const e = parseEnv();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = path.resolve(process.argv[2] ?? path.join("backups", `zhiji-${stamp}`));
  const m = await backup({ url: e.DATABASE_URL, dataDir: e.dataDir, outDir, storage: e.storage });
  const bytes = m.files.reduce((n, f) => n + f.size, 0);
  console.log(`Backup written to ${outDir}: ${m.provider} (${m.database.method}), ${m.migrations.length} migration(s), ${m.files.length} file(s), ${bytes} bytes`);
  if (e.storage.transport === "database") console.log("Stored files (ZHIJI_STORAGE_URL=database) are rows of the database: the database copy holds them.");
  if (e.storage.transport === "s3") {
    console.log(`Stored files are in the S3 bucket ${e.storage.bucket} and NOT in this backup: keep the bucket's own versioning or replication (docs/deploy.md#storage).`);
  }
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof BackupError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
