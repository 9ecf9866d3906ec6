// After-care amendments reissue a certificate (docs/domain.md#revisions): a minor change
// (CHANGE_CLASSIFIED) or a change concluded `amended` (CHANGE_CONCLUDED) is a new revision at the
// same level covering the changed product; every later revision carries the amendments before it.
// The change case rows and their audit events are written here directly, as the after-care door does.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/chain";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { parseProductSnapshot } from "@/lib/cases/product-snapshot";
import { initialChangeContext } from "@/workflows/aftercare";
import { registerCertificateJobs } from "./register";
import { issueCertificate } from "./issue-certificate";
import { getPublicCertificate } from "./public";
import { verifyCertificate } from "./verify-certificate";
import { parseRegistryQuery, searchRegistry } from "./registry";
import { applyAmendments } from "./amendments";

let t: TestDatabase;
let w: World;
let tmp: string;
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-amend-"));
}, 120_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Kind = "software" | "on_device_model" | "cloud_model" | "hardware" | "surveillance";

/**
 * A change case of `caseId` that ended in `state`, and its audit event: CHANGE_CLASSIFIED (a minor
 * change, amended at once) or CHANGE_CONCLUDED. Returns the change's id and the event's sequence.
 */
async function change(
  caseId: string,
  opts: { kind: Kind; from: string; to: string; reason: string; state?: string; event?: "CHANGE_CLASSIFIED" | "CHANGE_CONCLUDED"; at?: Date },
) {
  const at = opts.at ?? new Date();
  const state = opts.state ?? "amended";
  const event = opts.event ?? "CHANGE_CLASSIFIED";
  const minor = event === "CHANGE_CLASSIFIED";
  return db().$transaction(async (tx) => {
    const row = await tx.changeCase.create({
      data: {
        caseId,
        kind: opts.kind,
        fromVersion: opts.from,
        toVersion: opts.to,
        description: `${opts.kind} ${opts.from} → ${opts.to}`,
        state,
        snapshot: JSON.stringify({ ...initialChangeContext(opts.kind), classification: minor ? "minor" : "major", outcome: state === "amended" ? "amended" : null, reason: opts.reason }),
        classification: minor ? "minor" : "major",
        outcome: state === "amended" ? "amended" : null,
        reportedById: w.users.vendorA.id,
        openedAt: new Date(at.getTime() - 60_000),
        concludedAt: ["amended", "downgraded", "suspended", "withdrawn"].includes(state) ? at : null,
      },
    });
    const payload = minor
      ? { changeId: row.id, classification: "minor", reason: opts.reason }
      : { changeId: row.id, outcome: state === "amended" ? "amended" : state, reason: opts.reason };
    const ev = await appendAuditEvent(tx, { caseId, actorId: w.users.secretariat.id, actorRole: minor ? "secretariat" : "ministry", type: event, payload, at });
    return { changeId: row.id, seq: ev.seq };
  });
}

async function certified(level: "L2" | "L3" = "L3") {
  const caseId = await caseIn(w, "certified", { level });
  await runOutboxOnce();
  const cert = await db().certificate.findFirstOrThrow({ where: { caseId } });
  return { caseId, cert };
}

function pdfText(pdf: Uint8Array, name: string) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, pdf);
  return {
    text: execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }),
    // pdfsig exits 0 even for a broken signature: its text is what counts.
    sig: spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout,
  };
}

