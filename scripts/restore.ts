// npm run restore -- <directory> — restores a backup made by `npm run backup` into the EMPTY
// database at DATABASE_URL and (local storage transport) the empty evidence directory of
// ZHIJI_DATA_DIR or ZHIJI_STORAGE_URL's file: directory; refuses another transport than the backup's, a database
// that holds any row. Checks every file's SHA-256 first (lib/ops/backup.ts). Run it with the
// portal stopped; then `npm run db:migrate` brings an older backup up to the current migrations.
import "../lib/outside-next";
import path from "node:path";
import { parseEnv, ConfigError } from "../lib/env";
import { restore, BackupError } from "../lib/ops/backup";

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new BackupError("usage: npm run restore -- <backup directory>");
  const e = parseEnv();
  const m = await restore({ dir: path.resolve(dir), url: e.DATABASE_URL, dataDir: e.dataDir, storage: e.storage });
  if (e.storage.transport === "s3") console.log(`The stored files stay in the S3 bucket ${e.storage.bucket}: the backup does not hold them.`);
  console.log(`Restored the backup of ${m.createdAt} (${m.provider}, ${m.database.method}, ${m.files.length} file(s) checked). Run npm run db:migrate, then npm run audit:verify.`);
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof BackupError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
