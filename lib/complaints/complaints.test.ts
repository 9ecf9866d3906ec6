// Complaints through their door, on SQLite and PostgreSQL (docs/domain.md#complaints): filing
// (bounds, target, per-address limit), tracking (a wrong token is an unknown reference), triage
// (an involved handler is refused, naming why), closing (only the handler), a stale version, and
// that every refusal changes nothing while every accepted event appends one audit event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, type World } from "@/test/world";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { verifyAuditChain } from "@/lib/audit/chain";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { fileComplaint } from "./file-complaint";
import { trackComplaint } from "./track-complaint";
import { applyComplaintEvent } from "./apply-complaint-event";
import { handlerCandidates } from "./handlers";
import { complaintTasks, getComplaint, listComplaints } from "./queries";
import { COMPLAINTS_PER_HOUR } from "./throttle";
import { hashTrackingToken, REFERENCE_PATTERN } from "./secrets";
import { listCaseEvents } from "@/lib/cases/case-events";
import { POST as postComplaint } from "@/app/api/v1/complaints/route";
import { GET as getComplaintStatus } from "@/app/api/v1/complaints/[reference]/route";
import { refusal } from "@/test/refusal";

let t: TestDatabase;
let w: World;
let cert: { number: string; publicId: string; caseId: string };
let addressN = 0;
const nextAddress = () => `198.51.100.${++addressN}`;

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  const caseId = await caseIn(w, "certified", { level: "L2" });
  await runOutboxOnce();
  const c = await db().certificate.findFirstOrThrow({ where: { caseId } });
  cert = { number: c.number, publicId: c.publicId, caseId };
}, 180_000);
afterAll(async () => t?.drop());

/** Everything a refused event could have changed. */
async function snapshot(reference: string) {
  const [row, head, count] = await Promise.all([
    db().complaint.findUniqueOrThrow({ where: { reference } }),
    db().auditHead.findUniqueOrThrow({ where: { id: 1 } }),
    db().auditEvent.count(),
  ]);
  return { row, head, count };
}

const body = (over: Record<string, unknown> = {}) => ({ publicId: cert.publicId, subject: "Battery claims", text: "The assistant fails offline.", ...over });

async function filed(over: Record<string, unknown> = {}) {
  return fileComplaint(body(over), { address: nextAddress() });
}

