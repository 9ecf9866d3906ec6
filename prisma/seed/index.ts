// npm run db:seed — migrates, then seeds the demo data into DATABASE_URL.
import "../../lib/outside-next";
import { parseEnv } from "../../lib/env";
import { migrate } from "../../lib/db/migrate";
import { createDb } from "../../lib/db";
import { seedDemo, seedProposedRevisions } from "./demo";

async function main() {
  const e = parseEnv();
  await migrate(e.DATABASE_URL);
  const database = createDb(e.DATABASE_URL);
  try {
    await seedDemo(database);
    await seedProposedRevisions(database);
    console.log("Demo data is in place.");
  } finally {
    await database.$disconnect();
  }
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
