// npm run bench:certificates — how fast the portal issues certificates (render, sign, number,
// store, audit) with the real issueCertificate. Runs in a temporary SQLite database and, when
// DATABASE_URL names a PostgreSQL server, in a temporary database created (and dropped) there:
// the data of the named database is never touched.
//   BENCH_CERTIFICATES=200 (default) sets how many.
import "../lib/outside-next";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { db, disconnectDb } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { applyEvent } from "../lib/cases/apply-event";
import { seedWorld, caseIn } from "../test/world";
import { issueCertificate } from "../lib/certificates/issue-certificate";
import { verifyCertificate } from "../lib/certificates/verify-certificate";
import { getPortalSigningKey } from "../lib/certificates/portal-key";

const COUNT = Number(process.env.BENCH_CERTIFICATES ?? 200);

type Target = { label: string; url: string; drop: () => Promise<void> };

function sqliteTarget(): Target {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-bench-"));
  return { label: "SQLite", url: `file:${path.join(dir, "bench.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function postgresTarget(server: string): Promise<Target> {
  const name = `zhiji_bench_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    label: `PostgreSQL (${u.host})`,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * Awarded cases, quickly: one case is driven to `decision` through the door, copied with direct
 * inserts (each copy its own product), and every copy is awarded through the door (applyEvent),
 * so each award has its audit event and outbox job exactly as in the portal.
 */
async function awardedCases(n: number) {
  const w = await seedWorld();
  const templateId = await caseIn(w, "decision", { level: "L3" });
  const t = await db().case.findUniqueOrThrow({ where: { id: templateId }, include: { product: true } });
  const awards: { caseId: string; awardSeq: number }[] = [];
  for (let i = 0; i < n; i++) {
    const product = await db().product.create({
      data: {
        organizationId: t.organizationId,
        name: t.product.name,
        model: `BENCH-${String(i + 1).padStart(4, "0")}`,
        softwareVersion: t.product.softwareVersion,
        category: t.product.category,
        modelInfo: t.product.modelInfo,
      },
    });
    const copy = await db().case.create({
      data: {
        organizationId: t.organizationId,
        productId: product.id,
        schemeVersionId: t.schemeVersionId,
        pilotId: t.pilotId,
        createdById: t.createdById,
        claimedLevel: t.claimedLevel,
        application: t.application,
        productSnapshot: JSON.stringify({ ...JSON.parse(t.productSnapshot), model: product.model }),
        state: t.state,
        version: t.version,
        snapshot: t.snapshot,
        labOrgId: t.labOrgId,
        labLevel: t.labLevel,
        labProfile: t.labProfile,
        recommendation: t.recommendation,
      },
    });
    await applyEvent(w.users.ministry1, { caseId: copy.id, type: "AWARD", expectedVersion: copy.version, payload: { level: "L3" } });
    const award = await db().decision.findFirstOrThrow({ where: { caseId: copy.id, type: "AWARD" } });
    awards.push({ caseId: copy.id, awardSeq: award.auditSeq });
  }
  return awards;
}

async function bench(target: Target) {
  await disconnectDb();
  process.env.DATABASE_URL = target.url;
  resetEnvCache();
  await migrate(target.url);
  try {
    const t0 = performance.now();
    // One extra award warms up the key, the fonts and the connection; it is not counted.
    const awards = await awardedCases(COUNT + 1);
    const setupMs = performance.now() - t0;
    await getPortalSigningKey();
    await issueCertificate(awards[0].caseId, awards[0].awardSeq);

    const times: number[] = [];
    const start = performance.now();
    let last = null as Awaited<ReturnType<typeof issueCertificate>> | null;
    for (const a of awards.slice(1)) {
      const s = performance.now();
      last = await issueCertificate(a.caseId, a.awardSeq);
      times.push(performance.now() - s);
    }
    const totalMs = performance.now() - start;

    const issued = await db().certificate.count();
    if (issued !== COUNT + 1) throw new Error(`expected ${COUNT + 1} certificates, found ${issued}`);
    const check = await verifyCertificate(Buffer.from(last!.pdf));
    if (!check.valid) throw new Error(`the last certificate does not verify: ${check.reason}`);

    const sorted = [...times].sort((x, y) => x - y);
    console.log(`\n${target.label}: ${COUNT} certificates (awarded cases prepared in ${(setupMs / 1000).toFixed(1)} s)`);
    console.log(`  median   ${quantile(sorted, 0.5).toFixed(1)} ms per certificate`);
    console.log(`  p95      ${quantile(sorted, 0.95).toFixed(1)} ms per certificate`);
    console.log(`  max      ${sorted[sorted.length - 1].toFixed(1)} ms`);
    console.log(`  rate     ${(COUNT / (totalMs / 1000)).toFixed(1)} certificates per second (${(totalMs / 1000).toFixed(1)} s in all)`);
    console.log(`  check    last certificate ${last!.number} verifies (${(last!.pdf.length / 1024).toFixed(0)} KiB)`);
  } finally {
    await disconnectDb();
    await target.drop();
  }
}

async function main() {
  if (!Number.isInteger(COUNT) || COUNT < 1) throw new Error("BENCH_CERTIFICATES must be a positive whole number");
  const configured = process.env.DATABASE_URL;
  // Keys are generated for the run in a temporary data folder, never in the portal's data/.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-bench-data-"));
  process.env.ZHIJI_DATA_DIR = dataDir;
  try {
    console.log(`Issuing ${COUNT} certificates with issueCertificate (render + sign + store + audit), one after another.`);
    await bench(sqliteTarget());
    if (configured?.startsWith("postgres")) await bench(await postgresTarget(configured));
    else if (configured) console.log(`\nDATABASE_URL is not PostgreSQL (${configured.split(":")[0]}:); only the SQLite run was made.`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
