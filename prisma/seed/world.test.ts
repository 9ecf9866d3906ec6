// The demo world (docs/domain.md#demo-data), built on a fresh database the way `npm run demo` does:
// every state is reached through the door, the audit chain verifies, every certificate's signature
// verifies with pdfsig, and a second run changes nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { seedDemo } from "./demo";
import { buildDemoWorld } from "./world";
import { verifyAuditChain } from "@/lib/audit/chain";

let t: TestDatabase;
let tmp: string;
beforeAll(async () => {
  t = await useFreshDatabase();
  await seedDemo(db());
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-world-"));
}, 120_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`the demo world (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("drives about forty cases into every state, with real certificates and an intact chain; a second run changes nothing", async () => {
    const first = await buildDemoWorld();
    expect(first.built).toBe(true);
    expect(first.cases).toBeGreaterThanOrEqual(40);
    const states = new Set((await db().case.findMany({ select: { state: true } })).map((c) => c.state));
    for (const s of ["draft", "screening", "testing", "review.forming", "review.voting", "decision", "certified", "rejected", "appeal", "suspended", "revoked"]) {
      expect(states, s).toContain(s);
    }
    const categories = new Set((await db().case.findMany({ select: { schemeVersion: { select: { category: true } } } })).map((c) => c.schemeVersion.category));
    expect(categories.size).toBe(7);
    expect(await db().changeCase.count()).toBeGreaterThanOrEqual(3);
    expect(await db().complaint.count()).toBeGreaterThanOrEqual(1);
    expect(await db().certificate.count({ where: { revision: { gt: 0 } } })).toBeGreaterThanOrEqual(2);
    expect(await db().decisionLetter.count()).toBeGreaterThanOrEqual(2);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });

    // Every certificate is a real signed PDF.
    const certs = await db().certificate.findMany({ select: { publicId: true, pdf: true } });
    expect(certs.length).toBeGreaterThanOrEqual(14);
    for (const c of certs) {
      const file = path.join(tmp, `${c.publicId}.pdf`);
      fs.writeFileSync(file, c.pdf);
      expect(spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout, c.publicId).toMatch(/Signature Validation: Signature is Valid/);
    }

    const count = { cases: await db().case.count(), events: await db().auditEvent.count() };
    expect(await buildDemoWorld()).toMatchObject({ built: false });
    expect({ cases: await db().case.count(), events: await db().auditEvent.count() }).toEqual(count);
  }, 300_000);
});
