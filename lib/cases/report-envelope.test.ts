// The report envelope through the one door and the HTTP API (docs/domain.md#lab-evidence): SUBMIT_REPORT
// names every missing field, refuses a sample of another version and items outside the lab's scope;
// a full envelope is submitted and the certificate (PDF and public JSON) carries the build fingerprint.
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, resultsReaching, sampleEnvelope, WORLD_VERSION, type World } from "@/test/world";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { getPublicCertificate } from "@/lib/certificates/public";
import { seededScheme } from "@/lib/grading/schemes";
import { SAMPLE_MODELS } from "./models";
import { saveLabReport } from "./save-lab-report";
import { getLabReportPdf } from "./lab-report-pdf";
import * as eventsRoute from "@/app/api/v1/cases/[id]/events/route";
import * as labReportRoute from "@/app/api/v1/cases/[id]/lab-report/route";
import * as labReportPdfRoute from "@/app/api/v1/cases/[id]/lab-report/pdf/route";

let t: TestDatabase;
let w: World;
let tmp: string;
const tokens = new Map<string, string>();
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-envelope-"));
}, 120_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function bearer(user: SessionUser) {
  let token = tokens.get(user.id);
  if (!token) {
    token = `zj_${crypto.randomBytes(32).toString("base64url")}`;
    await db().apiToken.create({ data: { userId: user.id, name: "envelope", prefix: token.slice(0, 8), tokenHash: hashToken(token), scopes: "read cases:write lab:report" } });
    tokens.set(user.id, token);
  }
  return token;
}

// Token scopes are checked by path (lib/token-scopes.ts): each handler is called at its own.
const PATHS = new Map<unknown, string>([
  [eventsRoute.POST, "/cases/{id}/events"],
  [labReportRoute.PUT, "/cases/{id}/lab-report"],
  [labReportPdfRoute.GET, "/cases/{id}/lab-report/pdf"],
]);

async function call(handler: unknown, user: SessionUser, init: RequestInit, params: Record<string, string>) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${await bearer(user)}`);
  const req = new Request(`http://localhost/api/v1${PATHS.get(handler)!.replace("{id}", params.id)}`, { ...init, headers });
  return (handler as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>)(req, { params: Promise.resolve(params) });
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const footprint = async (id: string) => {
  const c = await db().case.findUniqueOrThrow({ where: { id } });
  return { state: c.state, version: c.version, events: await db().auditEvent.count({ where: { caseId: id } }) };
};

