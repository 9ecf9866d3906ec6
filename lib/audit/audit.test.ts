// The audit surface through its HTTP routes and use cases: who may reach it, exports that equal the
// database, signed checkpoints checked with openssl, findings rules and the pilots' stage limits.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/permissions";
import { getPortalSigningKey } from "@/lib/certificates/portal-key";
import { verifyAuditChain } from "./chain";
import { exportAudit, CASE_COLUMNS, EVENT_COLUMNS } from "./export";
import { ChainBreak, ChainReplay, type ExportedEvent } from "./replay";
import { checkpointIfDue, createCheckpoint, parseCheckpointStatement, CHECKPOINT_EVERY_MS } from "./checkpoints";
import { countAuditEvents, listAuditEvents } from "./explorer/query";
import { GET as statsGET } from "@/app/api/v1/pilots/[id]/stats/route";
import { GET as pilotsGET } from "@/app/api/v1/pilots/route";
import { PUT as limitsPUT } from "@/app/api/v1/pilots/[id]/stage-limits/route";
import { GET as eventsGET } from "@/app/api/v1/audit/events/route";
import { GET as exportGET } from "@/app/api/v1/audit/export/route";
import { GET as checkpointsGET, POST as checkpointsPOST } from "@/app/api/v1/audit/checkpoints/route";
import { GET as statementGET } from "@/app/api/v1/audit/checkpoints/[id]/statement/route";
import { GET as signatureGET } from "@/app/api/v1/audit/checkpoints/[id]/signature/route";
import { GET as findingsGET, POST as findingsPOST } from "@/app/api/v1/findings/route";
import { POST as answerPOST } from "@/app/api/v1/findings/[id]/answer/route";
import { POST as closePOST } from "@/app/api/v1/findings/[id]/close/route";

let t: TestDatabase;
let w: World;
let caseId: string;
const tokens = new Map<string, string>();

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P = Record<string, string>>(handler: Handler<P>, as: SessionUser, url: string, init: RequestInit = {}, params?: P) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${tokens.get(as.id)}`);
  if (init.body) headers.set("content-type", "application/json");
  return handler(new Request(`http://localhost${url}`, { ...init, headers }), { params: Promise.resolve((params ?? {}) as P) });
}

async function streamText(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

// Exports start with a UTF-8 byte order mark (for spreadsheets); a CSV reader skips it.
const csvRows = (text: string) => parseCsv(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
const nullIfEmpty = (v: string) => (v === "" ? null : v);

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  for (const u of Object.values(w.users)) {
    const token = `zj_test_${crypto.randomBytes(16).toString("hex")}`;
    tokens.set(u.id, token);
    await db().apiToken.create({ data: { userId: u.id, name: "audit test", prefix: token.slice(0, 8), tokenHash: hashToken(token), scopes: "read oversight:write" } });
  }
  caseId = await caseIn(w, "decision", { level: "L2" });
  await caseIn(w, "testing");
  await caseIn(w, "certified", { level: "L1", schemeId: "tv" });
}, 180_000);
afterAll(async () => t?.drop());

