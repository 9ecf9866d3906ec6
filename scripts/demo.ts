// npm run demo — on a fresh clone after `npm ci`: generate the Prisma clients, migrate, seed the
// demo data (idempotent), build when the sources changed, and start the portal on PORT.
import "../lib/outside-next";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { spawn, execFileSync } from "node:child_process";
import { generatePrismaClients } from "./prisma-generate";

const root = path.resolve(__dirname, "..");
const BUILD_INPUTS = ["app", "lib", "workflows", "i18n", "messages", "prisma/schema.prisma", "next.config.js",
  "package-lock.json", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "tsconfig.json"];

function sourceHash(): string {
  const h = crypto.createHash("sha256");
  const walk = (p: string) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return;
    const st = fs.statSync(full);
    if (st.isDirectory()) {
      if (p === "lib/generated") return;
      for (const name of fs.readdirSync(full).sort()) walk(path.join(p, name));
    } else {
      h.update(p).update(fs.readFileSync(full));
    }
  };
  BUILD_INPUTS.forEach(walk);
  return h.digest("hex");
}

export function buildIfNeeded() {
  const dist = process.env.ZHIJI_DIST_DIR || ".next";
  const stamp = path.join(root, dist, "zhiji-source-hash");
  const hash = sourceHash();
  if (fs.existsSync(path.join(root, dist, "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash) {
    console.log("Build is up to date.");
    return;
  }
  console.log("Building the portal (about a minute)…");
  execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(stamp, hash);
}

/** Where the demo world's stories show (docs/domain.md#demo-data). */
const WORLD_GUIDE = [
  "ministry-1@demo.zhiji    dashboard, decisions waiting, overdue suspension, appeal to decide (as ministry-2)",
  "secretariat@demo.zhiji   applications to screen, panels to form, a change to classify, a complaint to triage",
  "lab-1@demo.zhiji         cases to test, a re-test of an on-device model change",
  "expert-1@demo.zhiji      panels waiting for a vote",
  "vendor-a@demo.zhiji      drafts, certificates (one with revision R1), a suspension to correct, an appeal",
  "(anyone)                 /registry and /verify for the public view",
];

async function main() {
  generatePrismaClients();
  if (process.argv.includes("--fresh")) {
    // A clean database for a test run: only ever a folder under the project's data/.
    const dir = path.resolve(process.env.ZHIJI_DATA_DIR ?? "data");
    if (!dir.startsWith(path.join(root, "data"))) throw new Error(`--fresh refuses to wipe ${dir}: not under data/`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The development defaults (session secret, SQLite file) are made and kept under data/.
  const { parseEnv } = await import("../lib/env");
  const e = parseEnv({ ...process.env, NODE_ENV: "development" });
  const { migrate } = await import("../lib/db/migrate");
  const { createDb } = await import("../lib/db");
  const { seedDemo, seedProposedRevisions, DEMO_USERS, DEMO_PASSWORD } = await import("../prisma/seed/demo");
  const m = await migrate(e.DATABASE_URL);
  if (m.applied.length) console.log(`Applied migrations: ${m.applied.join(", ")}`);
  const database = createDb(e.DATABASE_URL);
  await seedDemo(database);
  await seedProposedRevisions(database);
  await database.$disconnect();
  // The demo world: cases in every state, driven through the door (prisma/seed/world.ts). Not for a
  // test run (--fresh): the browser tests build the cases they need themselves.
  if (!process.argv.includes("--fresh") && process.env.ZHIJI_DEMO_WORLD !== "0") {
    Object.assign(process.env, { DATABASE_URL: e.DATABASE_URL, ZHIJI_DATA_DIR: e.dataDir, ZHIJI_SESSION_SECRET: e.ZHIJI_SESSION_SECRET });
    const { buildDemoWorld } = await import("../prisma/seed/world");
    const { disconnectDb } = await import("../lib/db");
    const world = await buildDemoWorld();
    await disconnectDb();
    if (world.built) {
      console.log(`Built the demo world: ${world.cases} cases in ${world.seconds} s. What to look at, as whom:`);
      for (const line of WORLD_GUIDE) console.log(`  ${line}`);
    }
  }
  if (process.argv.includes("--seed-only")) return;
  buildIfNeeded();

  const url = e.ZHIJI_PUBLIC_URL;
  // server.ts serves the build and stamps each request with its socket's address (lib/http/peer.ts).
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(e.PORT),
      DATABASE_URL: e.DATABASE_URL,
      ZHIJI_DATA_DIR: e.dataDir,
      ZHIJI_SESSION_SECRET: e.ZHIJI_SESSION_SECRET,
      ZHIJI_PUBLIC_URL: url,
      ZHIJI_ALLOW_DEMO: "1",
    },
  });
  console.log(`\nZhiji is starting at ${url}\nDemo sign-ins (password ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(12)} ${u.email}`);
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
