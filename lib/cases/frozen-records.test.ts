// Frozen records: what a case was decided on and what a certificate certifies never follows later
// edits of the product. The attack from issue 10 (a new draft with the certified product's id,
// then an edit of the product) must leave every public reader unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, COMPLETE_APPLICATION, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { getPublicCertificate } from "@/lib/certificates/public";
import { verifyCertificate } from "@/lib/certificates/verify-certificate";
import { parseRegistryQuery, searchRegistry } from "@/lib/certificates/registry";
import { GET as getCertificateRoute } from "@/app/api/v1/certificates/[publicId]/route";
import { createCase } from "./create-case";
import { updateApplication } from "./update-application";
import { getCase } from "./get-case";
import { parseProductSnapshot } from "./product-snapshot";
import { SAMPLE_MODELS } from "./models";

let t: TestDatabase;
let w: World;
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
}, 120_000);
afterAll(async () => t?.drop());

const params = <P>(p: P) => ({ params: Promise.resolve(p) });

async function certified() {
  const caseId = await caseIn(w, "certified", { level: "L3" });
  await runOutboxOnce();
  const cert = await db().certificate.findFirstOrThrow({ where: { caseId } });
  const row = await db().case.findUniqueOrThrow({ where: { id: caseId }, include: { product: true } });
  return { caseId, cert, pdf: Buffer.from(cert.pdf), product: row.product };
}

/** Everything the public (and the vendor's case page) reads about a certified product. */
async function publicRecord(caseId: string, publicId: string, pdf: Buffer) {
  const api = await (await getCertificateRoute(new Request(`http://test/api/v1/certificates/${publicId}`), params({ publicId }))).json();
  const verified = await verifyCertificate(pdf);
  const view = await getCase(w.users.vendorA, caseId);
  return {
    certificate: (await getPublicCertificate(publicId)).product,
    api: api.product,
    verify: verified.certificate?.product,
    caseView: view.product,
  };
}

/** A snapshot as the product row holds it (modelInfo as JSON text; docs/domain.md#model-disclosure). */
const asProductRow = (snapshot: string) => {
  const s = JSON.parse(snapshot) as Record<string, unknown>;
  return { ...s, modelInfo: JSON.stringify(s.modelInfo) };
};

const registryNumbers = async (product: string) => (await searchRegistry(parseRegistryQuery({ product }))).items.map((i) => i.number);

