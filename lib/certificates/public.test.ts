import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, uploadCorrective, correctByIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { SAMPLE_MODELS } from "@/lib/cases/models";
import { AppError } from "@/lib/errors";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "./register";
import { getPublicCertificate } from "./public";
import { verifyCertificate } from "./verify-certificate";
import { searchRegistry, parseRegistryQuery, registryFilterOptions } from "./registry";
import { getPortalSigningKey } from "./portal-key";
import { ensureDevKeys } from "./signing/keys";
import { issueCertificatePdf } from "./pdf";
import { GET as getCertificateRoute } from "@/app/api/v1/certificates/[publicId]/route";
import { GET as getPdfRoute } from "@/app/api/v1/certificates/[publicId]/pdf/route";
import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { GET as caRoute } from "@/app/api/v1/trust/ca.pem/route";

let t: TestDatabase;
let w: World;
let tmp: string;
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-public-"));
}, 120_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A certified case whose certificate the outbox has issued. */
async function certified(opts: { level?: "L1" | "L2" | "L3"; schemeId?: string } = {}) {
  const caseId = await caseIn(w, "certified", opts);
  await runOutboxOnce();
  const cert = await db().certificate.findFirstOrThrow({ where: { caseId } });
  return { caseId, cert, pdf: Buffer.from(cert.pdf) };
}

const params = <P>(p: P) => ({ params: Promise.resolve(p) });

