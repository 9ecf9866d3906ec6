// After-care through the real doors, on a real database (docs/domain.md#after-care): a change of a
// certified product is classified, re-tested over the listed items and concluded; a downgrade or a
// suspension reaches the certified case through its own door in the same transaction; surveillance
// is opened when due and suspends when overdue, on a controlled clock. Refusals change nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, resultsReaching, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { getPublicCertificate } from "@/lib/certificates/public";
import { searchRegistry, parseRegistryQuery } from "@/lib/certificates/registry";
import { verifyAuditChain } from "@/lib/audit/chain";
import { seededScheme } from "@/lib/grading/schemes";
import { fileComplaint } from "@/lib/complaints/file-complaint";
import { applyComplaintEvent } from "@/lib/complaints/apply-complaint-event";
import { reportChange } from "./report-change";
import { applyChangeEvent, SURVEILLANCE_OVERDUE_REASON } from "./apply-change-event";
import { saveChangeReport } from "./change-report";
import { getChange, listCaseChanges, listChanges, changeCounts } from "./queries";
import { addMonths, runSurveillance } from "./surveillance";

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
let t: TestDatabase;
let w: World;
let tmp: string;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-aftercare-"));
}, 120_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const DAY = 86_400_000;

async function refusedWith(p: Promise<unknown>, reason: string) {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).reason ?? (e as AppError).code).toBe(reason);
  return e as AppError;
}

/** A change case and its certified case, as stored: equal before and after a refusal. */
async function footprint(changeId: string) {
  const ch = await db().changeCase.findUniqueOrThrow({ where: { id: changeId } });
  const c = await db().case.findUniqueOrThrow({ where: { id: ch.caseId } });
  return {
    change: { state: ch.state, version: ch.version, snapshot: ch.snapshot },
    case: { state: c.state, version: c.version, awardedLevel: c.awardedLevel },
    events: await db().auditEvent.count({ where: { caseId: ch.caseId } }),
    certificates: await db().certificate.count({ where: { caseId: ch.caseId } }),
  };
}

async function certified(level: "L2" | "L3" = "L3") {
  const caseId = await caseIn(w, "certified", { level });
  await runOutboxOnce();
  return caseId;
}

const ev = (changeId: string, type: "CLASSIFY" | "SUBMIT_REPORT" | "CONCLUDE" | "WITHDRAW", payload: Record<string, unknown>, version: number, at?: Date) => ({
  changeId, type, expectedVersion: version, payload, ...(at ? { at } : {}),
});

/** The phone's L3 values for `items`, with `failAtL3` measured at its L2 threshold (meets L2, misses L3). */
function retestResults(items: string[], failAtL3: string) {
  const scheme = seededScheme("phone")!;
  const l3 = new Map(resultsReaching("phone", "L3").map((r) => [r.item, r]));
  return items.map((key) => {
    const r = l3.get(key)!;
    if (key !== failAtL3) return r;
    const item = scheme.elements.flatMap((e) => e.items).find((i) => i.key === key)!;
    return { ...r, value: item.thresholds.L2! };
  });
}

function pdfsig(pdf: Uint8Array, name: string) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, pdf);
  return spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout;
}

