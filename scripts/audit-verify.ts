// npm run audit:verify — recomputes the audit hash chain: prints `OK <count> <head>` or the first
// broken sequence number, and exits non-zero when broken.
import "../lib/outside-next";
import { parseEnv } from "../lib/env";
import { createDb } from "../lib/db";
import { verifyAuditChain } from "../lib/audit/chain";

async function main() {
  const e = parseEnv();
  const database = createDb(e.DATABASE_URL);
  try {
    const r = await verifyAuditChain(database, { url: e.DATABASE_URL });
    if (r.ok) {
      console.log(`OK ${r.count} ${r.head}`);
    } else {
      console.log(`BROKEN at ${r.brokenAt}: ${r.reason}`);
      process.exitCode = 1;
    }
  } finally {
    await database.$disconnect();
  }
}
main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
