import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, resultsReaching, uploadCorrective, correctByIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { applyEvent } from "./apply-event";
import { getCase } from "./get-case";
import { listCases } from "./list-cases";
import { listCaseEvents } from "./case-events";
import { saveLabReport } from "./save-lab-report";
import { verifyAuditChain } from "@/lib/audit/chain";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { expireDueCases } from "./expire-cases";

let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
}, 120_000);
afterAll(async () => t?.drop());

async function refused(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

async function snapshotOf(id: string) {
  const c = await db().case.findUniqueOrThrow({ where: { id } });
  const events = await db().auditEvent.count({ where: { caseId: id } });
  return { state: c.state, version: c.version, snapshot: c.snapshot, events };
}

describe(`the case lifecycle through the one door (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("drives a case from draft to certified, issues one signed certificate, and the chain verifies", async () => {
    const id = await caseIn(w, "certified", { level: "L2" });
    const view = await getCase(w.users.vendorA, id);
    expect(view.state).toBe("certified");
    expect(view.labLevel).toBe("L2");
    expect(view.awardedLevel).toBe("L2");
    expect(view.certificateBeingIssued).toBe(true);
    // Awarded L2 where L3 was applied for: an adverse decision the vendor may appeal, for 30 days.
    expect(view.allowedEvents).toEqual(["APPEAL"]);
    expect(view.adverse).toMatchObject({ kind: "level", appealed: false });

    expect(await runOutboxOnce()).toBeGreaterThanOrEqual(1);
    const certs = await db().certificate.findMany({ where: { caseId: id } });
    expect(certs).toHaveLength(1);
    expect(certs[0].number).toMatch(/^AIT-\d{4}-PHONE-\d{6}$/);
    expect(certs[0].publicId.length).toBeGreaterThanOrEqual(22);
    // Running the outbox again issues nothing more.
    await runOutboxOnce();
    expect(await db().certificate.count({ where: { caseId: id } })).toBe(1);
    const after = await getCase(w.users.vendorA, id);
    expect(after.certificate).toMatchObject({ number: certs[0].number, status: "valid" });

    const types = (await db().auditEvent.findMany({ where: { caseId: id }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types).toEqual([
      "CASE_CREATED", "SUBMIT", "ACCEPT", "LAB_REPORT_SAVED", "SUBMIT_REPORT", "ASSIGN_PANEL", "VOTE", "VOTE", "VOTE", "AWARD", "CERTIFICATE_ISSUED",
    ]);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("suspend, reinstate and revoke change the certificate's status at once", async () => {
    const id = await caseIn(w, "certified", { level: "L1" });
    await runOutboxOnce();
    await send(w.users.ministry2, id, "SUSPEND", { reason: "Field reports of wake-word failures", correctBy: correctByIn(30) });
    expect((await db().certificate.findFirstOrThrow({ where: { caseId: id } })).status).toBe("suspended");
    const evidenceId = await uploadCorrective(w.users.vendorA, id);
    await send(w.users.ministry2, id, "REINSTATE", { reason: "Firmware 5.0.2 fixes the wake word", evidenceIds: [evidenceId] });
    expect((await db().certificate.findFirstOrThrow({ where: { caseId: id } })).status).toBe("valid");
    await send(w.users.ministry2, id, "REVOKE", { reason: "Software update removed on-device model" });
    const cert = await db().certificate.findFirstOrThrow({ where: { caseId: id } });
    expect(cert).toMatchObject({ status: "revoked", statusReason: "Software update removed on-device model" });
  });

  it("a certificate issued after its case was suspended starts suspended, with the reason", async () => {
    const id = await caseIn(w, "certified", { level: "L2" });
    await send(w.users.ministry2, id, "SUSPEND", { reason: "Recall of the first batch", correctBy: correctByIn(30) });
    await runOutboxOnce();
    const cert = await db().certificate.findFirstOrThrow({ where: { caseId: id } });
    expect(cert).toMatchObject({ status: "suspended", statusReason: "Recall of the first batch" });
    expect(cert.statusChangedAt).not.toBeNull();
  });

  it("expires certified cases past their validity through the same door", async () => {
    const id = await caseIn(w, "certified", { level: "L1" });
    await runOutboxOnce();
    const c = await db().case.findUniqueOrThrow({ where: { id } });
    const later = new Date(c.validUntil!.getTime() + 1000);
    expect(await expireDueCases(later)).toBeGreaterThanOrEqual(1);
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("expired");
    expect((await db().certificate.findFirstOrThrow({ where: { caseId: id } })).status).toBe("expired");
    const ev = await db().auditEvent.findFirstOrThrow({ where: { caseId: id, type: "EXPIRE" } });
    expect(ev.actorRole).toBe("system");
  });

  it("a refused event changes nothing and says why (403, 404, 409, 422)", async () => {
    const id = await caseIn(w, "screening");
    const before = await snapshotOf(id);
    // Wrong role for the event.
    await refused(send(w.users.vendorA, id, "ACCEPT", { labId: w.orgs["Lab One"].id }), "FORBIDDEN");
    // Another vendor cannot see the case at all.
    await refused(send(w.users.vendorB, id, "WITHDRAW"), "NOT_FOUND");
    // Not allowed in this state.
    await refused(send(w.users.ministry1, id, "AWARD", { level: "L1" }), "CONFLICT");
    // Stale version.
    await refused(applyEvent(w.users.secretariat, { caseId: id, type: "ACCEPT", expectedVersion: before.version - 1, payload: { labId: w.orgs["Lab One"].id } }), "CONFLICT");
    // Bad payload.
    const bad = await refused(send(w.users.secretariat, id, "RETURN", { reasons: [] }), "INVALID_INPUT");
    expect(bad.details).toHaveProperty("reasons");
    // A lab not accredited for the category (Lab Two has no glasses accreditation).
    const glasses = await caseIn(w, "screening", { schemeId: "glasses" });
    const g0 = await snapshotOf(glasses);
    await refused(send(w.users.secretariat, glasses, "ACCEPT", { labId: w.orgs["Lab Two"].id }), "INVALID_INPUT");
    expect(await snapshotOf(glasses)).toEqual(g0);
    expect(await snapshotOf(id)).toEqual(before);
  });

  it("20 concurrent events with the same expectedVersion: exactly one wins, the rest get 409", async () => {
    const id = await caseIn(w, "screening");
    const before = await snapshotOf(id);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      applyEvent(w.users.secretariat, { caseId: id, type: "RETURN", expectedVersion: before.version, payload: { reasons: [`missing photo ${i}`] } }).then(
        () => "ok",
        (e: AppError) => e.code,
      ),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(19);
    const after = await snapshotOf(id);
    expect(after.version).toBe(before.version + 1);
    expect(after.events).toBe(before.events + 1);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("keeps votes blind until the panel closes; the vendor sees rationales without names", async () => {
    const id = await caseIn(w, "review.voting");
    await send(w.users.expert1, id, "VOTE", { verdict: "approve", level: "L3", rationale: "All items pass" });
    const e1 = await getCase(w.users.expert1, id);
    expect(e1.votes).toHaveLength(1);
    const e2 = await getCase(w.users.expert2, id);
    expect(e2.votes).toHaveLength(0);
    expect((await getCase(w.users.vendorA, id)).votes).toEqual([]);
    const e2events = await listCaseEvents(w.users.expert2, id);
    const vote = e2events.find((e) => e.type === "VOTE")!;
    expect(vote.payload).not.toHaveProperty("verdict");
    expect(vote.actorId).toBeNull();

    await send(w.users.expert2, id, "VOTE", { verdict: "approve", level: "L2", rationale: "Latency borderline" });
    await send(w.users.expert3, id, "VOTE", { verdict: "reject", rationale: "Memory deletion not honoured" });
    const vendor = await getCase(w.users.vendorA, id);
    expect(vendor.state).toBe("decision");
    expect(vendor.votes).toHaveLength(3);
    for (const v of vendor.votes) {
      expect(v).not.toHaveProperty("expertId");
      expect(v).not.toHaveProperty("expertName");
    }
    expect(vendor.votes.map((v) => (v as { rationale: string }).rationale)).toContain("Memory deletion not honoured");
    expect(vendor.recommendation).toMatchObject({ verdict: "approve", level: "L2", approve: 2, reject: 1 });
    expect(vendor.panel).toBeNull();
    const events = await listCaseEvents(w.users.vendorA, id);
    expect(events.filter((e) => e.type === "VOTE").every((e) => e.actorId === null)).toBe(true);
  });

  it("never puts an expert affiliated with the vendor on its panel", async () => {
    const id = await caseIn(w, "review.forming");
    const e = await refused(
      send(w.users.secretariat, id, "ASSIGN_PANEL", { expertIds: [w.users.expert1.id, w.users.expert2.id, w.users.expert5.id] }),
      "INVALID_INPUT",
    );
    expect(JSON.stringify(e.details)).toContain("expertIds");
  });

  it("recusal below the panel size sends the case back to panel forming", async () => {
    const id = await caseIn(w, "review.voting");
    await send(w.users.expert2, id, "RECUSE", { reason: "Former employer of the product lead" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.forming");
    const panel = await db().panelMember.findMany({ where: { caseId: id } });
    expect(panel.find((p) => p.expertId === w.users.expert2.id)).toMatchObject({ active: false });
  });

  it("deny, appeal within 30 days, decided by another ministry user with a new panel", async () => {
    const id = await caseIn(w, "decision");
    await send(w.users.ministry1, id, "DENY", { reason: "Evidence inconsistent" });
    await send(w.users.vendorA, id, "APPEAL", { grounds: "Evidence re-measured by the lab" });
    await refused(send(w.users.ministry1, id, "UPHOLD_APPEAL", { reason: "x" }), "FORBIDDEN");
    await send(w.users.ministry2, id, "UPHOLD_APPEAL", { reason: "New evidence" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.forming");
    await refused(send(w.users.secretariat, id, "ASSIGN_PANEL", { expertIds: [w.users.expert1.id, w.users.expert2.id, w.users.expert4.id] }), "INVALID_INPUT");
  });

  it("lists only what each role may see, in the query", async () => {
    const id = await caseIn(w, "testing");
    expect((await listCases(w.users.vendorA)).some((c) => c.id === id)).toBe(true);
    expect((await listCases(w.users.vendorB)).some((c) => c.id === id)).toBe(false);
    expect((await listCases(w.users.lab1)).some((c) => c.id === id)).toBe(true);
    expect((await listCases(w.users.lab2)).some((c) => c.id === id)).toBe(false);
    expect((await listCases(w.users.expert4)).some((c) => c.id === id)).toBe(false);
    expect((await listCases(w.users.ministry1)).some((c) => c.id === id)).toBe(true);
    await refused(listCases(w.users.admin), "FORBIDDEN");
  });

  it("a lab report with errors is refused whole with an error per row", async () => {
    const id = await caseIn(w, "testing");
    const rows = resultsReaching("phone", "L2");
    rows[0] = { ...rows[0], unit: "furlongs" as never };
    rows[1] = { ...rows[1], value: "fast" as unknown as number };
    const e = await refused(saveLabReport(w.users.lab1, id, { results: rows }), "INVALID_INPUT");
    const errors = (e.details as { errors: { code: string }[] }).errors.map((x) => x.code);
    expect(errors).toEqual(expect.arrayContaining(["WRONG_UNIT", "NOT_A_NUMBER"]));
    expect(await db().labReport.count({ where: { caseId: id } })).toBe(0);
    await refused(saveLabReport(w.users.lab2, id, { results: resultsReaching("phone", "L2") }), "NOT_FOUND");
    await refused(send(w.users.lab1, id, "SUBMIT_REPORT"), "INVALID_INPUT");
  });

  it("a lab report is saved only when the machine would let the lab submit it (state and assignment)", async () => {
    const id = await caseIn(w, "review.forming");
    const reports = await db().labReport.findMany({ where: { caseId: id } });
    const e = await refused(saveLabReport(w.users.lab1, id, { results: resultsReaching("phone", "L2") }), "CONFLICT");
    expect(e).toMatchObject({ reason: "EVENT_NOT_ALLOWED_IN_STATE", params: { event: "SUBMIT_REPORT", state: "review.forming" } });
    expect(e.toJSON().error).toMatchObject({ code: "CONFLICT", reason: "EVENT_NOT_ALLOWED_IN_STATE", details: { reason: "EVENT_NOT_ALLOWED_IN_STATE" } });
    expect(await db().labReport.findMany({ where: { caseId: id } })).toEqual(reports);
    // Another lab's user who could see the case is still not its lab: LAB_NOT_ASSIGNED, by the machine's rule.
    const testing = await caseIn(w, "testing");
    await db().case.update({ where: { id: testing }, data: { labOrgId: w.orgs["Lab Two"].id } });
    const other = await refused(saveLabReport(w.users.lab2, testing, { results: resultsReaching("phone", "L2") }), "FORBIDDEN");
    expect(other.reason).toBe("LAB_NOT_ASSIGNED");
    expect(await db().labReport.count({ where: { caseId: testing } })).toBe(0);
  });

  it("tampering with one audit row makes verification name that row", async () => {
    const ev = await db().auditEvent.findFirstOrThrow({ where: { type: "SUBMIT" }, orderBy: { seq: "asc" } });
    const original = ev.payload;
    await db().auditEvent.update({ where: { seq: ev.seq }, data: { payload: original.replace("screening", "testing") } });
    try {
      expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: ev.seq });
      // The command-line check says the same and exits non-zero.
      const cli = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
        env: { ...process.env, DATABASE_URL: t.url },
        encoding: "utf8",
      });
      expect(cli.stdout.trim()).toMatch(new RegExp(`^BROKEN at ${ev.seq}: `));
      expect(cli.status).toBe(1);
    } finally {
      await db().auditEvent.update({ where: { seq: ev.seq }, data: { payload: original } });
    }
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    const ok = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: t.url }, encoding: "utf8" });
    expect(ok.stdout.trim()).toMatch(/^OK \d+ [0-9a-f]{64}$/);
    expect(ok.status).toBe(0);
  });
});
