// Due process through the one door, on a real database (docs/domain.md#due-process): a product that
// meets no level ends in a formal denial, every adverse decision may be appealed once within its
// window, suspensions carry a date to correct by, reinstatement needs the vendor's corrective
// evidence, and a downgrade reissues the certificate as a new revision. Refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, resultsReaching, sampleEnvelope, WORLD_VERSION, uploadCorrective, correctByIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getCase } from "./get-case";
import { saveLabReport } from "./save-lab-report";
import { uploadEvidence } from "./evidence";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { getPublicCertificate } from "@/lib/certificates/public";
import { searchRegistry, parseRegistryQuery } from "@/lib/certificates/registry";
import { verifyAuditChain } from "@/lib/audit/chain";
import { seededScheme } from "@/lib/grading/schemes";

let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
}, 120_000);
afterAll(async () => t?.drop());

const DAY = 24 * 60 * 60 * 1000;

async function refusedWith(p: Promise<unknown>, reason: string) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).reason ?? (e as AppError).code).toBe(reason);
  return e as AppError;
}

/** State, version, snapshot and audit count: equal before and after a refusal. */
async function footprint(id: string) {
  const c = await db().case.findUniqueOrThrow({ where: { id } });
  return { state: c.state, version: c.version, snapshot: c.snapshot, events: await db().auditEvent.count({ where: { caseId: id } }) };
}

/** Phone measurements that meet no level: the L1 results with one L1 threshold missed. */
function resultsMeetingNoLevel() {
  const scheme = seededScheme("phone")!;
  const item = scheme.elements.flatMap((el) => el.items).find((it) => it.thresholds.L1 !== undefined)!;
  const l1 = item.thresholds.L1!;
  return resultsReaching("phone", "L1").map((r) =>
    r.item === item.key ? { ...r, value: item.better === "higher" ? l1 - Math.max(1, Math.abs(l1) * 0.1) : l1 + Math.max(1, Math.abs(l1) * 0.1) } : r,
  );
}

function corrective(name: string) {
  const form = new FormData();
  form.append("file", new Blob([`%PDF-1.4\n% ${name}\n%%EOF\n`], { type: "application/pdf" }), name);
  return new Request("http://localhost/api/v1/cases/x/evidence", { method: "POST", body: form });
}