describe(`who may reach the audit (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("only the ministry and the secretariat get the stats, the explorer, the export, the checkpoints and the findings", async () => {
    const pilot = w.pilot.id;
    const reads: [string, () => (u: SessionUser) => Promise<Response>][] = [
      ["stats", () => (u) => call(statsGET, u, `/api/v1/pilots/${pilot}/stats`, {}, { id: pilot })],
      ["pilots", () => (u) => call(pilotsGET, u, "/api/v1/pilots")],
      ["events", () => (u) => call(eventsGET, u, "/api/v1/audit/events")],
      ["export events", () => (u) => call(exportGET, u, "/api/v1/audit/export?what=events&format=csv")],
      ["export cases", () => (u) => call(exportGET, u, "/api/v1/audit/export?what=cases&format=json")],
      ["checkpoints", () => (u) => call(checkpointsGET, u, "/api/v1/audit/checkpoints")],
      ["findings", () => (u) => call(findingsGET, u, "/api/v1/findings")],
    ];
    for (const [name, make] of reads) {
      const req = make();
      for (const u of [w.users.ministry1, w.users.secretariat]) {
        const r = await req(u);
        expect(r.status, `${name} as ${u.role}`).toBe(200);
        await r.arrayBuffer();
      }
      for (const u of [w.users.vendorA, w.users.lab1, w.users.expert1, w.users.admin]) {
        const r = await req(u);
        expect(r.status, `${name} as ${u.role}`).toBe(403);
        expect((await r.json()).error.code).toBe("FORBIDDEN");
      }
    }
  });

  it("the stats API answers the same figures as the dashboard function, and 404 for an unknown pilot", async () => {
    const r = await call(statsGET, w.users.secretariat, `/api/v1/pilots/${w.pilot.id}/stats?category=tv`, {}, { id: w.pilot.id });
    const body = await r.json();
    expect(body.totalCases).toBe(1);
    expect(body.casesByState).toEqual([{ state: "certified", count: 1 }]);
    expect(body.levels.byCategory).toEqual([{ category: "tv", total: 1, L1: 1, L2: 0, L3: 0, L4: 0 }]);
    expect(body.filter).toEqual({ category: "tv", from: null, to: null });
    const missing = await call(statsGET, w.users.ministry1, "/api/v1/pilots/nope/stats", {}, { id: "nope" });
    expect(missing.status).toBe(404);
    const bad = await call(statsGET, w.users.ministry1, `/api/v1/pilots/${w.pilot.id}/stats?from=2026-06-01&to=2026-05-01`, {}, { id: w.pilot.id });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details).toHaveProperty("to");
  });
});

describe("the audit explorer", () => {
  it("pages by seq, newest first, without gaps or repeats, and filters by case, type, role and actor", async () => {
    const all = await db().auditEvent.findMany({ orderBy: { seq: "desc" } });
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listAuditEvents(w.users.ministry1, { take: "7", ...(before ? { before: String(before) } : {}) });
      // "N of M": the page's first row is the (newer + 1)-th of the total.
      expect(await countAuditEvents(w.users.ministry1, before ? { before: String(before) } : {})).toEqual({ total: all.length, newer: seen.length });
      seen.push(...page.events.map((e) => e.seq));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(all.map((e) => e.seq));

    const ofCase = await listAuditEvents(w.users.secretariat, { caseId, take: "500" });
    expect((await countAuditEvents(w.users.secretariat, { caseId })).total).toBe(all.filter((e) => e.caseId === caseId).length);
    expect(ofCase.events.map((e) => e.seq)).toEqual(all.filter((e) => e.caseId === caseId).map((e) => e.seq));
    const votes = await listAuditEvents(w.users.ministry1, { type: "VOTE", role: "expert", actorId: w.users.expert2.id, take: "500" });
    expect(votes.events.length).toBeGreaterThan(0);
    expect(votes.events.every((e) => e.type === "VOTE" && e.actorRole === "expert" && e.actorId === w.users.expert2.id && e.actorName === w.users.expert2.name)).toBe(true);
    const future = await listAuditEvents(w.users.ministry1, { from: "2099-01-01" });
    expect(future.events).toEqual([]);
    const r = await call(eventsGET, w.users.ministry1, "/api/v1/audit/events?take=9999");
    expect(r.status).toBe(422);
  });
});

describe("exports", () => {
  it("an events export, CSV or JSON and over many pages, re-imports to exactly the database's rows and re-computes the chain", async () => {
    const rows = await db().auditEvent.findMany({ orderBy: { seq: "asc" } });
    const expected: ExportedEvent[] = rows.map((r) => ({ ...r, at: r.at.toISOString(), redacted: false }));
    expect(expected.length).toBeGreaterThan(20);

    const csv = await streamText((await exportAudit(w.users.ministry1, { what: "events", format: "csv" }, { pageSize: 7 })).stream);
    expect(csv.split("\r\n")[0]).toBe(EVENT_COLUMNS.join(","));
    const fromCsv: ExportedEvent[] = csvRows(csv).map((r) => ({
      seq: Number(r.seq), caseId: nullIfEmpty(r.caseId), actorId: nullIfEmpty(r.actorId), actorRole: r.actorRole, type: r.type,
      payload: r.payload, at: r.at, prevHash: r.prevHash, hash: r.hash, redacted: r.redacted === "true",
    }));
    expect(fromCsv).toEqual(expected);

    const json = await streamText((await exportAudit(w.users.secretariat, { what: "events", format: "json" }, { pageSize: 5 })).stream);
    expect(JSON.parse(json)).toEqual(expected);

    const replay = new ChainReplay();
    for (const e of fromCsv) replay.push(e);
    const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(replay.head).toEqual({ seq: head.seq, hash: head.hash });
  });

  it("keeps an open panel's votes blind to the secretariat in the explorer and the export, not to the ministry", async () => {
    const open = await caseIn(w, "review.voting");
    const { send } = await import("@/test/world");
    await send(w.users.expert1, open, "VOTE", { verdict: "reject", rationale: "Secret rationale" });
    const vote = await db().auditEvent.findFirstOrThrow({ where: { caseId: open, type: "VOTE" } });
    const sec = (await listAuditEvents(w.users.secretariat, { caseId: open, type: "VOTE" })).events;
    expect(sec).toHaveLength(1);
    expect(sec[0]).toMatchObject({ seq: vote.seq, redacted: true });
    expect(JSON.stringify(sec[0].payload)).not.toContain("Secret rationale");
    const min = (await listAuditEvents(w.users.ministry1, { caseId: open, type: "VOTE" })).events;
    expect(min[0]).toMatchObject({ redacted: false, payload: { verdict: "reject", rationale: "Secret rationale" } });

    const secExport = JSON.parse(await streamText((await exportAudit(w.users.secretariat, { what: "events", format: "json" })).stream)) as ExportedEvent[];
    expect(JSON.stringify(secExport)).not.toContain("Secret rationale");
    const replay = new ChainReplay();
    for (const e of secExport) replay.push(e);
    expect(replay.redacted).toBe(1);
    const minExport = await streamText((await exportAudit(w.users.ministry1, { what: "events", format: "csv" })).stream);
    expect(minExport).toContain("Secret rationale");

    // Once the panel closes, the secretariat reads the votes too.
    await send(w.users.expert2, open, "VOTE", { verdict: "approve", level: "L2", rationale: "ok" });
    await send(w.users.expert3, open, "VOTE", { verdict: "approve", level: "L2", rationale: "ok" });
    const after = (await listAuditEvents(w.users.secretariat, { caseId: open, type: "VOTE" })).events;
    expect(after.every((e) => !e.redacted)).toBe(true);
    expect(JSON.stringify(after)).toContain("Secret rationale");
  });

  it("the HTTP export streams with a download name, and applies the explorer's filters", async () => {
    const r = await call(exportGET, w.users.ministry1, `/api/v1/audit/export?what=events&format=json&caseId=${caseId}&type=VOTE`);
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(r.headers.get("content-disposition")).toMatch(/attachment; filename="zhiji-audit-events-\d{8}T\d{6}Z\.json"/);
    const body = (await r.json()) as ExportedEvent[];
    const votes = await db().auditEvent.findMany({ where: { caseId, type: "VOTE" }, orderBy: { seq: "asc" } });
    expect(body.map((e) => e.seq)).toEqual(votes.map((v) => v.seq));
    const bad = await call(exportGET, w.users.ministry1, "/api/v1/audit/export?what=everything&format=csv");
    expect(bad.status).toBe(422);
  });

  it("a cases export re-imports to the database's cases", async () => {
    const cases = await db().case.findMany({
      include: { schemeVersion: true, product: true, organization: true },
      orderBy: { id: "asc" },
    });
    const expected = cases.map((c) => ({
      id: c.id, pilotId: c.pilotId, category: c.schemeVersion.category, schemeId: c.schemeVersion.schemeId, schemeVersion: c.schemeVersion.version,
      state: c.state, version: c.version, vendorId: c.organizationId, vendorName: c.organization.name, productName: c.product.name,
      productModel: c.product.model, softwareVersion: c.product.softwareVersion, claimedLevel: c.claimedLevel, labOrgId: c.labOrgId,
      labLevel: c.labLevel, labProfile: c.labProfile, recommendation: c.recommendation, awardedLevel: c.awardedLevel,
      validUntil: c.validUntil?.toISOString() ?? null, stateEnteredAt: c.stateEnteredAt.toISOString(), createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
    const json = JSON.parse(await streamText((await exportAudit(w.users.ministry1, { what: "cases", format: "json" }, { pageSize: 2 })).stream));
    expect(json).toEqual(expected);
    const csv = csvRows(await streamText((await exportAudit(w.users.ministry1, { what: "cases", format: "csv" }, { pageSize: 2 })).stream));
    expect(Object.keys(csv[0])).toEqual([...CASE_COLUMNS]);
    expect(csv.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "version" ? Number(v) : nullIfEmpty(v)])))).toEqual(expected);
    const tv = JSON.parse(await streamText((await exportAudit(w.users.ministry1, { what: "cases", format: "json", category: "tv" })).stream));
    expect(tv.map((c: { id: string }) => c.id)).toEqual(expected.filter((c) => c.category === "tv").map((c) => c.id));
  });
});

describe("CSV exports are safe to open in a spreadsheet", () => {
  it("a vendor's formula-like product name leaves as text, and a byte order mark lets Excel read Chinese", async () => {
    const { createCase } = await import("@/lib/cases/create-case");
    const { COMPLETE_APPLICATION } = await import("@/test/world");
    const evil = '=HYPERLINK("http://evil","x")';
    const others = ["+SUM(1,2)", "-2+3", "@cmd", "智能手机 星河"];
    const ids: string[] = [];
    for (const name of [evil, ...others]) {
      const c = await createCase(w.users.vendorA, {
        schemeId: "phone",
        product: { name, model: `EV-${ids.length}`, softwareVersion: "1.0" },
        claimedLevel: "L2",
        application: COMPLETE_APPLICATION,
      });
      ids.push(c.id);
    }
    const raw = await streamText((await exportAudit(w.users.ministry1, { what: "cases", format: "csv" })).stream);
    // (Response.text() decodes UTF-8 and drops the byte order mark, checked on the bytes below.)
    expect(raw.startsWith(CASE_COLUMNS.join(","))).toBe(true);
    // No cell of the file starts with a formula character.
    const cells = parseCsv(raw, { bom: true, skip_empty_lines: true }) as string[][];
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const byId = new Map(csvRows(raw).map((r) => [r.id, r]));
    expect(byId.get(ids[0])!.productName).toBe(`'${evil}`);
    expect(byId.get(ids[1])!.productName).toBe("'+SUM(1,2)");
    expect(byId.get(ids[2])!.productName).toBe("'-2+3");
    expect(byId.get(ids[3])!.productName).toBe("'@cmd");
    expect(byId.get(ids[4])!.productName).toBe("智能手机 星河");
    // The bytes are UTF-8 with the BOM EF BB BF first.
    const bytes = new Uint8Array(await new Response((await exportAudit(w.users.ministry1, { what: "cases", format: "csv" })).stream).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The events CSV of such a case still re-imports: its payloads are JSON objects, never escaped.
    const events = csvRows(await streamText((await exportAudit(w.users.ministry1, { what: "events", format: "csv", caseId: ids[0] })).stream));
    expect(events[0]).toMatchObject({ type: "CASE_CREATED", caseId: ids[0] });
    expect(JSON.parse(events[0].payload)).toMatchObject({ to: "draft" });
  });
});