describe(`issued certificates, checked from outside (${DB})`, () => {
  it("the issued PDF verifies with pdfsig over the whole document, and pdftotext shows number, level and Chinese", async () => {
    const { cert, pdf } = await certified({ level: "L3" });
    const file = path.join(tmp, `${cert.number}.pdf`);
    fs.writeFileSync(file, pdf);
    // pdfsig exits 0 even for a broken signature: its text is what counts.
    const sig = spawnSync("pdfsig", [file], { encoding: "utf8" });
    expect(sig.stdout).toContain("Signature is Valid");
    expect(sig.stdout).toContain("Total document signed");
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(cert.number);
    expect(text).toContain("L3");
    expect(text).toContain("辅助级");
    expect(text).toContain("甲终端公司");
    expect(text).toContain(cert.publicId);
  });

  it("verifyCertificate: genuine is valid with the live view; one changed byte, appended bytes or a foreign CA are not", async () => {
    const { cert, pdf } = await certified({ level: "L2" });
    const genuine = await verifyCertificate(pdf);
    expect(genuine).toMatchObject({ valid: true, reasonCode: "valid" });
    expect(genuine.certificate).toMatchObject({
      number: cert.number,
      publicId: cert.publicId,
      status: "valid",
      level: "L2",
      levelName: { zh: "工具级", en: "Tool" },
      vendor: "Vendor A",
      category: "phone",
      scheme: { id: "phone", version: "2026.1" },
    });

    const [, b] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString("latin1"))!.slice(1).map(Number);
    const altered = Buffer.from(pdf);
    altered[Math.floor(b / 2)] ^= 0x01;
    expect(await verifyCertificate(altered)).toMatchObject({ valid: false, reasonCode: "altered", certificate: null });
    expect(await verifyCertificate(Buffer.concat([pdf, Buffer.from("\n%%EOF\n")]))).toMatchObject({ valid: false, certificate: null });

    // The same certificate content signed by another CA (a development CA of its own).
    const other = await ensureDevKeys(path.join(tmp, "other-ca"), () => {});
    const portal = await getPortalSigningKey();
    expect(other.caPem).not.toBe(portal.caPem);
    const data = {
      number: cert.number,
      publicId: cert.publicId,
      verifyUrl: `http://localhost/verify/${cert.publicId}`,
      vendor: "Vendor A 甲终端公司",
      product: { name: "Aurora X", model: "AX-1", softwareVersion: "5.0.1" },
      category: { zh: "智能手机", en: "Smartphone" },
      scheme: { id: "phone", version: "2026.1", title: { zh: "智能手机", en: "Smartphone" } },
      level: "L3" as const,
      levelName: { zh: "辅助级", en: "Assistance" },
      profile: [],
      pilot: "2026 National Pilot",
      issuedAt: cert.issuedAt,
      validUntil: cert.validUntil,
      issuer: { zh: "工作组", en: "Working group" },
    };
    const foreign = await issueCertificatePdf(data, other);
    expect(await verifyCertificate(foreign)).toMatchObject({ valid: false, reasonCode: "foreign", certificate: null });

    // Signed with the portal's own key, but not a document the portal issued.
    const unknown = await issueCertificatePdf(data, portal);
    expect(await verifyCertificate(unknown)).toMatchObject({ valid: false, reasonCode: "unknown", certificate: null });

    expect(await verifyCertificate(Buffer.from("hello, not a pdf"))).toMatchObject({ valid: false, reasonCode: "not_pdf" });
    expect(await verifyCertificate(Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"))).toMatchObject({ valid: false, reasonCode: "none" });
  });

  it("the public view follows suspend and reinstate at once; a revoked certificate's PDF is genuine and says revoked", async () => {
    const { caseId, cert, pdf } = await certified({ level: "L1" });
    expect((await getPublicCertificate(cert.publicId)).status).toBe("valid");

    await send(w.users.ministry2, caseId, "SUSPEND", { reason: "Field reports of wake-word failures", correctBy: correctByIn(30) });
    const suspended = await getPublicCertificate(cert.publicId);
    expect(suspended).toMatchObject({ status: "suspended", statusReason: "Field reports of wake-word failures" });
    expect(suspended.statusChangedAt).not.toBeNull();
    expect((await verifyCertificate(pdf)).certificate).toMatchObject({ status: "suspended" });

    await send(w.users.ministry2, caseId, "REINSTATE", { reason: "Corrected", evidenceIds: [await uploadCorrective(w.users.vendorA, caseId)] });
    expect(await getPublicCertificate(cert.publicId)).toMatchObject({ status: "valid", statusReason: null });

    await send(w.users.ministry2, caseId, "REVOKE", { reason: "Software update removed the on-device model" });
    const revoked = await verifyCertificate(pdf);
    expect(revoked.valid).toBe(true);
    expect(revoked.certificate).toMatchObject({ status: "revoked", statusReason: "Software update removed the on-device model" });
    expect(revoked.certificate!.statusChangedAt).toEqual(expect.any(String));
  });

  it("a validity that ran out reads as expired before the sweep records it, with its end as the date", async () => {
    const { cert } = await certified({ level: "L1" });
    const ended = new Date(Date.now() - 60_000);
    await db().certificate.update({ where: { id: cert.id }, data: { validUntil: ended } });
    expect(await getPublicCertificate(cert.publicId)).toMatchObject({ status: "expired", statusReason: null, statusChangedAt: ended.toISOString() });
    const expired = await searchRegistry(parseRegistryQuery({ status: "expired" }));
    expect(expired.items.map((i) => i.number)).toContain(cert.number);
    const valid = await searchRegistry(parseRegistryQuery({ status: "valid" }));
    expect(valid.items.map((i) => i.number)).not.toContain(cert.number);
  });

  it("unknown public ids are not found", async () => {
    const e = await getPublicCertificate("no-such-certificate").catch((err) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("NOT_FOUND");
  });
});

describe(`the registry (${DB})`, () => {
  it("filters by number, vendor (either name), product or model, category, level, status and pilot, and pages", async () => {
    const pc = await certified({ level: "L2", schemeId: "pc" });
    const phone = await certified({ level: "L3" });
    const phoneModel = (await db().case.findUniqueOrThrow({ where: { id: phone.caseId }, include: { product: true } })).product.model;
    const numbers = async (p: Record<string, string>) => (await searchRegistry(parseRegistryQuery(p))).items.map((i) => i.number);

    expect(await numbers({ number: phone.cert.number.slice(-6) })).toEqual([phone.cert.number]);
    expect(await numbers({ product: phoneModel.toLowerCase() })).toEqual([phone.cert.number]);
    expect(await numbers({ vendor: "vendor a" })).toEqual(expect.arrayContaining([pc.cert.number, phone.cert.number]));
    expect(await numbers({ vendor: "甲终端" })).toEqual(expect.arrayContaining([pc.cert.number, phone.cert.number]));
    expect(await numbers({ vendor: "Vendor B" })).toEqual([]);
    const pcs = await numbers({ category: "pc" });
    expect(pcs).toContain(pc.cert.number);
    expect(pcs.every((n) => n.includes("-PC-"))).toBe(true);
    const l3 = await searchRegistry(parseRegistryQuery({ level: "L3", status: "valid", category: "phone" }));
    expect(l3.items.map((i) => i.number)).toContain(phone.cert.number);
    expect(l3.items.every((i) => i.level === "L3" && i.status === "valid")).toBe(true);
    expect(await numbers({ pilot: w.pilot.id })).toContain(pc.cert.number);
    expect(await numbers({ pilot: "no-such-pilot" })).toEqual([]);

    // A bad value in a shared link is ignored rather than failing the page.
    expect(parseRegistryQuery({ level: "L9", status: "bogus", page: "-3", category: "PHONE;" })).toMatchObject({
      level: undefined, status: undefined, page: 1, category: undefined,
    });

    const all = await searchRegistry(parseRegistryQuery({}));
    expect(all.total).toBe(await db().certificate.count());
    expect(all.items.map((i) => i.issuedAt)).toEqual([...all.items.map((i) => i.issuedAt)].sort().reverse());
    const beyond = await searchRegistry(parseRegistryQuery({ page: "999" }));
    expect(beyond.page).toBe(beyond.pageCount);

    const options = await registryFilterOptions();
    expect(options.categories).toEqual(expect.arrayContaining(["pc", "phone"]));
    expect(options.pilots.map((p) => p.id)).toContain(w.pilot.id);
  });

  it("pages of 20, newest first, with no certificate on two pages", async () => {
    const before = await db().certificate.count();
    for (let i = before; i < 23; i++) await caseIn(w, "certified", { level: "L1" });
    await runOutboxOnce();
    const total = await db().certificate.count();
    expect(total).toBeGreaterThanOrEqual(23);
    const p1 = await searchRegistry(parseRegistryQuery({ page: "1" }));
    const p2 = await searchRegistry(parseRegistryQuery({ page: "2" }));
    expect(p1.items).toHaveLength(20);
    expect(p1.pageCount).toBe(Math.ceil(total / 20));
    expect(p2.items.length).toBe(Math.min(20, total - 20));
    const seen = [...p1.items, ...p2.items].map((i) => i.number);
    expect(new Set(seen).size).toBe(seen.length);
  }, 120_000);
});

describe(`the public HTTP API (${DB})`, () => {
  it("GET /certificates/{publicId} and /pdf; unknown ids are 404 JSON", async () => {
    const { cert, pdf } = await certified({ level: "L2" });
    const res = await getCertificateRoute(new Request(`http://x/api/v1/certificates/${cert.publicId}`), params({ publicId: cert.publicId }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(expect.arrayContaining([
      "number", "status", "statusReason", "statusChangedAt", "level", "levelName", "profile", "product", "vendor", "category", "scheme", "pilot", "issuedAt", "validUntil", "issuer",
    ]));
    expect(body.product).toEqual({ name: "Aurora X", model: expect.any(String), softwareVersion: "5.0.1", models: SAMPLE_MODELS });
    expect(body.profile.length).toBeGreaterThan(0);
    expect(body.profile[0]).toMatchObject({ key: expect.any(String), title: { zh: expect.any(String), en: expect.any(String) } });

    const missing = await getCertificateRoute(new Request("http://x/api/v1/certificates/nope"), params({ publicId: "nope" }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("NOT_FOUND");

    const file = await getPdfRoute(new Request("http://x"), params({ publicId: cert.publicId }));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toContain(`${cert.number}.pdf`);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await getPdfRoute(new Request("http://x"), params({ publicId: "nope" }))).status).toBe(404);
  });

  it("POST /verify takes the raw PDF or a multipart file, and refuses oversize, wrong type and empty bodies", async () => {
    const { cert, pdf } = await certified({ level: "L1" });
    const raw = await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: new Uint8Array(pdf) }), params({}));
    expect(raw.status).toBe(200);
    expect(await raw.json()).toMatchObject({ valid: true, certificate: { number: cert.number, status: "valid" } });

    const form = new FormData();
    form.append("note", "from a browser");
    form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "cert.pdf");
    const multi = await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", body: form }), params({}));
    expect(multi.status).toBe(200);
    expect(await multi.json()).toMatchObject({ valid: true, certificate: { number: cert.number } });

    const altered = Buffer.from(pdf);
    altered[200] ^= 0x01;
    const bad = await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: new Uint8Array(altered) }), params({}));
    expect(await bad.json()).toMatchObject({ valid: false, reasonCode: "altered", certificate: null });

    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    // Without a content-length (a streamed body) the count while reading stops it.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < big.length; i += 1024 * 1024) c.enqueue(big.subarray(i, i + 1024 * 1024));
        c.close();
      },
    });
    const tooBig = await verifyRoute(
      new Request("http://x/api/v1/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: stream, duplex: "half" } as RequestInit),
      params({}),
    );
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    const bigForm = new FormData();
    bigForm.append("file", new Blob([big], { type: "application/pdf" }), "big.pdf");
    const tooBigMulti = await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", body: bigForm }), params({}));
    expect(tooBigMulti.status).toBe(413);

    const wrongType = await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), params({}));
    expect(wrongType.status).toBe(415);
    const empty = await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: new Uint8Array() }), params({}));
    expect(empty.status).toBe(422);
    const noFileField = new FormData();
    noFileField.append("other", new Blob([new Uint8Array(pdf)]), "x.pdf");
    expect((await verifyRoute(new Request("http://x/api/v1/verify", { method: "POST", body: noFileField }), params({}))).status).toBe(422);
  });

  it("GET /trust/ca.pem serves the CA that the issued PDFs chain to", async () => {
    const { pdf } = await certified({ level: "L1" });
    const res = await caRoute(new Request("http://x/api/v1/trust/ca.pem"), params({}));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-pem-file");
    const pem = await res.text();
    expect(pem).toContain("BEGIN CERTIFICATE");
    expect(pem).toBe((await getPortalSigningKey()).caPem);
    // The offline check a relying party can do: the CMS in the PDF, over the signed byte ranges, against this CA.
    const [a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString("latin1"))!.slice(1).map(Number);
    const padded = Buffer.from(pdf.subarray(a + b + 1, c - 1).toString("latin1"), "hex");
    // The /Contents hex is zero-padded: keep the DER's own length (30 82 LL LL or 30 83 LL LL LL).
    const lenBytes = padded[1] & 0x7f;
    const derLength = 2 + lenBytes + padded.subarray(2, 2 + lenBytes).reduce((n, x) => n * 256 + x, 0);
    fs.writeFileSync(path.join(tmp, "sig.der"), padded.subarray(0, derLength));
    fs.writeFileSync(path.join(tmp, "signed.bin"), Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
    fs.writeFileSync(path.join(tmp, "ca.pem"), pem);
    const v = spawnSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", path.join(tmp, "sig.der"), "-content", path.join(tmp, "signed.bin"),
      "-CAfile", path.join(tmp, "ca.pem"), "-purpose", "any", "-out", "/dev/null"], { encoding: "utf8" });
    expect(v.stderr).toContain("Verification successful");
  });
});