describe(`due process through the one door (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("a complete report that meets no level is submitted, reviewed (reject or retest only) and ends in a formal denial", async () => {
    const id = await caseIn(w, "testing");
    const saved = await saveLabReport(w.users.lab1, id, { ...sampleEnvelope(WORLD_VERSION), results: resultsMeetingNoLevel() });
    expect(saved.level).toBeNull();
    await send(w.users.lab1, id, "SUBMIT_REPORT");
    const forming = await getCase(w.users.vendorA, id);
    expect(forming).toMatchObject({ state: "review.forming", labLevel: null });

    await send(w.users.secretariat, id, "ASSIGN_PANEL", { expertIds: [w.users.expert1.id, w.users.expert2.id, w.users.expert3.id] });
    const before = await footprint(id);
    await refusedWith(send(w.users.expert1, id, "VOTE", { verdict: "approve", level: "L1", rationale: "close enough" }), "NO_LEVEL_MET");
    expect(await footprint(id)).toEqual(before);
    for (const e of [w.users.expert1, w.users.expert2, w.users.expert3]) {
      await send(e, id, "VOTE", { verdict: "reject", rationale: "Misses the L1 threshold" });
    }
    const decision = await getCase(w.users.ministry1, id);
    expect(decision.state).toBe("decision");
    expect(decision.allowedEvents).not.toContain("AWARD");
    await refusedWith(send(w.users.ministry1, id, "AWARD", { level: "L1", justification: "x" }), "NO_LAB_LEVEL");

    await send(w.users.ministry1, id, "DENY", { reason: "Does not meet L1" });
    const denied = await getCase(w.users.vendorA, id);
    expect(denied).toMatchObject({ state: "rejected", adverse: { kind: "denial", appealed: false }, allowedEvents: ["APPEAL"] });
    expect(Date.parse(denied.appealDeadline!) - Date.parse(denied.adverse!.at)).toBe(30 * DAY);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("an appeal after its window, or a second appeal of one decision, is refused and changes nothing", async () => {
    const id = await caseIn(w, "decision");
    const deniedAt = new Date();
    await send(w.users.ministry1, id, "DENY", { reason: "Evidence inconsistent" }, deniedAt);
    const before = await footprint(id);
    const late = new Date(deniedAt.getTime() + 30 * DAY + 1);
    const e = await refusedWith(send(w.users.vendorA, id, "APPEAL", { grounds: "Late" }, late), "APPEAL_WINDOW_CLOSED");
    expect(e.params).toMatchObject({ days: 30 });
    expect(await footprint(id)).toEqual(before);

    await send(w.users.vendorA, id, "APPEAL", { grounds: "The lab re-measured" }, new Date(deniedAt.getTime() + 29 * DAY));
    await refusedWith(send(w.users.ministry1, id, "DISMISS_APPEAL", { reason: "x" }), "APPEAL_JUDGE_DENIED");
    await send(w.users.ministry2, id, "DISMISS_APPEAL", { reason: "The re-measurement changes nothing" });
    const dismissed = await footprint(id);
    expect(dismissed.state).toBe("rejected");
    await refusedWith(send(w.users.vendorA, id, "APPEAL", { grounds: "Again" }), "ALREADY_APPEALED");
    expect(await footprint(id)).toEqual(dismissed);
  });

  it("suspension with a deadline; reinstatement needs the vendor's corrective evidence uploaded since", async () => {
    const id = await caseIn(w, "certified", { level: "L2" });
    await runOutboxOnce();
    // The vendor cannot add evidence while the certificate stands.
    await refusedWith(uploadEvidence(w.users.vendorA, id, corrective("early.pdf")), "EVIDENCE_NOT_NOW");

    const certifiedState = await footprint(id);
    await refusedWith(send(w.users.ministry1, id, "SUSPEND", { reason: "Complaints", correctBy: correctByIn(181) }), "CORRECT_BY_TOO_FAR");
    await refusedWith(send(w.users.ministry1, id, "SUSPEND", { reason: "Complaints", correctBy: correctByIn(-1) }), "CORRECT_BY_IN_PAST");
    expect(await footprint(id)).toEqual(certifiedState);

    const correctBy = correctByIn(60);
    await send(w.users.ministry1, id, "SUSPEND", { reason: "Wake word fails after update 5.0.2", correctBy });
    const row = await db().case.findUniqueOrThrow({ where: { id } });
    expect(row.correctBy?.toISOString()).toBe(new Date(correctBy).toISOString());
    expect((await getCase(w.users.vendorA, id)).correctBy).toBe(new Date(correctBy).toISOString());

    const suspended = await footprint(id);
    await refusedWith(send(w.users.ministry2, id, "REINSTATE", { reason: "Fixed", evidenceIds: [] }), "REINSTATE_NEEDS_EVIDENCE");
    // The lab's own evidence from testing is not the vendor's correction.
    const labEvidence = await db().evidence.create({
      data: { caseId: id, uploadedById: w.users.lab1.id, originalName: "lab.csv", storedName: `${id}/lab-${Date.now()}`, mime: "text/csv", size: 3, sha256: "0".repeat(64) },
    });
    await refusedWith(send(w.users.ministry2, id, "REINSTATE", { reason: "Fixed", evidenceIds: [labEvidence.id] }), "EVIDENCE_NOT_CORRECTIVE");
    // Another vendor's user cannot even see the case to upload.
    await refusedWith(uploadEvidence(w.users.vendorB, id, corrective("b.pdf")), "CASE_NOT_FOUND");
    expect(await footprint(id)).toEqual(suspended);

    const evidenceId = await uploadCorrective(w.users.vendorA, id, "firmware-5.0.3-retest.pdf");
    expect((await db().evidence.findUniqueOrThrow({ where: { id: evidenceId } })).purpose).toBe("corrective");
    await send(w.users.ministry2, id, "REINSTATE", { reason: "Firmware 5.0.3 fixes the wake word", evidenceIds: [evidenceId] });
    const back = await db().case.findUniqueOrThrow({ where: { id } });
    expect(back).toMatchObject({ state: "certified", correctBy: null });
    expect((await db().certificate.findFirstOrThrow({ where: { caseId: id } })).status).toBe("valid");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: id, type: "REINSTATE" } });
    expect(JSON.parse(audit.payload)).toMatchObject({ evidenceIds: [evidenceId], reason: "Firmware 5.0.3 fixes the wake word" });
  });

  it("an upheld appeal against a revocation makes the case and its certificate valid again", async () => {
    const id = await caseIn(w, "certified", { level: "L3" });
    await runOutboxOnce();
    await send(w.users.ministry1, id, "REVOKE", { reason: "Suspected falsified logs" });
    expect((await db().certificate.findFirstOrThrow({ where: { caseId: id } })).status).toBe("revoked");
    await send(w.users.vendorA, id, "APPEAL", { grounds: "The logs are genuine; here is the lab's statement" });
    const appeal = await getCase(w.users.ministry2, id);
    expect(appeal).toMatchObject({ state: "appeal", pendingAppeal: { kind: "revocation", from: "revoked" } });
    expect(appeal.allowedEvents).toEqual(expect.arrayContaining(["UPHOLD_APPEAL", "DISMISS_APPEAL"]));
    // The minister who revoked may not judge the appeal: it is not offered, and refused when sent.
    expect((await getCase(w.users.ministry1, id)).allowedEvents).toEqual([]);
    await send(w.users.ministry2, id, "UPHOLD_APPEAL", { reason: "The lab confirmed the logs" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("certified");
    expect(await db().certificate.findFirstOrThrow({ where: { caseId: id } })).toMatchObject({ status: "valid", statusReason: null });
  });

  it("a downgrade reissues the certificate as revision 1 (R1) with the same number; revision 0 reads as superseded", async () => {
    const id = await caseIn(w, "certified", { level: "L3" });
    await runOutboxOnce();
    const r1 = await db().certificate.findFirstOrThrow({ where: { caseId: id } });
    await refusedWith(send(w.users.ministry1, id, "DOWNGRADE", { level: "L3", reason: "x" }), "LEVEL_NOT_BELOW_AWARDED");
    await send(w.users.ministry1, id, "DOWNGRADE", { level: "L2", reason: "Model update 5.1 lowered task success" });
    await runOutboxOnce();
    await runOutboxOnce();
    const revisions = await db().certificate.findMany({ where: { caseId: id }, orderBy: { revision: "asc" } });
    expect(revisions.map((r) => [r.number, r.revision, r.level])).toEqual([
      [r1.number, 0, "L3"],
      [r1.number, 1, "L2"],
    ]);
    expect(revisions[1].publicId).not.toBe(r1.publicId);
    const old = await getPublicCertificate(r1.publicId);
    expect(old).toMatchObject({ status: "superseded", revision: 0, supersededBy: revisions[1].publicId });
    const current = await getPublicCertificate(revisions[1].publicId);
    expect(current).toMatchObject({ status: "valid", revision: 1, level: "L2", supersededBy: null });
    expect(current.revisions.map((r) => [r.revision, r.kind, r.reason])).toEqual([
      [0, "award", null],
      [1, "downgrade", "Model update 5.1 lowered task success"],
    ]);
    expect(revisions.map((r) => r.revisionKind)).toEqual(["award", "downgrade"]);
    // The registry lists the current revision only.
    const found = await searchRegistry(parseRegistryQuery({ number: r1.number }));
    expect(found.items.map((c) => c.publicId)).toEqual([revisions[1].publicId]);
    // The case follows the current revision; suspending it leaves the superseded one alone.
    expect((await getCase(w.users.vendorA, id)).certificate).toMatchObject({ revision: 1, publicId: revisions[1].publicId });
    await send(w.users.ministry1, id, "SUSPEND", { reason: "Pending re-test", correctBy: correctByIn(30) });
    const after = await db().certificate.findMany({ where: { caseId: id }, orderBy: { revision: "asc" } });
    expect(after.map((c) => c.status)).toEqual(["superseded", "suspended"]);
    // The downgrade may be appealed like an award below the level applied for.
    expect(await db().auditEvent.count({ where: { caseId: id, type: "CERTIFICATE_ISSUED" } })).toBe(2);
  });

  it("an award below the level applied for may be appealed; upheld, it goes to a new panel of none of the earlier panelists", async () => {
    const id = await caseIn(w, "certified", { level: "L2" });
    await runOutboxOnce();
    await send(w.users.vendorA, id, "APPEAL", { grounds: "The lab measured L3 on the retest" });
    expect((await getCase(w.users.ministry2, id)).pendingAppeal).toMatchObject({ kind: "level", from: "certified" });
    // The certificate stands while the appeal is heard.
    expect((await db().certificate.findFirstOrThrow({ where: { caseId: id } })).status).toBe("valid");
    await send(w.users.ministry2, id, "UPHOLD_APPEAL", { reason: "The panel overlooked the retest" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.forming");
    const e = await refusedWith(
      send(w.users.secretariat, id, "ASSIGN_PANEL", { expertIds: [w.users.expert1.id, w.users.expert4.id, w.users.expert3.id] }),
      "EXPERT_ON_APPEALED_PANEL",
    );
    expect(e.code).toBe("INVALID_INPUT");
  });
});