describe(`the lab report envelope (${DB})`, () => {
  it("results alone are a draft: SUBMIT_REPORT names every missing envelope field, each with its code, and changes nothing", async () => {
    const id = await caseIn(w, "testing");
    await saveLabReport(w.users.lab1, id, { results: resultsReaching("phone", "L2") });
    const before = await footprint(id);
    const e = await refusal(send(w.users.lab1, id, "SUBMIT_REPORT"));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.reason).toBe("REPORT_ENVELOPE_INCOMPLETE");
    const fields = ["reportNumber", "sample.serials", "sample.buildFingerprint", "sample.softwareVersion", "testedFrom", "testedTo", "environment", "signatory"];
    expect(Object.keys(e.fields ?? {})).toEqual(fields);
    for (const f of fields) expect(e.fields?.[f]).toEqual({ reason: "ENVELOPE_FIELD_REQUIRED", params: { field: f } });
    expect(e.params).toEqual({ missing: fields.join(", ") });
    expect(await footprint(id)).toEqual(before);

    // The envelope alone (beside the saved results, as after a CSV upload) completes it; one field missing is named alone.
    const { signatory: _left, ...most } = sampleEnvelope(WORLD_VERSION);
    await saveLabReport(w.users.lab1, id, most);
    const one = await refusal(send(w.users.lab1, id, "SUBMIT_REPORT"));
    expect(one.fields).toEqual({ signatory: { reason: "ENVELOPE_FIELD_REQUIRED", params: { field: "signatory" } } });
    await saveLabReport(w.users.lab1, id, { signatory: "A. Tester, technical manager" });
    const report = await db().labReport.findFirstOrThrow({ where: { caseId: id } });
    expect(report).toMatchObject({ complete: true, level: "L2", reportNumber: most.reportNumber, signatory: "A. Tester, technical manager" });
    expect(JSON.parse(report.sample!)).toEqual(most.sample);
    await send(w.users.lab1, id, "SUBMIT_REPORT");
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.forming");
  });

  it("a sample of another software version is refused, naming both versions", async () => {
    const id = await caseIn(w, "testing");
    await saveLabReport(w.users.lab1, id, { ...sampleEnvelope("5.0.2"), results: resultsReaching("phone", "L2") });
    const before = await footprint(id);
    const e = await refusal(send(w.users.lab1, id, "SUBMIT_REPORT"));
    expect(e.reason).toBe("SAMPLE_VERSION_MISMATCH");
    expect(e.params).toEqual({ sampleVersion: "5.0.2", appliedVersion: WORLD_VERSION });
    expect(e.fields?.["sample.softwareVersion"]).toEqual({ reason: "SAMPLE_VERSION_MISMATCH", params: { sampleVersion: "5.0.2", appliedVersion: WORLD_VERSION } });
    expect(e.message).toContain("5.0.2");
    expect(e.message).toContain(WORLD_VERSION);
    expect(await footprint(id)).toEqual(before);
  });

  it("a sample running other models than the case discloses is refused, naming both; the disclosed models are submitted", async () => {
    const id = await caseIn(w, "testing");
    // The world's cases disclose SAMPLE_MODELS (an on-device model and a cloud LLM).
    const disclosed = SAMPLE_MODELS.map(({ name, version, deployment }) => ({ name, version, deployment }));
    const other = [{ ...disclosed[0], version: "3B-int4-2026.01" }, disclosed[1]];
    await saveLabReport(w.users.lab1, id, { ...sampleEnvelope(WORLD_VERSION, undefined, other), results: resultsReaching("phone", "L2") });
    const before = await footprint(id);
    const e = await refusal(send(w.users.lab1, id, "SUBMIT_REPORT"));
    const params = {
      sampleModels: "Aurora-Nano 3B-int4-2026.01 (on_device); Aurora Cloud LLM 2026-05 (cloud)",
      disclosedModels: "Aurora-Nano 3B-int4-2026.03 (on_device); Aurora Cloud LLM 2026-05 (cloud)",
    };
    expect(e.reason).toBe("SAMPLE_MODELS_MISMATCH");
    expect(e.params).toEqual(params);
    expect(e.fields?.["sample.models"]).toEqual({ reason: "SAMPLE_MODELS_MISMATCH", params });
    expect(e.message).toContain("3B-int4-2026.01");
    expect(await footprint(id)).toEqual(before);
    // One model left out, or one added, is refused too.
    for (const models of [disclosed.slice(0, 1), [...disclosed, { name: "Extra", version: "1", deployment: "companion" as const }]]) {
      await saveLabReport(w.users.lab1, id, { sample: { ...sampleEnvelope(WORLD_VERSION).sample, models } });
      expect((await refusal(send(w.users.lab1, id, "SUBMIT_REPORT"))).reason).toBe("SAMPLE_MODELS_MISMATCH");
    }
    // The disclosed models, in another order and without deployments, are the disclosure.
    await saveLabReport(w.users.lab1, id, { sample: { ...sampleEnvelope(WORLD_VERSION).sample, models: [{ name: disclosed[1].name, version: disclosed[1].version }, disclosed[0]] } });
    await send(w.users.lab1, id, "SUBMIT_REPORT");
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.forming");
  });

  it("a sample model said to run elsewhere than disclosed (cloud for on-device) is refused, its field named", async () => {
    const id = await caseIn(w, "testing");
    const wrong = [{ name: "Aurora-Nano", version: "3B-int4-2026.03", deployment: "cloud" as const }];
    await saveLabReport(w.users.lab1, id, { ...sampleEnvelope(WORLD_VERSION, undefined, wrong), results: resultsReaching("phone", "L2") });
    const e = await refusal(send(w.users.lab1, id, "SUBMIT_REPORT"));
    expect(e.reason).toBe("SAMPLE_MODELS_MISMATCH");
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.fields?.["sample.models"]?.params).toMatchObject({ sampleModels: "Aurora-Nano 3B-int4-2026.03 (cloud)" });
  });

  it("a lab whose accreditation scope leaves an item out may not report it: refused at save and at submission, naming the item and test set", async () => {
    const id = await caseIn(w, "testing");
    await saveLabReport(w.users.lab1, id, { ...sampleEnvelope(WORLD_VERSION), results: resultsReaching("phone", "L2") });
    const keys = seededScheme("phone")!.elements.flatMap((e) => e.items.map((i) => i.key));
    const accreditation = await db().labAccreditation.findFirstOrThrow({ where: { labOrgId: w.orgs["Lab One"].id, category: "phone" } });
    await db().labAccreditation.update({ where: { id: accreditation.id }, data: { scope: JSON.stringify(keys.slice(1)) } });
    try {
      const atSave = await refusal(saveLabReport(w.users.lab1, id, { results: resultsReaching("phone", "L2") }));
      expect(atSave.reason).toBe("LAB_SCOPE_EXCLUDES_ITEM");
      expect(atSave.params).toEqual({ item: keys[0], testSet: keys[0] });
      expect(atSave.fields?.[`results.${keys[0]}`]).toMatchObject({ reason: "LAB_SCOPE_EXCLUDES_ITEM" });
      const before = await footprint(id);
      const atSubmit = await refusal(send(w.users.lab1, id, "SUBMIT_REPORT"));
      expect(atSubmit.reason).toBe("LAB_SCOPE_EXCLUDES_ITEM");
      expect(atSubmit.params).toEqual({ item: keys[0], testSet: keys[0] });
      expect(await footprint(id)).toEqual(before);
    } finally {
      await db().labAccreditation.update({ where: { id: accreditation.id }, data: { scope: accreditation.scope } });
    }
  });

  it("through the API the lab submits the full envelope; the report PDF and the certificate (PDF and public JSON) carry the build fingerprint", async () => {
    const id = await caseIn(w, "testing");
    const envelope = { ...sampleEnvelope(WORLD_VERSION, "2026-02-20"), sample: { ...sampleEnvelope(WORLD_VERSION).sample, buildFingerprint: "aurora/ax/x1:5.0.1/AX1.260220.001/42:user/release-keys" } };
    const put = await call(labReportRoute.PUT, w.users.lab1, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...envelope, results: resultsReaching("phone", "L2") }) }, { id });
    expect(put.status).toBe(200);
    // A bad day is refused by the schema, naming the field.
    const bad = await call(labReportRoute.PUT, w.users.lab1, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ testedTo: "2026-02-31" }) }, { id });
    expect(bad.status).toBe(422);
    expect(JSON.stringify((await bad.json()).error.details)).toContain("testedTo");
    const c = await db().case.findUniqueOrThrow({ where: { id } });
    const submitted = await call(eventsRoute.POST, w.users.lab1, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "SUBMIT_REPORT", expectedVersion: c.version }) }, { id });
    expect(submitted.status).toBe(200);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { caseId: id, type: "LAB_REPORT_SAVED" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(audit.payload)).toMatchObject({ reportNumber: envelope.reportNumber, buildFingerprint: envelope.sample.buildFingerprint, sampleVersion: WORLD_VERSION });

    // The lab's test report as a PDF, for whoever may see the case (the vendor too); another vendor gets 404.
    const reportPdf = await call(labReportPdfRoute.GET, w.users.vendorA, { method: "GET" }, { id });
    expect(reportPdf.status).toBe(200);
    expect(reportPdf.headers.get("content-type")).toBe("application/pdf");
    const reportFile = path.join(tmp, "report.pdf");
    fs.writeFileSync(reportFile, Buffer.from(await reportPdf.arrayBuffer()));
    const reportText = execFileSync("pdftotext", ["-layout", reportFile, "-"], { encoding: "utf8" });
    for (const s of [envelope.reportNumber, envelope.sample.buildFingerprint, "检测报告", "Test report", envelope.signatory, "2026-02-16", "2026-02-20", "meets L2"]) expect(reportText).toContain(s);
    expect((await call(labReportPdfRoute.GET, w.users.vendorB, { method: "GET" }, { id })).status).toBe(404);

    // On to the award: the certificate records, prints and publishes the fingerprint of the build tested.
    const { users } = w;
    await send(users.secretariat, id, "ASSIGN_PANEL", { expertIds: [users.expert1.id, users.expert2.id, users.expert3.id] });
    for (const e of [users.expert1, users.expert2, users.expert3]) await send(e, id, "VOTE", { verdict: "approve", level: "L2", rationale: "Meets L2 on every item." });
    await send(users.ministry1, id, "AWARD", { level: "L2" });
    await runOutboxOnce();
    const cert = await db().certificate.findFirstOrThrow({ where: { caseId: id } });
    expect(cert.buildFingerprint).toBe(envelope.sample.buildFingerprint);
    const file = path.join(tmp, "certificate.pdf");
    fs.writeFileSync(file, Buffer.from(cert.pdf));
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Build fingerprint");
    expect(text).toContain("构建指纹");
    expect(text.replace(/\s+/g, "")).toContain(envelope.sample.buildFingerprint);
    expect((await getPublicCertificate(cert.publicId)).buildFingerprint).toBe(envelope.sample.buildFingerprint);
  });

  it("there is no report PDF before a report is submitted", async () => {
    const id = await caseIn(w, "testing");
    const e = await refusal(getLabReportPdf(w.users.lab1, id));
    expect(e.reason).toBe("LAB_REPORT_NOT_FOUND");
  });
});
