// The dashboard's projection (stats-projection.ts) against the audit events it stands for, on the
// generated demo world (every state, retests, appeals, recusals, suspensions, driven through the
// door): the figures read from the projection are those the scan of the events gives, for every
// filter; rebuilding the projection from the events gives the rows the door wrote; and the chain
// verification (both read paths) finds every kind of tampering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import { seedDemo } from "@/prisma/seed/demo";
import { buildDemoWorld } from "@/prisma/seed/world";
import { verifyAuditChain } from "./chain";
import { appealRows, eventFigures, projectedFigures, type StatsFilter } from "./load-stats";
import { rebuildStatsFacts } from "./stats-projection";
import { dialect } from "./sql";

let t: TestDatabase;
beforeAll(async () => {
  t = await useFreshDatabase();
  await seedDemo(db());
  await buildDemoWorld();
}, 600_000);
afterAll(async () => t?.drop());

type Figures = Awaited<ReturnType<typeof projectedFigures>>;
function sorted(x: Figures) {
  return {
    stageSamples: x.stageSamples
      .map((r) => ({ ...r, ms: [...r.ms].sort((a, b) => a - b) }))
      .sort((a, b) => `${a.stage}/${a.labOrgId}`.localeCompare(`${b.stage}/${b.labOrgId}`)),
    labReports: [...x.labReports].sort((a, b) => a.labOrgId.localeCompare(b.labOrgId)),
    panels: [...x.panels].sort((a, b) => a.votes - b.votes || a.majority - b.majority),
    appealEvents: [...(x.appealEvents ?? [])].sort((a, b) => a.type.localeCompare(b.type)),
  };
}

async function filters(): Promise<StatsFilter[]> {
  const pilots = await db().pilot.findMany({ select: { id: true } });
  const categories = [...new Set((await db().schemeVersion.findMany({ select: { category: true } })).map((s) => s.category))];
  const cases = await db().case.findMany({ select: { createdAt: true }, orderBy: { createdAt: "asc" } });
  const mid = cases[Math.floor(cases.length / 2)].createdAt;
  const out: StatsFilter[] = [];
  for (const p of pilots) {
    out.push({ pilotId: p.id }, { pilotId: p.id, from: mid }, { pilotId: p.id, to: mid });
    for (const category of categories) out.push({ pilotId: p.id, category });
  }
  return out;
}

const facts = async () =>
  (await db().statsFact.findMany({ orderBy: [{ seq: "asc" }, { kind: "asc" }] })).map((f) => ({ ...f, ms: f.ms === null ? null : Number(f.ms) }));

describe(`the dashboard's projection on the demo world (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("gives, for every filter, the figures the scan of the audit events gives", async () => {
    const all = await filters();
    expect(all.length).toBeGreaterThan(7);
    let samples = 0;
    for (const f of all) {
      const projected = await projectedFigures(db(), dialect(), f);
      const scanned = { ...(await eventFigures(db(), dialect(), f, true)), appealEvents: await appealRows(db(), f) };
      expect(sorted(projected), JSON.stringify(f)).toEqual(sorted(scanned));
      samples += projected.stageSamples.reduce((n, s) => n + s.ms.length, 0);
    }
    // The world has figures of every kind to compare.
    const whole = await projectedFigures(db(), dialect(), all[0]);
    expect(samples).toBeGreaterThan(20);
    expect(new Set(whole.stageSamples.map((s) => s.stage))).toEqual(new Set(["screening", "testing", "review", "decision"]));
    expect(whole.panels.length).toBeGreaterThan(0);
    expect(whole.appealEvents.length).toBeGreaterThan(0);
  });

  it("rebuilding the projection from the events gives exactly the rows the door wrote", async () => {
    const written = await facts();
    expect(written.length).toBeGreaterThan(50);
    expect(await rebuildStatsFacts(db(), dialect())).toBe(written.length);
    expect(await facts()).toEqual(written);
  });
});

describe(`chain verification, driver and client read paths (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  const both = async () => [await verifyAuditChain(db(), { url: t.url }), await verifyAuditChain(db()), await verifyAuditChain(db(), 7)];

  it("an intact chain verifies the same way on every path", async () => {
    const count = await db().auditEvent.count();
    for (const r of await both()) expect(r).toMatchObject({ ok: true, count });
  });

  it("names the row of every kind of tampering, and only that row", async () => {
    const victim = await db().auditEvent.findFirstOrThrow({ where: { type: "VOTE" }, orderBy: { seq: "asc" } });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(victim.payload) as Record<string, unknown>).reverse()));
    const tamperings: { data: Record<string, unknown>; reason: RegExp }[] = [
      { data: { payload: victim.payload.replace('"rationale":"', '"rationale":"Edited: ') }, reason: /content/ },
      // The same value spelt otherwise is not the canonical JSON that was hashed.
      { data: { payload: reordered }, reason: /content/ },
      { data: { payload: ` ${victim.payload}` }, reason: /content/ },
      { data: { actorRole: "ministry" }, reason: /content/ },
      { data: { at: new Date(victim.at.getTime() + 1) }, reason: /content/ },
      { data: { caseId: null }, reason: /content/ },
      { data: { prevHash: "f".repeat(64) }, reason: /previous hash/ },
    ];
    expect(reordered).not.toBe(victim.payload);
    expect(victim.payload).toContain('"rationale":"');
    for (const { data, reason } of tamperings) {
      await db().auditEvent.update({ where: { seq: victim.seq }, data });
      try {
        for (const r of await both()) expect(r, JSON.stringify(data)).toMatchObject({ ok: false, brokenAt: victim.seq, count: victim.seq - 1, reason: expect.stringMatching(reason) });
      } finally {
        await db().auditEvent.update({ where: { seq: victim.seq }, data: { payload: victim.payload, actorRole: victim.actorRole, at: victim.at, caseId: victim.caseId, prevHash: victim.prevHash } });
      }
    }
    for (const r of await both()) expect(r).toMatchObject({ ok: true });
  });

  it("finds a missing event and a head that names another count", async () => {
    const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
    await db().auditHead.update({ where: { id: 1 }, data: { seq: head.seq + 1 } });
    try {
      for (const r of await both()) expect(r).toMatchObject({ ok: false, brokenAt: head.seq + 1, reason: expect.stringMatching(/head names/) });
    } finally {
      await db().auditHead.update({ where: { id: 1 }, data: { seq: head.seq } });
    }
    const victim = await db().auditEvent.findFirstOrThrow({ where: { seq: Math.floor(head.seq / 2) } });
    await db().$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${victim.seq}`;
    try {
      for (const r of await both()) expect(r).toMatchObject({ ok: false, brokenAt: victim.seq, count: victim.seq - 1, reason: `event ${victim.seq} is missing` });
    } finally {
      await db().$executeRaw`INSERT INTO "AuditEvent" ("seq", "caseId", "actorId", "actorRole", "type", "payload", "at", "prevHash", "hash")
        VALUES (${victim.seq}, ${victim.caseId}, ${victim.actorId}, ${victim.actorRole}, ${victim.type}, ${victim.payload}, ${victim.at}, ${victim.prevHash}, ${victim.hash})`;
    }
    for (const r of await both()) expect(r).toMatchObject({ ok: true });
  });
});