describe("signed checkpoints", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-checkpoint-"));
  const files = { statement: path.join(dir, "statement.txt"), sig: path.join(dir, "sig.der"), ca: path.join(dir, "ca.pem") };
  const opensslVerify = () =>
    spawnSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", files.sig, "-content", files.statement, "-CAfile", files.ca, "-purpose", "any", "-out", "/dev/null"], { encoding: "utf8" });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("signs the chain head; openssl verifies it against the portal's CA and refuses an altered statement", async () => {
    const events = await db().auditEvent.count();
    const r = await call(checkpointsPOST, w.users.ministry1, "/api/v1/audit/checkpoints", { method: "POST" });
    expect(r.status).toBe(201);
    const cp = await r.json();
    const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(cp).toMatchObject({ seq: head.seq, head: head.hash, count: events, signatureValid: true, headMatches: true });
    expect(cp.statement).toBe(`zhiji-audit-checkpoint v1\nseq=${head.seq}\nhead=${head.hash}\ncount=${events}\nat=${cp.signedAt}\n`);
    // Signing appended nothing: the head it names is still the head.
    expect(await db().auditEvent.count()).toBe(events);

    // The files as a verifier downloads them.
    const stmt = await call(statementGET, w.users.secretariat, `/api/v1/audit/checkpoints/${cp.id}/statement`, {}, { id: cp.id });
    fs.writeFileSync(files.statement, Buffer.from(await stmt.arrayBuffer()));
    const sig = await call(signatureGET, w.users.secretariat, `/api/v1/audit/checkpoints/${cp.id}/signature`, {}, { id: cp.id });
    fs.writeFileSync(files.sig, Buffer.from(await sig.arrayBuffer()));
    expect(fs.readFileSync(files.sig).equals(Buffer.from(cp.signature, "base64"))).toBe(true);
    fs.writeFileSync(files.ca, (await getPortalSigningKey()).caPem);

    const ok = opensslVerify();
    expect(ok.stderr).toContain("Verification successful");
    expect(ok.status).toBe(0);

    fs.writeFileSync(files.statement, cp.statement.replace(`count=${events}`, `count=${events - 1}`));
    const altered = opensslVerify();
    expect(altered.status).not.toBe(0);
    expect(altered.stderr).toMatch(/Verification failure|digest failure/i);
    fs.writeFileSync(files.statement, cp.statement);

    const list = await (await call(checkpointsGET, w.users.secretariat, "/api/v1/audit/checkpoints")).json();
    expect(list.checkpoints[0]).toMatchObject({ id: cp.id, signatureValid: true, headMatches: true });
  });

  const verifyExport = (...args: string[]) =>
    spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts/verify-export.ts"), ...args], { encoding: "utf8" });

  it("scripts/verify-export.ts recomputes an exported chain (JSON or CSV) up to the signed head", async () => {
    for (const format of ["json", "csv"] as const) {
      const file = path.join(dir, `events.${format}`);
      // The file's bytes exactly as downloaded (the CSV starts with a byte order mark).
      fs.writeFileSync(file, Buffer.from(await new Response((await exportAudit(w.users.ministry1, { what: "events", format })).stream).arrayBuffer()));
      if (format === "csv") expect([...fs.readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const r = verifyExport(file, "--checkpoint", files.statement);
      expect(r.stdout).toMatch(/^OK \d+ events recomputed from the genesis/m);
      expect(r.stdout).toContain("CHECKPOINT MATCHES");
      expect(r.status).toBe(0);
    }
    // An attacker who alters an event and recomputes every later hash keeps the links intact, but
    // cannot reach the signed head.
    const json = path.join(dir, "events.json");
    const rows = JSON.parse(fs.readFileSync(json, "utf8")) as ExportedEvent[];
    const { hashEvent, canonicalJson } = await import("./chain");
    let prev = "0".repeat(64);
    const forged = rows.map((e, i) => {
      const payload = i === 3 ? canonicalJson({ ...JSON.parse(e.payload), forged: true }) : e.payload;
      const hash = hashEvent(prev, { seq: e.seq, caseId: e.caseId, actorId: e.actorId, actorRole: e.actorRole, type: e.type, payload: JSON.parse(payload), at: e.at });
      const out = { ...e, payload, prevHash: prev, hash };
      prev = hash;
      return out;
    });
    fs.writeFileSync(json, "[\n" + forged.map((e) => JSON.stringify(e)).join(",\n") + "\n]\n");
    const r = verifyExport(json, "--checkpoint", files.statement);
    expect(r.stdout).toMatch(/^OK /m);
    expect(r.stdout).toContain("CHECKPOINT DOES NOT MATCH");
    expect(r.status).toBe(1);
  });

  it("after one event is altered, the exported events no longer lead to the signed head and no new checkpoint is signed", async () => {
    const statement = fs.readFileSync(files.statement, "utf8");
    const signed = parseCheckpointStatement(statement)!;
    const victim = await db().auditEvent.findFirstOrThrow({ where: { type: "ACCEPT" }, orderBy: { seq: "asc" } });
    const replayExport = async () => {
      const json = JSON.parse(await streamText((await exportAudit(w.users.ministry1, { what: "events", format: "json" })).stream)) as ExportedEvent[];
      const replay = new ChainReplay();
      try {
        for (const e of json) {
          replay.push(e);
          if (e.seq === signed.seq) break;
        }
      } catch (e) {
        if (!(e instanceof ChainBreak)) throw e;
        return { brokenAt: e.seq };
      }
      return { head: replay.head.hash };
    };
    expect(await replayExport()).toEqual({ head: signed.head });

    await db().auditEvent.update({ where: { seq: victim.seq }, data: { payload: victim.payload.replace('"from":"screening"', '"from":"draft"') } });
    try {
      expect(await replayExport()).toEqual({ brokenAt: victim.seq });
      const tampered = path.join(dir, "tampered.csv");
      fs.writeFileSync(tampered, await streamText((await exportAudit(w.users.ministry1, { what: "events", format: "csv" })).stream));
      const cli = verifyExport(tampered, "--checkpoint", files.statement);
      expect(cli.stdout).toContain(`BROKEN at event ${victim.seq}: content does not match its hash`);
      expect(cli.status).toBe(1);
      // Even recomputing every hash afresh (so that the links hold) ends at another head than the signed one.
      const json = JSON.parse(await streamText((await exportAudit(w.users.ministry1, { what: "events", format: "json" })).stream)) as ExportedEvent[];
      let prev = "0".repeat(64);
      const { hashEvent } = await import("./chain");
      for (const e of json.filter((x) => x.seq <= signed.seq)) {
        prev = hashEvent(prev, { seq: e.seq, caseId: e.caseId, actorId: e.actorId, actorRole: e.actorRole, type: e.type, payload: JSON.parse(e.payload), at: e.at });
      }
      expect(prev).not.toBe(signed.head);
      // The signed statement itself still verifies: the proof that the chain was different.
      expect(opensslVerify().status).toBe(0);

      // With no good checkpoint to start from, signing re-checks from the genesis and refuses.
      await db().auditCheckpoint.deleteMany({});
      const refused = await call(checkpointsPOST, w.users.ministry1, "/api/v1/audit/checkpoints", { method: "POST" });
      expect(refused.status).toBe(409);
      expect((await refused.json()).error).toMatchObject({ code: "CONFLICT", details: { brokenAt: victim.seq } });
      expect(await db().auditCheckpoint.count()).toBe(0);
    } finally {
      await db().auditEvent.update({ where: { seq: victim.seq }, data: { payload: victim.payload } });
    }
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("the daily job signs when none was signed in the last 24 hours, and only then", async () => {
    await db().auditCheckpoint.deleteMany({});
    const now = new Date();
    const first = await checkpointIfDue(now);
    expect(first).not.toBeNull();
    expect(await checkpointIfDue(new Date(now.getTime() + CHECKPOINT_EVERY_MS - 1))).toBeNull();
    const next = await checkpointIfDue(new Date(now.getTime() + CHECKPOINT_EVERY_MS));
    expect(next).not.toBeNull();
    expect(await db().auditCheckpoint.count()).toBe(2);
  });

  it("only the ministry may sign a checkpoint", async () => {
    const r = await call(checkpointsPOST, w.users.secretariat, "/api/v1/audit/checkpoints", { method: "POST" });
    expect(r.status).toBe(403);
    await expect(createCheckpoint(w.users.vendorA)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("findings", () => {
  it("the ministry records, the secretariat answers, the ministry closes — each step in the chain", async () => {
    const before = await db().auditEvent.count();
    const created = await call(findingsPOST, w.users.ministry1, "/api/v1/findings", {
      method: "POST",
      body: JSON.stringify({ caseId, severity: "high", text: "Panel rationale does not address memory items" }),
    });
    expect(created.status).toBe(201);
    const f = await created.json();
    expect(f).toMatchObject({ caseId, severity: "high", status: "open", createdBy: { id: w.users.ministry1.id } });

    const early = await call(closePOST, w.users.ministry1, `/api/v1/findings/${f.id}/close`, { method: "POST" }, { id: f.id });
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toMatch(/not been answered/);

    const answered = await call(answerPOST, w.users.secretariat, `/api/v1/findings/${f.id}/answer`, { method: "POST", body: JSON.stringify({ answer: "Panel asked to add a memory rationale" }) }, { id: f.id });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ status: "answered", answer: "Panel asked to add a memory rationale", answeredBy: { id: w.users.secretariat.id } });
    const again = await call(answerPOST, w.users.secretariat, `/api/v1/findings/${f.id}/answer`, { method: "POST", body: JSON.stringify({ answer: "second" }) }, { id: f.id });
    expect(again.status).toBe(409);

    const closed = await call(closePOST, w.users.ministry2, `/api/v1/findings/${f.id}/close`, { method: "POST" }, { id: f.id });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ status: "closed", closedBy: { id: w.users.ministry2.id } });
    const twice = await call(closePOST, w.users.ministry1, `/api/v1/findings/${f.id}/close`, { method: "POST" }, { id: f.id });
    expect(twice.status).toBe(409);

    const events = await db().auditEvent.findMany({ where: { seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.type, e.caseId, e.actorId])).toEqual([
      ["FINDING_RECORDED", caseId, w.users.ministry1.id],
      ["FINDING_ANSWERED", caseId, w.users.secretariat.id],
      ["FINDING_CLOSED", caseId, w.users.ministry2.id],
    ]);
    expect(JSON.parse(events[0].payload)).toEqual({ findingId: f.id, severity: "high", text: "Panel rationale does not address memory items" });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("each step belongs to one role; bad input and unknown findings change nothing", async () => {
    const before = await db().auditEvent.count();
    const post = (u: SessionUser, body: unknown) => call(findingsPOST, u, "/api/v1/findings", { method: "POST", body: JSON.stringify(body) });
    for (const u of [w.users.secretariat, w.users.vendorA, w.users.lab1, w.users.admin]) {
      expect((await post(u, { caseId, severity: "low", text: "x" })).status).toBe(403);
    }
    const bad = await post(w.users.ministry1, { caseId, severity: "critical", text: "  " });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.details).sort()).toEqual(["severity", "text"]);
    expect((await post(w.users.ministry1, { caseId: "no-such-case", severity: "low", text: "x" })).status).toBe(404);
    expect(await db().auditEvent.count()).toBe(before);
    expect(await db().finding.count({ where: { severity: "critical" } })).toBe(0);

    const f = await (await post(w.users.ministry1, { caseId, severity: "low", text: "Check the lab's evidence list" })).json();
    const answer = (u: SessionUser) => call(answerPOST, u, `/api/v1/findings/${f.id}/answer`, { method: "POST", body: JSON.stringify({ answer: "ok" }) }, { id: f.id });
    expect((await answer(w.users.ministry1)).status).toBe(403);
    expect((await answer(w.users.vendorA)).status).toBe(403);
    const empty = await call(answerPOST, w.users.secretariat, `/api/v1/findings/${f.id}/answer`, { method: "POST", body: JSON.stringify({ answer: "" }) }, { id: f.id });
    expect(empty.status).toBe(422);
    expect((await call(answerPOST, w.users.secretariat, "/api/v1/findings/nope/answer", { method: "POST", body: JSON.stringify({ answer: "x" }) }, { id: "nope" })).status).toBe(404);
    expect((await answer(w.users.secretariat)).status).toBe(200);
    expect((await call(closePOST, w.users.secretariat, `/api/v1/findings/${f.id}/close`, { method: "POST" }, { id: f.id })).status).toBe(403);

    const pending = await (await call(findingsGET, w.users.secretariat, `/api/v1/findings?caseId=${caseId}&status=pending`)).json();
    expect(pending.findings.map((x: { id: string }) => x.id)).toEqual([f.id]);
    const stats = await (await call(statsGET, w.users.ministry1, `/api/v1/pilots/${w.pilot.id}/stats`, {}, { id: w.pilot.id })).json();
    expect(stats.findings).toEqual({ open: 0, answered: 1, closed: 1 });
  });
});

describe("stage limits", () => {
  it("the secretariat sets a pilot's limits (recorded in the chain); others may not; bad values are refused field by field", async () => {
    const put = (u: SessionUser, body: unknown) => call(limitsPUT, u, `/api/v1/pilots/${w.pilot.id}/stage-limits`, { method: "PUT", body: JSON.stringify(body) }, { id: w.pilot.id });
    expect((await put(w.users.ministry1, { screening: 5 })).status).toBe(403);
    const bad = await put(w.users.secretariat, { screening: 0, testing: "many", review: 2.5 });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.details).sort()).toEqual(["review", "screening", "testing"]);
    const ok = await put(w.users.secretariat, { screening: 7, testing: 30, review: "", decision: 5 });
    expect(await ok.json()).toEqual({ stageLimits: { screening: 7, testing: 30, decision: 5 } });
    const pilots = await (await call(pilotsGET, w.users.ministry1, "/api/v1/pilots")).json();
    expect(pilots.pilots.find((p: { id: string }) => p.id === w.pilot.id).stageLimits).toEqual({ screening: 7, testing: 30, decision: 5 });
    const ev = await db().auditEvent.findFirstOrThrow({ where: { type: "PILOT_STAGE_LIMITS_SET" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(ev.payload)).toMatchObject({ pilotId: w.pilot.id, after: { screening: 7, testing: 30, decision: 5 } });
  });
});