describe(`certificate revisions from after-care amendments (${DB})`, () => {
  it("a minor software change is revision 1 (R1) at the same level with the new version; revision 0 reads superseded and names it", async () => {
    const { caseId, cert: r0 } = await certified("L3");
    expect(r0).toMatchObject({ revision: 0, revisionKind: "award", revisionReason: null, changeId: null });
    const before = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    const at = new Date(Date.now() - 5_000);
    const { changeId, seq } = await change(caseId, { kind: "software", from: "5.0.1", to: "5.1.0", reason: "Bug fixes only; no model change", at });

    const r1 = await issueCertificate(caseId, seq);
    expect(r1).toMatchObject({
      number: r0.number,
      revision: 1,
      revisionKind: "amendment",
      revisionReason: "Bug fixes only; no model change",
      changeId,
      level: "L3",
      status: "valid",
      supersededById: null,
    });
    expect(r1.issuedAt.toISOString()).toBe(at.toISOString());
    expect(r1.validUntil.toISOString()).toBe(before.validUntil!.toISOString());
    expect(r1.publicId).not.toBe(r0.publicId);
    expect(parseProductSnapshot(r1.productSnapshot)).toMatchObject({ softwareVersion: "5.1.0" });
    expect(parseProductSnapshot(r1.productSnapshot)?.versionsCovered).toBeUndefined();
    // One revision per event, ever.
    expect((await issueCertificate(caseId, seq)).id).toBe(r1.id);

    const now = pdfText(r1.pdf, "r1.pdf");
    expect(now.text).toContain(`${r0.number} R1`);
    expect(now.text).toContain("5.1.0");
    expect(now.text).toMatch(/软件 Software: 5\.0\.1 → 5\.1\.0/);
    expect(now.sig).toContain("Signature is Valid");
    expect(now.sig).toContain("Total document signed");

    // The earlier revision: superseded, naming the current one; its PDF is still a valid signature.
    const old = await getPublicCertificate(r0.publicId);
    expect(old).toMatchObject({ status: "superseded", revision: 0, supersededBy: r1.publicId, product: { softwareVersion: "5.0.1" } });
    const then = pdfText(r0.pdf, "r0.pdf");
    expect(then.sig).toContain("Signature is Valid");
    expect(then.sig).toContain("Total document signed");
    expect(then.text).not.toContain(`${r0.number} R`);
    const checked = await verifyCertificate(Buffer.from(r0.pdf));
    expect(checked).toMatchObject({ valid: true, certificate: { publicId: r0.publicId, status: "superseded" } });

    const current = await getPublicCertificate(r1.publicId);
    expect(current).toMatchObject({ status: "valid", revision: 1, supersededBy: null, level: "L3", product: { softwareVersion: "5.1.0" }, versionsCovered: [] });
    expect(current.revisions).toEqual([
      { revision: 0, publicId: r0.publicId, kind: "award", level: "L3", issuedAt: r0.issuedAt.toISOString(), status: "superseded", reason: null, change: null },
      {
        revision: 1, publicId: r1.publicId, kind: "amendment", level: "L3", issuedAt: at.toISOString(), status: "valid",
        reason: "Bug fixes only; no model change", change: { kind: "software", from: "5.0.1", to: "5.1.0" },
      },
    ]);
    // The registry shows the current revision only.
    const found = await searchRegistry(parseRegistryQuery({ number: r0.number }));
    expect(found.items.map((i) => [i.publicId, i.revision])).toEqual([[r1.publicId, 1]]);
    expect(await db().auditEvent.findFirst({ where: { caseId, type: "CERTIFICATE_ISSUED" }, orderBy: { seq: "desc" } })).toMatchObject({
      payload: expect.stringContaining(`"revisionKind":"amendment"`),
    });
  });

  it("a model change concluded amended is listed as a version covered; a later downgrade carries every amendment before it", async () => {
    const { caseId, cert: r0 } = await certified("L3");
    const sw = await change(caseId, { kind: "software", from: "5.0.1", to: "5.2.0", reason: "Minor UI update", at: new Date(Date.now() - 20_000) });
    // Neither a withdrawn change nor a surveillance changes what is covered.
    await change(caseId, { kind: "cloud_model", from: "Cloud 1", to: "Cloud 9", reason: "Withdrawn by the vendor", state: "withdrawn", at: new Date(Date.now() - 18_000) });
    await change(caseId, { kind: "surveillance", from: "", to: "", reason: "Scheduled surveillance passed", state: "amended", event: "CHANGE_CONCLUDED", at: new Date(Date.now() - 17_000) });
    const model = await change(caseId, {
      kind: "on_device_model", from: "Pangu-Lite 3B int4", to: "Pangu-Lite 3B int8", reason: "Re-test reached L3 again", event: "CHANGE_CONCLUDED", at: new Date(Date.now() - 15_000),
    });
    const r1 = await issueCertificate(caseId, sw.seq);
    const r2 = await issueCertificate(caseId, model.seq);
    expect([r1.revision, r2.revision]).toEqual([1, 2]);
    expect(parseProductSnapshot(r1.productSnapshot)).toMatchObject({ softwareVersion: "5.2.0" });
    expect(parseProductSnapshot(r1.productSnapshot)?.versionsCovered).toBeUndefined();
    expect(parseProductSnapshot(r2.productSnapshot)).toMatchObject({
      softwareVersion: "5.2.0",
      versionsCovered: [{ kind: "on_device_model", from: "Pangu-Lite 3B int4", to: "Pangu-Lite 3B int8" }],
    });
    const { text } = pdfText(r2.pdf, "r2.pdf");
    expect(text).toContain(`${r0.number} R2`);
    expect(text).toMatch(/软件 Software: 5\.0\.1 → 5\.2\.0/);
    // The wrapped line may have the level box's text set between its halves (pdftotext -layout).
    expect(text).toMatch(/端侧模型 On-device model: Pangu-Lite 3B int4 →[\s\S]{0,400}?Pangu-Lite 3B int8/);
    expect(text).not.toContain("Cloud 9");

    await send(w.users.ministry1, caseId, "DOWNGRADE", { level: "L2", reason: "Field tests show lower task success" });
    await runOutboxOnce();
    const r3 = await db().certificate.findFirstOrThrow({ where: { caseId, supersededById: null } });
    expect(r3).toMatchObject({ revision: 3, revisionKind: "downgrade", revisionReason: "Field tests show lower task success", level: "L2" });
    expect(parseProductSnapshot(r3.productSnapshot)).toMatchObject({
      softwareVersion: "5.2.0",
      versionsCovered: [{ kind: "on_device_model", from: "Pangu-Lite 3B int4", to: "Pangu-Lite 3B int8" }],
    });
    const history = (await getPublicCertificate(r0.publicId)).revisions;
    expect(history.map((r) => [r.revision, r.kind, r.level, r.status, r.change?.kind ?? null])).toEqual([
      [0, "award", "L3", "superseded", null],
      [1, "amendment", "L3", "superseded", "software"],
      [2, "amendment", "L3", "superseded", "on_device_model"],
      [3, "downgrade", "L2", "valid", null],
    ]);
    expect(history[3].reason).toBe("Field tests show lower task success");
    expect((await getPublicCertificate(r3.publicId)).versionsCovered).toEqual([{ kind: "on_device_model", from: "Pangu-Lite 3B int4", to: "Pangu-Lite 3B int8" }]);
    // An amendment after the downgrade keeps the downgraded level.
    const hw = await change(caseId, { kind: "hardware", from: "Board A", to: "Board B", reason: "Second-source board", event: "CHANGE_CONCLUDED" });
    const r4 = await issueCertificate(caseId, hw.seq);
    expect(r4).toMatchObject({ revision: 4, level: "L2", revisionKind: "amendment" });
    expect(parseProductSnapshot(r4.productSnapshot)?.versionsCovered?.map((v) => v.kind)).toEqual(["on_device_model", "hardware"]);
  });

  it("issues nothing for an event that is not an amendment, a change still open, or another case's change", async () => {
    const { caseId } = await certified("L2");
    const count = () => db().certificate.count({ where: { caseId } });
    const issued = await count();
    const open = await change(caseId, { kind: "software", from: "5.0.1", to: "6.0.0", reason: "Major rewrite", state: "retesting", event: "CHANGE_CONCLUDED" });
    await expect(issueCertificate(caseId, open.seq)).rejects.toThrow(/not an amendment|without an amendment/);
    const mine = await change(caseId, { kind: "software", from: "5.0.1", to: "5.0.2", reason: "Patch" });
    const { caseId: other } = await certified("L2");
    await expect(issueCertificate(other, mine.seq)).rejects.toThrow(/not an event of case/);
    const submitted = await db().auditEvent.findFirstOrThrow({ where: { caseId, type: "SUBMIT" } });
    await expect(issueCertificate(caseId, submitted.seq)).rejects.toThrow(/issues no certificate/);
    expect(await count()).toBe(issued);
  });

  it("applyAmendments: software replaces the version, the others are listed in order", () => {
    const base = { name: "P", model: "M", softwareVersion: "1.0", category: "phone", modelInfo: {} };
    expect(applyAmendments(base, [])).toEqual(base);
    const at = new Date();
    expect(
      applyAmendments(base, [
        { id: "a", kind: "hardware", fromVersion: "h1", toVersion: "h2", concludedAt: at },
        { id: "b", kind: "software", fromVersion: "1.0", toVersion: "1.1", concludedAt: at },
        { id: "c", kind: "cloud_model", fromVersion: "c1", toVersion: "c2", concludedAt: at },
        { id: "d", kind: "software", fromVersion: "1.1", toVersion: "1.2", concludedAt: at },
      ]),
    ).toEqual({ ...base, softwareVersion: "1.2", versionsCovered: [{ kind: "hardware", from: "h1", to: "h2" }, { kind: "cloud_model", from: "c1", to: "c2" }] });
  });
});
