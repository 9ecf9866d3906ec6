// npm run backup [-- <directory>] — a backup of DATABASE_URL and of the data directory's evidence
// files, with a manifest of SHA-256 sums (lib/ops/backup.ts, docs/deploy.md#backup-and-restore).
// Default directory: backups/zhiji-<time>. Safe while the portal runs.
import "../lib/outside-next";
import path from "node:path";
import { parseEnv, ConfigError } from "../lib/env";
import { backup, BackupError } from "../lib/ops/backup";

async function main() {
  const e = parseEnv();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = path.resolve(process.argv[2] ?? path.join("backups", `zhiji-${stamp}`));
  const m = await backup({ url: e.DATABASE_URL, dataDir: e.dataDir, outDir });
  const bytes = m.files.reduce((n, f) => n + f.size, 0);
  console.log(`Backup written to ${outDir}: ${m.provider} (${m.database.method}), ${m.migrations.length} migration(s), ${m.files.length} file(s), ${bytes} bytes`);
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof BackupError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