describe(`frozen product records (${DB})`, () => {
  it("a case stores the product it applied with, written at creation and on draft edits, as one JSON object", async () => {
    const c = await createCase(w.users.vendorA, {
      schemeId: "phone",
      product: { name: "Snapshot S", model: "SS-1", softwareVersion: "1.0" },
      claimedLevel: "L2",
    });
    expect(parseProductSnapshot(c.productSnapshot)).toEqual({ name: "Snapshot S", model: "SS-1", softwareVersion: "1.0", category: "phone", modelInfo: {} });
    await updateApplication(w.users.vendorA, c.id, { expectedVersion: 1, product: { name: "Snapshot S", model: "SS-2", softwareVersion: "1.1" } });
    const row = await db().case.findUniqueOrThrow({ where: { id: c.id } });
    expect(JSON.parse(row.productSnapshot)).toEqual({ name: "Snapshot S", model: "SS-2", softwareVersion: "1.1", category: "phone", modelInfo: {} });
  });

  it("the attack: a new draft with the certified productId and an edit of its product change nothing the public reads", async () => {
    const { caseId, cert, pdf, product } = await certified();
    const before = await publicRecord(caseId, cert.publicId, pdf);
    expect(before.certificate).toEqual({ name: product.name, model: product.model, softwareVersion: product.softwareVersion, models: SAMPLE_MODELS });
    expect(before.api).toEqual(before.certificate);
    expect(before.verify).toEqual(before.certificate);
    expect(before.caseView).toMatchObject({ name: product.name, model: product.model, softwareVersion: product.softwareVersion });
    expect(await registryNumbers(product.model)).toEqual([cert.number]);

    // A new application for the certified product starts from a copy of it…
    const draft = await createCase(w.users.vendorA, { schemeId: "phone", productId: product.id, claimedLevel: "L3", application: COMPLETE_APPLICATION });
    expect(draft.productId).not.toBe(product.id);
    expect(parseProductSnapshot(draft.productSnapshot)).toMatchObject({ name: product.name, model: product.model, softwareVersion: product.softwareVersion });
    const created = await db().auditEvent.findFirstOrThrow({ where: { caseId: draft.id, type: "CASE_CREATED" } });
    expect(JSON.parse(created.payload)).toMatchObject({ productId: draft.productId, copiedFromProductId: product.id });

    // …which the vendor may describe anew: a new software version, even a new name.
    await updateApplication(w.users.vendorA, draft.id, {
      expectedVersion: draft.version,
      product: { name: "Rewritten", model: "EVIL-1", softwareVersion: "9.9" },
    });
    expect(await getCase(w.users.vendorA, draft.id)).toMatchObject({ product: { name: "Rewritten", model: "EVIL-1", softwareVersion: "9.9" } });

    // The certified product row, the case and every public reader are unchanged.
    expect(await db().product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ name: product.name, model: product.model, softwareVersion: product.softwareVersion });
    expect(await publicRecord(caseId, cert.publicId, pdf)).toEqual(before);
    expect(await registryNumbers(product.model)).toEqual([cert.number]);
    expect(await registryNumbers("EVIL-1")).toEqual([]);
    expect(await registryNumbers("Rewritten")).toEqual([]);
  });

  it("public readers and the case view read the snapshots, never the live product row", async () => {
    const { caseId, cert, pdf, product } = await certified();
    const before = await publicRecord(caseId, cert.publicId, pdf);
    // Even a product row changed behind the portal's back (a hand edit, an old bug) shows nowhere.
    await db().product.update({ where: { id: product.id }, data: { name: "Live row", model: "LIVE-1", softwareVersion: "0.0" } });
    expect(await publicRecord(caseId, cert.publicId, pdf)).toEqual(before);
    expect(await registryNumbers("LIVE-1")).toEqual([]);
    // The search reads the snapshot's name and model only, and takes LIKE's wildcards literally.
    expect(await registryNumbers("%")).toEqual([]);
    expect(await registryNumbers("_")).toEqual([]);
    expect(await registryNumbers("phone")).not.toContain(cert.number);
    expect(await registryNumbers(product.model)).toEqual([cert.number]);
    expect(JSON.parse(cert.productSnapshot)).toMatchObject({ name: product.name, model: product.model, category: "phone", modelInfo: { models: SAMPLE_MODELS } });
  });

  it("from SUBMIT on nothing about the product changes the case's snapshot", async () => {
    const id = await caseIn(w, "draft");
    const { productSnapshot: atSubmit, productId } = await db().case.findUniqueOrThrow({ where: { id } });
    await send(w.users.vendorA, id, "SUBMIT");
    const c = await db().case.findUniqueOrThrow({ where: { id } });
    const e = await updateApplication(w.users.vendorA, id, { expectedVersion: c.version, product: { name: "Later", model: "L-1", softwareVersion: "2" } }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe("CONFLICT");
    // A new application for it is a copy; editing the copy leaves the submitted case alone.
    const again = await createCase(w.users.vendorA, { schemeId: "phone", productId, claimedLevel: "L3" });
    expect(again.productId).not.toBe(productId);
    await updateApplication(w.users.vendorA, again.id, { expectedVersion: again.version, product: { name: "Later", model: "L-1", softwareVersion: "2" } });
    await send(w.users.secretariat, id, "ACCEPT", { labId: w.orgs["Lab One"].id });
    const after = await db().case.findUniqueOrThrow({ where: { id }, include: { product: true } });
    expect(after.productSnapshot).toBe(atSubmit);
    expect(after.product).toMatchObject(asProductRow(atSubmit));
  });

  it("a finished case (withdrawn after SUBMIT) still holds its product: a new application starts from a copy", async () => {
    const id = await caseIn(w, "screening");
    await send(w.users.vendorA, id, "WITHDRAW", { reason: "Not ready" });
    const { productId, productSnapshot } = await db().case.findUniqueOrThrow({ where: { id } });
    const next = await createCase(w.users.vendorA, { schemeId: "phone", productId, claimedLevel: "L3" });
    expect(next.productId).not.toBe(productId);
    await updateApplication(w.users.vendorA, next.id, { expectedVersion: next.version, product: { name: "Aurora X2", model: "AX2", softwareVersion: "6.0" } });
    expect(await db().product.findUniqueOrThrow({ where: { id: productId } })).toMatchObject(asProductRow(productSnapshot));
    // While every case of a product is a draft, a new application shares the row.
    const draft = await createCase(w.users.vendorA, { schemeId: "phone", productId: next.productId, claimedLevel: "L3" });
    expect(draft.productId).toBe(next.productId);
  });

  it("a draft that shares a product with a submitted case may not change it: 409 PRODUCT_FROZEN, nothing changed", async () => {
    const first = await createCase(w.users.vendorA, {
      schemeId: "phone",
      product: { name: "Shared", model: `SH-${Date.now()}`, softwareVersion: "1.0" },
      claimedLevel: "L3",
      application: COMPLETE_APPLICATION,
    });
    // While the first is a draft, a second application may share the product row.
    const second = await createCase(w.users.vendorA, { schemeId: "phone", productId: first.productId, claimedLevel: "L2" });
    expect(second.productId).toBe(first.productId);
    await send(w.users.vendorA, first.id, "SUBMIT");

    const productBefore = await db().product.findUniqueOrThrow({ where: { id: first.productId } });
    const secondBefore = await db().case.findUniqueOrThrow({ where: { id: second.id } });
    const e = await updateApplication(w.users.vendorA, second.id, {
      expectedVersion: second.version,
      product: { name: "Shared", model: "CHANGED", softwareVersion: "1.0" },
    }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(409);
    expect(e.toJSON()).toMatchObject({ error: { code: "CONFLICT", details: { reason: "PRODUCT_FROZEN" } } });
    expect(await db().product.findUniqueOrThrow({ where: { id: first.productId } })).toEqual(productBefore);
    expect(await db().case.findUniqueOrThrow({ where: { id: second.id } })).toEqual(secondBefore);
    expect(await db().auditEvent.count({ where: { caseId: second.id, type: "APPLICATION_UPDATED" } })).toBe(0);

    // The same product sent back unchanged (as the application form always does) is no edit.
    await updateApplication(w.users.vendorA, second.id, {
      expectedVersion: second.version,
      product: { name: productBefore.name, model: productBefore.model, softwareVersion: productBefore.softwareVersion },
      claimedLevel: "L3",
    });
    expect((await db().case.findUniqueOrThrow({ where: { id: second.id } })).claimedLevel).toBe("L3");
  });

  it("product fields are one line: a line break or control character is refused on create and on edit", async () => {
    for (const name of ["Two\nlines", "Bell\u0007", "Sep\u2028arator"]) {
      const e = await createCase(w.users.vendorA, { schemeId: "phone", product: { name, model: "X", softwareVersion: "1" }, claimedLevel: "L1" }).catch((x) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.details).toHaveProperty("product.name");
    }
    const id = await caseIn(w, "draft");
    const c = await db().case.findUniqueOrThrow({ where: { id } });
    const e = await updateApplication(w.users.vendorA, id, { expectedVersion: c.version, product: { name: "A", model: "B\r\nBcc: x@example.com", softwareVersion: "1" } }).catch((x) => x);
    expect(e).toMatchObject({ code: "INVALID_INPUT" });
    expect(await db().case.findUniqueOrThrow({ where: { id } })).toEqual(c);
  });
});