describe(`after-care through the doors (${DB})`, () => {
  it("certified L3 → major on-device model change → re-test of 4 items fails one L3 item → downgrade to L2 → revision R1 at L2; R0 superseded and still a valid signature", async () => {
    const caseId = await certified("L3");
    const r0 = await db().certificate.findFirstOrThrow({ where: { caseId } });
    expect(r0).toMatchObject({ revision: 0, level: "L3" });

    const change = await reportChange(w.users.vendorA, caseId, { kind: "on_device_model", from: "Pangu-S 3.0", to: "Pangu-S 3.5", description: "New on-device model" });
    expect(change).toMatchObject({ state: "classification", kind: "on_device_model", fromVersion: "Pangu-S 3.0", toVersion: "Pangu-S 3.5", labOrgId: w.orgs["Lab One"].id });
    // The scheme's changeImpact suggests what to re-test.
    const view = await getChange(w.users.secretariat, change.id);
    expect(view.suggestedItems).toEqual(expect.arrayContaining(["tokens_per_second", "first_token_latency", "intent_accuracy"]));
    expect(view.events).toEqual(["CLASSIFY"]);

    const items = ["intent_accuracy", "multi_turn_context_accuracy", "tokens_per_second", "first_token_latency"];
    await refusedWith(applyChangeEvent(w.users.secretariat, ev(change.id, "CLASSIFY", { classification: "major", items: ["no_such_item"], reason: "x" }, 1)), "CHANGE_ITEM_UNKNOWN");
    await applyChangeEvent(w.users.secretariat, ev(change.id, "CLASSIFY", { classification: "major", items, reason: "The model drives cognition and generation" }, 1));

    // Only the case's lab re-tests, over exactly the listed items.
    await refusedWith(saveChangeReport(w.users.lab2, change.id, { results: retestResults(items, "tokens_per_second") }), "CHANGE_NOT_FOUND");
    await refusedWith(applyChangeEvent(w.users.lab1, ev(change.id, "SUBMIT_REPORT", {}, 2)), "CHANGE_REPORT_MISSING");
    const extra = await refusedWith(saveChangeReport(w.users.lab1, change.id, { results: [...retestResults(items, "tokens_per_second"), resultsReaching("phone", "L3")[0]] }), "LAB_REPORT_INVALID");
    expect(JSON.stringify(extra.details)).toContain(resultsReaching("phone", "L3")[0].item);
    const saved = await saveChangeReport(w.users.lab1, change.id, { results: retestResults(items, "tokens_per_second") });
    expect(saved).toMatchObject({ level: "L2", failing: ["tokens_per_second"] });
    await applyChangeEvent(w.users.lab1, ev(change.id, "SUBMIT_REPORT", {}, 2));

    // The ministry cannot amend what the re-test no longer supports, nor downgrade above it.
    const before = await footprint(change.id);
    await refusedWith(applyChangeEvent(w.users.ministry1, ev(change.id, "CONCLUDE", { outcome: "amended", reason: "fine" }, 3)), "RETEST_BELOW_AWARDED");
    await refusedWith(applyChangeEvent(w.users.ministry1, ev(change.id, "CONCLUDE", { outcome: "downgraded", level: "L3", reason: "x" }, 3)), "LEVEL_NOT_BELOW_AWARDED");
    await refusedWith(applyChangeEvent(w.users.ministry1, ev(change.id, "CONCLUDE", { outcome: "downgraded", level: "L2", reason: "x" }, 2)), "CHANGE_VERSION_MISMATCH");
    expect(await footprint(change.id)).toEqual(before);

    await applyChangeEvent(w.users.ministry1, ev(change.id, "CONCLUDE", { outcome: "downgraded", level: "L2", reason: "Generation speed is below L3 with the new model" }, 3));
    const done = await footprint(change.id);
    expect(done.change.state).toBe("downgraded");
    expect(done.case).toMatchObject({ state: "certified", awardedLevel: "L2", version: before.case.version + 1 });
    // The downgrade went through the case's door, naming the change case.
    const downgrade = await db().auditEvent.findFirstOrThrow({ where: { caseId, type: "DOWNGRADE" } });
    expect(JSON.parse(downgrade.payload)).toMatchObject({ level: "L2", changeId: change.id });

    await runOutboxOnce();
    const revisions = await db().certificate.findMany({ where: { caseId }, orderBy: { revision: "asc" } });
    expect(revisions.map((r) => [r.number, r.revision, r.level, r.status])).toEqual([
      [r0.number, 0, "L3", "superseded"],
      [r0.number, 1, "L2", "valid"],
    ]);
    expect(revisions[1]).toMatchObject({ revisionKind: "downgrade", changeId: change.id });
    // R1 is for the changed product: it covers the new on-device model.
    expect(JSON.parse(revisions[1].productSnapshot).versionsCovered).toEqual([{ kind: "on_device_model", from: "Pangu-S 3.0", to: "Pangu-S 3.5" }]);
    expect(await getPublicCertificate(r0.publicId)).toMatchObject({ status: "superseded", supersededBy: revisions[1].publicId });
    // The original PDF is unchanged, so its signature still verifies; only its status says superseded.
    expect(pdfsig(revisions[0].pdf, "r0.pdf")).toMatch(/Signature Validation: Signature is Valid/);
    expect(pdfsig(revisions[1].pdf, "r1.pdf")).toMatch(/Signature Validation: Signature is Valid/);
    const found = await searchRegistry(parseRegistryQuery({ number: r0.number }));
    expect(found.items.map((c) => [c.publicId, c.revision])).toEqual([[revisions[1].publicId, 1]]);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("a minor software change amends the certificate at once: R1 with the new version; the next change must start from it", async () => {
    const caseId = await certified("L2");
    await refusedWith(
      reportChange(w.users.vendorA, caseId, { kind: "software", from: "4.0.0", to: "5.1.0", description: "Security patch" }),
      "CHANGE_FROM_MISMATCH",
    );
    const change = await reportChange(w.users.vendorA, caseId, { kind: "software", from: "5.0.1", to: "5.0.2", description: "Security patch" });
    // The secretariat hears of it (one notice job for the audit event, the keys the mail is composed from).
    const reported = await db().auditEvent.findFirstOrThrow({ where: { caseId, type: "CHANGE_REPORTED" } });
    const notice = await db().outboxJob.findUniqueOrThrow({ where: { dedupeKey: `case-notice:${reported.seq}` } });
    expect(JSON.parse(notice.payload).recipients).toEqual([{ userId: w.users.secretariat.id, key: "changeReported" }]);
    await applyChangeEvent(w.users.secretariat, ev(change.id, "CLASSIFY", { classification: "minor", reason: "Security fixes only; no AI component touched" }, 1));
    expect((await footprint(change.id)).change.state).toBe("amended");
    await runOutboxOnce();
    const current = await db().certificate.findFirstOrThrow({ where: { caseId, supersededById: null } });
    expect(current).toMatchObject({ revision: 1, level: "L2", revisionKind: "amendment", changeId: change.id });
    expect(JSON.parse(current.productSnapshot)).toMatchObject({ softwareVersion: "5.0.2" });
    await refusedWith(reportChange(w.users.vendorA, caseId, { kind: "software", from: "5.0.1", to: "5.0.3", description: "x" }), "CHANGE_FROM_MISMATCH");
    await reportChange(w.users.vendorA, caseId, { kind: "software", from: "5.0.2", to: "5.0.3", description: "Next patch" });
  });

  it("who may report, see and act: the vendor's own certified case only; other vendors and labs see nothing", async () => {
    const caseId = await certified("L2");
    await refusedWith(reportChange(w.users.vendorB, caseId, { kind: "hardware", from: "a", to: "b", description: "x" }), "CASE_NOT_FOUND");
    await refusedWith(reportChange(w.users.lab1, caseId, { kind: "hardware", from: "a", to: "b", description: "x" }), "CHANGE_KIND_NOT_YOURS");
    await refusedWith(reportChange(w.users.vendorA, caseId, { kind: "surveillance", description: "x" }), "CHANGE_KIND_NOT_YOURS");
    await refusedWith(reportChange(w.users.vendorA, caseId, { kind: "hardware", from: "a\nb", to: "b", description: "x" }), "INVALID_REQUEST");
    const notCertified = await caseIn(w, "testing");
    await refusedWith(reportChange(w.users.vendorA, notCertified, { kind: "hardware", from: "a", to: "b", description: "x" }), "CHANGE_NEEDS_CERTIFIED");

    const change = await reportChange(w.users.vendorA, caseId, { kind: "hardware", from: "SoC A", to: "SoC B", description: "New chip" });
    await refusedWith(getChange(w.users.vendorB, change.id), "CHANGE_NOT_FOUND");
    await refusedWith(getChange(w.users.lab2, change.id), "CHANGE_NOT_FOUND");
    await refusedWith(getChange(w.users.expert1, change.id), "NOT_PERMITTED");
    expect((await listCaseChanges(w.users.vendorA, caseId)).map((c) => c.id)).toContain(change.id);
    expect((await listChanges(w.users.vendorB, {}, {})).rows.map((c) => c.id)).not.toContain(change.id);
    expect((await listChanges(w.users.secretariat, { queue: true }, {})).rows.map((c) => c.id)).toContain(change.id);
    // Events by role: the ministry cannot classify, the vendor can withdraw its own.
    await refusedWith(applyChangeEvent(w.users.ministry1, ev(change.id, "CLASSIFY", { classification: "minor", reason: "x" }, 1)), "NOT_PERMITTED");
    await refusedWith(applyChangeEvent(w.users.vendorB, ev(change.id, "WITHDRAW", {}, 1)), "CHANGE_NOT_FOUND");
    await applyChangeEvent(w.users.vendorA, ev(change.id, "WITHDRAW", { reason: "Chip change cancelled" }, 1));
    expect((await footprint(change.id)).change.state).toBe("withdrawn");
  });

  it("at most a handful of open change cases per certified case, also when reports race", async () => {
    const caseId = await certified("L2");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => reportChange(w.users.vendorA, caseId, { kind: "cloud_model", from: `m${i}`, to: `m${i + 1}`, description: "x" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).reason).toBe("TOO_MANY_OPEN_CHANGES");
    expect(await db().changeCase.count({ where: { caseId } })).toBe(5);
    await refusedWith(reportChange(w.users.vendorA, caseId, { kind: "cloud_model", from: "m5", to: "m6", description: "x" }), "TOO_MANY_OPEN_CHANGES");
    // A field the report does not have is refused, not dropped.
    await refusedWith(reportChange(w.users.vendorA, caseId, { kind: "hardware", from: "a", to: "b", description: "x", items: ["a"] }), "INVALID_REQUEST");
  });

  it("a major change concluded by suspension suspends the certified case with its date to correct by", async () => {
    const caseId = await certified("L3");
    const change = await reportChange(w.users.vendorA, caseId, { kind: "cloud_model", from: "Cloud 1", to: "Cloud 2", description: "New cloud model" });
    const items = ["intent_accuracy", "multi_turn_context_accuracy"];
    await applyChangeEvent(w.users.secretariat, ev(change.id, "CLASSIFY", { classification: "major", items, reason: "Cloud model answers intents" }, 1));
    await saveChangeReport(w.users.lab1, change.id, { results: retestResults(items, "intent_accuracy") });
    await applyChangeEvent(w.users.lab1, ev(change.id, "SUBMIT_REPORT", {}, 2));
    // A suspension's date is checked by the case's own rules: a refusal there refuses the whole conclusion.
    const before = await footprint(change.id);
    await refusedWith(
      applyChangeEvent(w.users.ministry1, ev(change.id, "CONCLUDE", { outcome: "suspended", reason: "x", correctBy: new Date(Date.now() + 200 * DAY).toISOString() }, 3)),
      "CORRECT_BY_TOO_FAR",
    );
    expect(await footprint(change.id)).toEqual(before);
    const correctBy = new Date(Date.now() + 30 * DAY).toISOString();
    await applyChangeEvent(w.users.ministry1, ev(change.id, "CONCLUDE", { outcome: "suspended", reason: "Intent accuracy fell; fix the cloud model", correctBy }, 3));
    const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c).toMatchObject({ state: "suspended" });
    expect(c.correctBy?.toISOString()).toBe(correctBy);
    expect((await db().certificate.findFirstOrThrow({ where: { caseId } })).status).toBe("suspended");
  });

  it("surveillance: opened at its due month for the case's lab, once; passed re-test keeps the certificate; an overdue one suspends it (controlled clock)", async () => {
    const caseId = await certified("L3");
    const award = await db().decision.findFirstOrThrow({ where: { caseId, type: "AWARD" } });
    const scheme = seededScheme("phone")!;
    const due = addMonths(award.createdAt, scheme.surveillanceMonths![0]);

    // The day before: nothing for this case.
    await runSurveillance(new Date(due.getTime() - DAY));
    expect(await db().changeCase.count({ where: { caseId } })).toBe(0);
    const opened = await runSurveillance(due);
    expect(opened.opened).toBeGreaterThanOrEqual(1);
    const surv = await db().changeCase.findFirstOrThrow({ where: { caseId, kind: "surveillance" } });
    expect(surv).toMatchObject({ state: "retesting", labOrgId: w.orgs["Lab One"].id });
    expect(surv.surveillanceDueAt?.toISOString()).toBe(due.toISOString());
    expect(JSON.parse(surv.items)).toEqual(scheme.surveillanceItems);
    expect(surv.concludeBy!.getTime() - due.getTime()).toBe(scheme.surveillanceGraceDays * DAY);
    // A second sweep opens nothing new for the same date.
    await runSurveillance(new Date(due.getTime() + DAY));
    expect(await db().changeCase.count({ where: { caseId } })).toBe(1);
    // The vendor cannot withdraw a surveillance.
    await refusedWith(applyChangeEvent(w.users.vendorA, ev(surv.id, "WITHDRAW", {}, 1)), "SURVEILLANCE_NOT_WITHDRAWABLE");
    const counts = await changeCounts(w.users.ministry1, new Date(due.getTime() + DAY));
    expect(counts.surveillance.due).toBeGreaterThanOrEqual(1);

    // Past its grace days: the system suspends the certificate through the door.
    const late = new Date(surv.concludeBy!.getTime() + 1000);
    const swept = await runSurveillance(late);
    expect(swept.suspended).toBeGreaterThanOrEqual(1);
    const after = await db().changeCase.findUniqueOrThrow({ where: { id: surv.id } });
    expect(after.state).toBe("suspended");
    const c = await db().case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c.state).toBe("suspended");
    const suspend = await db().auditEvent.findFirstOrThrow({ where: { caseId, type: "SUSPEND" } });
    expect(suspend).toMatchObject({ actorRole: "system" });
    expect(JSON.parse(suspend.payload)).toMatchObject({ reason: SURVEILLANCE_OVERDUE_REASON, changeId: surv.id });
    expect((await db().certificate.findFirstOrThrow({ where: { caseId } })).statusReason).toBe(SURVEILLANCE_OVERDUE_REASON);
  });

  it("surveillance passed: the lab re-tests the listed items and the ministry confirms; no new revision", async () => {
    const caseId = await certified("L3");
    const s = await reportChange(w.users.secretariat, caseId, { kind: "surveillance", description: "Unscheduled check after press reports", items: ["intent_accuracy", "tokens_per_second"] });
    expect(s).toMatchObject({ state: "retesting" });
    await saveChangeReport(w.users.lab1, s.id, { results: retestResults(["intent_accuracy", "tokens_per_second"], "none") });
    await applyChangeEvent(w.users.lab1, ev(s.id, "SUBMIT_REPORT", {}, 1));
    await applyChangeEvent(w.users.ministry1, ev(s.id, "CONCLUDE", { outcome: "amended", reason: "Holds L3" }, 2));
    await runOutboxOnce();
    expect(await db().certificate.count({ where: { caseId } })).toBe(1);
    // Not overdue: the system may not conclude it (and a sweep leaves it alone).
    expect((await db().changeCase.findUniqueOrThrow({ where: { id: s.id } })).state).toBe("amended");
  });

  it("a complaint closed with outcome surveillance opens one on the certified case", async () => {
    const caseId = await certified("L2");
    await runOutboxOnce();
    const cert = await db().certificate.findFirstOrThrow({ where: { caseId } });
    const filed = await fileComplaint({ publicId: cert.publicId, subject: "Assistant slower than advertised", text: "Since the update it is slow." }, { address: "203.0.113.9" });
    const complaint = await db().complaint.findUniqueOrThrow({ where: { reference: filed.reference } });
    await applyComplaintEvent(w.users.secretariat, { reference: filed.reference, type: "TRIAGE", expectedVersion: complaint.version, payload: { handlerId: w.users.ministry2.id } });
    await applyComplaintEvent(w.users.ministry2, { reference: filed.reference, type: "CLOSE", expectedVersion: complaint.version + 1, payload: { outcome: "surveillance", publicSummary: "We opened a surveillance re-test." } });
    const s = await db().changeCase.findFirstOrThrow({ where: { caseId, kind: "surveillance" } });
    expect(s).toMatchObject({ state: "retesting", complaintId: complaint.id, labOrgId: w.orgs["Lab One"].id });
  });
});