describe("filing a complaint", () => {
  it("answers a reference and a token; keeps only the token's hash; links the case; audits it on the case", async () => {
    const r = await filed({ contact: "reader@example.org" });
    expect(r.reference).toMatch(REFERENCE_PATTERN);
    expect(r.trackingToken.length).toBeGreaterThanOrEqual(32);
    const row = await db().complaint.findUniqueOrThrow({ where: { reference: r.reference } });
    expect(row).toMatchObject({ caseId: cert.caseId, state: "received", version: 1, tokenHash: hashTrackingToken(r.trackingToken), contact: "reader@example.org" });
    expect(JSON.stringify(row)).not.toContain(r.trackingToken);
    const ev = await db().auditEvent.findFirstOrThrow({ where: { type: "COMPLAINT_RECEIVED" }, orderBy: { seq: "desc" } });
    expect(ev.caseId).toBe(cert.caseId);
    expect(JSON.parse(ev.payload)).toMatchObject({ reference: r.reference });
    expect(ev.payload).not.toContain("reader@example.org");
  });

  it("accepts the certificate number instead of the public id", async () => {
    const r = await filed({ publicId: undefined, certificateNumber: cert.number });
    expect((await db().complaint.findUniqueOrThrow({ where: { reference: r.reference } })).caseId).toBe(cert.caseId);
  });

  it("refuses a complaint naming no certificate, an unknown one, no text, or text over the limits — saving nothing", async () => {
    const before = await db().complaint.count();
    expect((await refusal(filed({ publicId: undefined }))).reason).toBe("COMPLAINT_TARGET_REQUIRED");
    expect((await refusal(filed({ publicId: "nope" }))).reason).toBe("COMPLAINT_TARGET_UNKNOWN");
    expect((await refusal(filed({ certificateNumber: "AIT-1999-X-000000" }))).reason).toBe("COMPLAINT_TARGET_UNKNOWN");
    const noText = await refusal(filed({ text: "   " }));
    expect(noText.fields?.text?.reason).toBe("FIELD_REQUIRED");
    const long = await refusal(filed({ text: "x".repeat(4001) }));
    expect(long.status).toBe(422);
    expect(long.fields?.text).toEqual({ reason: "TEXT_TOO_LONG", params: { max: 4000 } });
    expect((await refusal(filed({ subject: "s".repeat(201) }))).fields?.subject?.reason).toBe("TEXT_TOO_LONG");
    expect((await refusal(filed({ contact: "c".repeat(201) }))).fields?.contact?.reason).toBe("TEXT_TOO_LONG");
    expect((await refusal(filed({ extra: 1 }))).status).toBe(422);
    expect(await db().complaint.count()).toBe(before);
    // Exactly at the limits is fine.
    await filed({ subject: "s".repeat(200), text: "x".repeat(4000), contact: "c".repeat(200) });
  });

  it(`allows ${COMPLAINTS_PER_HOUR} complaints an hour from one address, then 429 COMPLAINT_RATE_LIMITED, and again after the hour`, async () => {
    const address = "203.0.113.77";
    const now = new Date("2026-12-01T08:00:00Z");
    for (let i = 0; i < COMPLAINTS_PER_HOUR; i++) await fileComplaint(body(), { address }, new Date(now.getTime() + i * 1000));
    const before = await db().complaint.count();
    const e = await refusal(fileComplaint(body(), { address }, new Date(now.getTime() + 10 * 60_000)));
    expect(e.status).toBe(429);
    expect(e.reason).toBe("COMPLAINT_RATE_LIMITED");
    expect(Number(e.details?.retryAfterSeconds)).toBeGreaterThan(0);
    expect(await db().complaint.count()).toBe(before);
    // Another address is not affected; the same one is welcome again an hour later.
    await fileComplaint(body(), { address: "203.0.113.78" }, now);
    await fileComplaint(body(), { address }, new Date(now.getTime() + 61 * 60_000));
  });

  it("the API: 201 with the reference and token, 413 for an oversized body, 422 for over-long text, 429 over the limit", async () => {
    const post = (b: string, ip: string) =>
      postComplaint(new Request("http://localhost/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": ip }, body: b }), { params: Promise.resolve({}) });
    const ok = await post(JSON.stringify(body()), "192.0.2.200");
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ reference: expect.stringMatching(REFERENCE_PATTERN), trackingToken: expect.any(String) });
    const big = await post(JSON.stringify(body({ text: "x".repeat(300 * 1024) })), "192.0.2.201");
    expect(big.status).toBe(413);
    const long = await post(JSON.stringify(body({ text: "x".repeat(5000) })), "192.0.2.201");
    expect(long.status).toBe(422);
    expect((await long.json()).error.fields.text.reason).toBe("TEXT_TOO_LONG");
  });
});

describe("tracking a complaint", () => {
  it("shows the status for the right token; a wrong token and an unknown reference are the same 404", async () => {
    const r = await filed();
    expect(await trackComplaint(r.reference, r.trackingToken)).toMatchObject({ reference: r.reference, state: "received", outcome: null, publicSummary: null });
    expect(await trackComplaint(r.reference.toLowerCase(), r.trackingToken)).toMatchObject({ state: "received" });
    const wrong = await refusal(trackComplaint(r.reference, "not-the-token"));
    const unknown = await refusal(trackComplaint("C-2026-ZZZZZZZZ", r.trackingToken));
    const none = await refusal(trackComplaint(r.reference, ""));
    for (const e of [wrong, unknown, none]) {
      expect(e.status).toBe(404);
      expect(e.reason).toBe("COMPLAINT_NOT_FOUND");
    }
    expect(wrong.toJSON()).toEqual(unknown.toJSON());

    const get = (ref: string, token: string) =>
      getComplaintStatus(new Request(`http://localhost/api/v1/complaints/${ref}?token=${encodeURIComponent(token)}`), { params: Promise.resolve({ reference: ref }) });
    expect((await get(r.reference, r.trackingToken)).status).toBe(200);
    const a = await get(r.reference, "wrong");
    const b = await get("C-2026-ZZZZZZZZ", "wrong");
    expect(a.status).toBe(404);
    expect(await a.json()).toEqual(await b.json());
  });
});

