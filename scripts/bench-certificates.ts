// npm run bench:certificates — how fast the portal issues certificates (render, sign, number,
// store, audit) with the real issueCertificate. Runs in a temporary SQLite database and, when
// DATABASE_URL names a PostgreSQL server, in a temporary database created (and dropped) there:
// the data of the named database is never touched.
//   BENCH_CERTIFICATES=200 (default) sets how many.
// `npm run bench` runs its "certificates" section (benchRenderSign): the PDF alone, rendered and
// signed in this process, without the database (docs/performance.md).
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
import { SAMPLE_CERTIFICATE } from "../test/fixtures/certificate";
import { issueCertificate } from "../lib/certificates/issue-certificate";
import { verifyCertificate } from "../lib/certificates/verify-certificate";
import { getPortalSigningKey } from "../lib/certificates/portal-key";
import { renderCertificatePdf, type CertificatePdfData } from "../lib/certificates/pdf";
import { signPdf } from "../lib/certificates/signing/sign-pdf";
import { ensureDevKeys } from "../lib/certificates/signing/keys";

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

/** A certificate as issuance prints it: a long vendor name, a model table and a six-element profile. */
export const BENCH_CERTIFICATE: CertificatePdfData = {
  ...SAMPLE_CERTIFICATE,
  buildFingerprint: "huaxing/x9/x9:16/SP1A.260301.001/1234567:user/release-keys",
  models: [
    { name: "Aurora-Nano", version: "3B-int4-2026.03", deployment: "on_device", parameters: "3B" },
    { name: "Aurora Cloud LLM", version: "2026-05", deployment: "cloud", provider: "Huaxing Cloud", filingNumber: "Beijing-HX-20260101" },
  ],
};

export interface RenderSignResult {
  n: number;
  median: number;
  p95: number;
  renderMedian: number;
  signMedian: number;
  /** This process's CPU time per certificate (median): what it costs whatever else runs. */
  cpuMedian: number;
  perSecond: number;
  bytes: number;
}

/**
 * Renders and signs `n` certificates one after another in this process (after 5 not counted),
 * each with its own number: the part of issuance that is the PDF (no database). The last one is
 * checked with the signature verifier.
 */
export async function benchRenderSign(n = 200): Promise<RenderSignResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-bench-keys-"));
  try {
    const key = await ensureDevKeys(dir, () => {});
    const one = async (i: number) => signPdf(await renderCertificatePdf({ ...BENCH_CERTIFICATE, number: `AIT-2026-PHONE-${String(i).padStart(6, "0")}` }), key);
    for (let i = 0; i < 5; i++) await one(i);
    const total: number[] = [];
    const render: number[] = [];
    const sign: number[] = [];
    const cpu: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const unsigned = await renderCertificatePdf({ ...BENCH_CERTIFICATE, number: `AIT-2026-PHONE-${String(i + 10).padStart(6, "0")}` });
      const t1 = performance.now();
      pdf = await signPdf(unsigned, key);
      const t2 = performance.now();
      const c = process.cpuUsage(c0);
      render.push(t1 - t0);
      sign.push(t2 - t1);
      total.push(t2 - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    const seconds = (performance.now() - start) / 1000;
    const { verifySignedPdf } = await import("../lib/certificates/verify-signature");
    const check = await verifySignedPdf(pdf, key.caPem);
    if (!check.intact || !check.signedByPortal) throw new Error(`the last benchmark certificate does not verify: ${check.reason}`);
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    return {
      n,
      median: quantile(sorted(total), 0.5),
      p95: quantile(sorted(total), 0.95),
      renderMedian: quantile(sorted(render), 0.5),
      signMedian: quantile(sorted(sign), 0.5),
      cpuMedian: quantile(sorted(cpu), 0.5),
      perSecond: n / seconds,
      bytes: pdf.length,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
