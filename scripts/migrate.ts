// npm run db:migrate — applies pending migrations to DATABASE_URL (default: the SQLite file under data/).
import "../lib/outside-next";
import { parseEnv, ConfigError } from "../lib/env";
import { migrate, MigrationError } from "../lib/db/migrate";

async function main() {
  const e = parseEnv();
  const r = await migrate(e.DATABASE_URL);
  console.log(
    r.applied.length
      ? `Applied ${r.applied.length} migration(s): ${r.applied.join(", ")}`
      : `Database is up to date (${r.alreadyApplied} migration(s) applied earlier)`,
  );
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof MigrationError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