describe("handling a complaint through the door", () => {
  it("lists who may handle it and why the others may not", async () => {
    const candidates = await handlerCandidates(db(), cert.caseId);
    const by = (id: string) => candidates.find((c) => c.id === id)!;
    // The secretariat accepted the case and formed its panel; ministry-1 awarded it.
    expect(by(w.users.secretariat.id).bars).toContain("HANDLER_ACTED_ON_CASE");
    expect(by(w.users.ministry1.id).bars).toContain("HANDLER_DECIDED_CASE");
    expect(by(w.users.ministry2.id).bars).toEqual([]);
  });

  it("triage → close with surveillance: each step one audit event on the case; the status shows the public summary", async () => {
    const r = await filed();
    await applyComplaintEvent(w.users.secretariat, { reference: r.reference, type: "TRIAGE", expectedVersion: 1, payload: { handlerId: w.users.ministry2.id } });
    const mid = await trackComplaint(r.reference, r.trackingToken);
    expect(mid).toMatchObject({ state: "investigating", publicSummary: null });
    const closed = await applyComplaintEvent(w.users.ministry2, {
      reference: r.reference, type: "CLOSE", expectedVersion: 2, payload: { outcome: "surveillance", publicSummary: "The product will be re-tested." },
    });
    expect(closed).toMatchObject({ state: "closed", version: 3, outcome: "surveillance", handlerId: w.users.ministry2.id });
    expect(await trackComplaint(r.reference, r.trackingToken)).toMatchObject({ state: "closed", outcome: "surveillance", publicSummary: "The product will be re-tested." });
    const events = await db().auditEvent.findMany({ where: { caseId: cert.caseId, type: { in: ["COMPLAINT_TRIAGED", "COMPLAINT_CLOSED"] } }, orderBy: { seq: "asc" } });
    const mine = events.filter((e) => JSON.parse(e.payload).reference === r.reference);
    expect(mine.map((e) => [e.type, e.actorId])).toEqual([
      ["COMPLAINT_TRIAGED", w.users.secretariat.id],
      ["COMPLAINT_CLOSED", w.users.ministry2.id],
    ]);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    // The outcome opened a surveillance change case of the certified case, for its lab; the
    // secretariat's home lists it while it is under way.
    const detail = await getComplaint(w.users.ministry2, r.reference);
    expect(detail.outcome).toBe("surveillance");
    const change = await db().changeCase.findUniqueOrThrow({ where: { id: detail.surveillance!.id } });
    expect(change).toMatchObject({ caseId: cert.caseId, kind: "surveillance", state: "retesting" });
    const tasks = await complaintTasks(w.users.secretariat);
    expect(tasks.surveillance.map((s) => [s.reference, s.changeId])).toContainEqual([r.reference, change.id]);
    const list = await listComplaints(w.users.secretariat, {});
    expect(list.rows.some((x) => x.reference === r.reference)).toBe(true);
  });

  it("refuses an involved handler with the code that says why, and changes nothing", async () => {
    const r = await filed();
    const before = await snapshot(r.reference);
    const cases: [string, string][] = [
      [w.users.ministry1.id, "HANDLER_DECIDED_CASE"],
      [w.users.secretariat.id, "HANDLER_ACTED_ON_CASE"],
      [w.users.expert1.id, "HANDLER_NOT_ELIGIBLE"],
      ["no-such-user", "HANDLER_NOT_ELIGIBLE"],
    ];
    for (const [handlerId, reason] of cases) {
      const e = await refusal(applyComplaintEvent(w.users.secretariat, { reference: r.reference, type: "TRIAGE", expectedVersion: 1, payload: { handlerId } }));
      expect(e.reason).toBe(reason);
    }
    // A ministry user of the vendor's organisation, and one who sat on the panel.
    const ofVendor = await makeSessionUser("ministry", { organizationId: w.orgs["Vendor A"].id });
    expect((await refusal(applyComplaintEvent(w.users.secretariat, { reference: r.reference, type: "TRIAGE", expectedVersion: 1, payload: { handlerId: ofVendor.id } }))).reason).toBe("HANDLER_OF_CASE_ORG");
    const panelist = await makeSessionUser("ministry");
    await db().panelMember.create({ data: { caseId: cert.caseId, round: 99, expertId: panelist.id } });
    expect((await refusal(applyComplaintEvent(w.users.secretariat, { reference: r.reference, type: "TRIAGE", expectedVersion: 1, payload: { handlerId: panelist.id } }))).reason).toBe("HANDLER_ON_PANEL");
    await db().panelMember.deleteMany({ where: { caseId: cert.caseId, round: 99 } });
    expect(await snapshot(r.reference)).toEqual(before);
  });

  it("refuses a stale version, the wrong role, a close by another than the handler, and events in the wrong state — changing nothing", async () => {
    const r = await filed();
    const triage = (user = w.users.secretariat, expectedVersion = 1) =>
      applyComplaintEvent(user, { reference: r.reference, type: "TRIAGE", expectedVersion, payload: { handlerId: w.users.ministry2.id } });
    const close = (user = w.users.ministry2, expectedVersion = 2) =>
      applyComplaintEvent(user, { reference: r.reference, type: "CLOSE", expectedVersion, payload: { outcome: "no_action", publicSummary: "Nothing to act on." } });

    let before = await snapshot(r.reference);
    expect((await refusal(triage(w.users.ministry1))).reason).toBe("NOT_PERMITTED");
    expect((await refusal(triage(w.users.vendorA))).reason).toBe("NOT_PERMITTED");
    expect((await refusal(close(w.users.ministry2, 1))).reason).toBe("COMPLAINT_EVENT_NOT_ALLOWED");
    expect((await refusal(triage(w.users.secretariat, 7))).reason).toBe("COMPLAINT_VERSION_MISMATCH");
    expect((await refusal(applyComplaintEvent(w.users.secretariat, { reference: "C-2026-ZZZZZZZZ", type: "TRIAGE", expectedVersion: 1, payload: { handlerId: w.users.ministry2.id } }))).status).toBe(404);
    expect(await snapshot(r.reference)).toEqual(before);

    await triage();
    before = await snapshot(r.reference);
    expect((await refusal(triage(w.users.secretariat, 2))).reason).toBe("COMPLAINT_EVENT_NOT_ALLOWED");
    expect((await refusal(triage(w.users.secretariat, 1))).reason).toBe("COMPLAINT_VERSION_MISMATCH");
    expect((await refusal(close(w.users.ministry1))).reason).toBe("NOT_COMPLAINT_HANDLER");
    expect((await refusal(close(w.users.ministry2, 1))).reason).toBe("COMPLAINT_VERSION_MISMATCH");
    expect((await refusal(applyComplaintEvent(w.users.ministry2, { reference: r.reference, type: "CLOSE", expectedVersion: 2, payload: { outcome: "fined", publicSummary: "x" } }))).status).toBe(422);
    expect((await refusal(applyComplaintEvent(w.users.ministry2, { reference: r.reference, type: "CLOSE", expectedVersion: 2, payload: { outcome: "no_action", publicSummary: "x".repeat(2001) } }))).fields?.publicSummary?.reason).toBe("TEXT_TOO_LONG");
    expect(await snapshot(r.reference)).toEqual(before);

    await close();
    before = await snapshot(r.reference);
    expect((await refusal(close(w.users.ministry2, 3))).reason).toBe("COMPLAINT_EVENT_NOT_ALLOWED");
    expect((await refusal(triage(w.users.secretariat, 3))).reason).toBe("COMPLAINT_EVENT_NOT_ALLOWED");
    expect(await snapshot(r.reference)).toEqual(before);
  });

  it("two concurrent triages: one wins, the other is refused, one audit event", async () => {
    const r = await filed();
    const results = await Promise.allSettled([1, 2].map(() =>
      applyComplaintEvent(w.users.secretariat, { reference: r.reference, type: "TRIAGE", expectedVersion: 1, payload: { handlerId: w.users.ministry2.id } })));
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect(["COMPLAINT_CHANGED", "COMPLAINT_VERSION_MISMATCH", "COMPLAINT_EVENT_NOT_ALLOWED"]).toContain((failed.reason as AppError).reason);
    const triaged = (await db().auditEvent.findMany({ where: { type: "COMPLAINT_TRIAGED" } })).filter((e) => JSON.parse(e.payload).reference === r.reference);
    expect(triaged).toHaveLength(1);
  });

  it("the case's timeline shows complaint events to the audit's readers only", async () => {
    await filed();
    const types = async (u: typeof w.users.vendorA) => (await listCaseEvents(u, cert.caseId)).map((e) => e.type);
    expect(await types(w.users.secretariat)).toContain("COMPLAINT_RECEIVED");
    expect(await types(w.users.ministry1)).toContain("COMPLAINT_RECEIVED");
    for (const u of [w.users.vendorA, w.users.lab1, w.users.expert1]) expect((await types(u)).filter((t) => t.startsWith("COMPLAINT_"))).toEqual([]);
  });

  it("only the secretariat and ministry read complaints", async () => {
    for (const u of [w.users.vendorA, w.users.lab1, w.users.expert1, w.users.admin]) {
      expect((await refusal(listComplaints(u, {}))).reason).toBe("NOT_PERMITTED");
    }
  });
});
