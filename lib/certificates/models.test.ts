// Model disclosure end to end (docs/domain.md#model-disclosure): POST /api/v1/cases takes
// `product.models` (validated, refused by code), the product and the case's snapshot keep them, a
// case that discloses them goes to certified, the signed PDF (read with pdftotext) and the public
// certificate JSON carry them, and the registry filters by deployment. A record without models
// still renders: "not disclosed".
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import { DEMO_PASSWORD } from "@/prisma/seed/demo";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { SAMPLE_MODELS } from "@/lib/cases/models";
import { parseProductSnapshot } from "@/lib/cases/product-snapshot";
import { updateApplication } from "@/lib/cases/update-application";
import * as casesRoute from "@/app/api/v1/cases/route";
import { GET as getCertificateRoute } from "@/app/api/v1/certificates/[publicId]/route";
import { registerCertificateJobs } from "./register";
import { renderCertificatePdf } from "./pdf";
import { parseRegistryQuery, searchRegistry } from "./registry";
import { toPublicCertificate, PUBLIC_CERTIFICATE_SELECT } from "./public";

let t: TestDatabase;
let w: World;
let tmp: string;
let token: string;
const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-models-"));
  token = (await createApiToken(w.users.vendorA, { name: "models", password: DEMO_PASSWORD, scopes: ["read", "cases:write"] })).token;
}, 120_000);
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function post(body: unknown) {
  const req = new Request("http://localhost/api/v1/cases", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (casesRoute.POST as unknown as Handler)(req, { params: Promise.resolve({}) });
}
const application = (models: unknown) => ({
  schemeId: "phone",
  claimedLevel: "L2",
  product: { name: "Disclosed", model: `DM-${Math.random().toString(36).slice(2, 8)}`, softwareVersion: "5.0.1", models },
  application: { declarations: { accurate: true, samplesAvailable: true, acceptsRules: true } },
});

const pdfText = (pdf: Buffer, name: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
};

describe(`model disclosure (${DB})`, () => {
  it("POST /cases keeps product.models on the product and the case's snapshot; a refusal names the model's field and creates nothing", async () => {
    const res = await post(application(SAMPLE_MODELS));
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const row = await db().case.findUniqueOrThrow({ where: { id }, include: { product: true } });
    expect(JSON.parse(row.product.modelInfo)).toEqual({ models: SAMPLE_MODELS });
    expect(parseProductSnapshot(row.productSnapshot)?.modelInfo).toEqual({ models: SAMPLE_MODELS });

    // Frozen at SUBMIT: the draft is no longer edited.
    await send(w.users.vendorA, id, "SUBMIT");
    const edit = await updateApplication(w.users.vendorA, id, { expectedVersion: 2, product: { name: "Disclosed", model: row.product.model, softwareVersion: "5.0.1", models: [SAMPLE_MODELS[0]] } }).catch((e) => e);
    expect(edit).toMatchObject({ reason: "DRAFT_ONLY" });
    expect(parseProductSnapshot((await db().case.findUniqueOrThrow({ where: { id } })).productSnapshot)?.modelInfo).toEqual({ models: SAMPLE_MODELS });

    const before = await db().case.count();
    for (const [models, field, reason] of [
      [[{ name: "Cloud", version: "1", deployment: "cloud" }], "product.models.0.provider", "MODEL_PROVIDER_REQUIRED"],
      [[SAMPLE_MODELS[0], { ...SAMPLE_MODELS[1], filingNumber: "备案 123" }], "product.models.1.filingNumber", "MODEL_FILING_NUMBER_FORMAT"],
      [[], "product.models", "MODELS_REQUIRED"],
      [Array.from({ length: 21 }, () => SAMPLE_MODELS[0]), "product.models", "MODELS_TOO_MANY"],
      [[{ ...SAMPLE_MODELS[0], deployment: "edge" }], "product.models.0.deployment", "MODEL_DEPLOYMENT_UNKNOWN"],
      [[{ ...SAMPLE_MODELS[0], name: "two\nlines" }], "product.models.0.name", "ONE_LINE"],
    ] as const) {
      const refused = await post(application(models));
      expect(refused.status).toBe(422);
      const body = (await refused.json()) as { error: { code: string; details: Record<string, string>; fields: Record<string, { reason: string }> } };
      expect(body.error.code).toBe("INVALID_INPUT");
      // The field by its code for people, and in English in details.
      expect(body.error.fields[field]?.reason).toBe(reason);
      expect(Object.keys(body.error.details)).toContain(field);
    }
    expect(await db().case.count()).toBe(before);
  });

  it("a disclosing case is certified: the PDF lists the models, the public JSON carries them, and the registry filters by deployment", async () => {
    const caseId = await caseIn(w, "certified", { level: "L2" });
    await runOutboxOnce();
    const cert = await db().certificate.findFirstOrThrow({ where: { caseId } });
    expect(cert.deployments).toBe(" on_device cloud ");

    const text = pdfText(Buffer.from(cert.pdf), "disclosed.pdf");
    expect(text).toContain("模型披露");
    expect(text).toContain("Disclosed models");
    for (const m of SAMPLE_MODELS) {
      expect(text).toContain(m.name);
      expect(text).toContain(m.version);
    }
    expect(text).toContain("Aurora Cloud Co., Ltd.");
    expect(text).toContain("Beijing-AuroraYun-20250312");
    expect(text).toContain("端侧 On-device");
    expect(text).toContain("云端 Cloud");

    const res = await getCertificateRoute(new Request(`http://localhost/api/v1/certificates/${cert.publicId}`), { params: Promise.resolve({ publicId: cert.publicId }) });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { product: { models: unknown[] } };
    expect(json.product.models).toEqual(SAMPLE_MODELS);

    const numbers = async (p: Record<string, string>) => (await searchRegistry(parseRegistryQuery({ ...p, size: "100" }))).items.map((i) => i.number);
    expect(await numbers({ deployment: "cloud" })).toContain(cert.number);
    expect(await numbers({ deployment: "on_device" })).toContain(cert.number);
    expect(await numbers({ deployment: "companion" })).not.toContain(cert.number);
    // A deployment not known is ignored (the link still opens), and the filter is bounded to the list.
    expect(parseRegistryQuery({ deployment: "%" }).deployment).toBeUndefined();
    expect(parseRegistryQuery({ deployment: "on_device" }).deployment).toBe("on_device");
    const found = (await searchRegistry(parseRegistryQuery({ deployment: "cloud", size: "100" }))).items.find((i) => i.number === cert.number);
    expect(found?.product.models.map((m) => m.deployment)).toEqual(["on_device", "cloud"]);
  });

  it("a certificate without a disclosure still renders: not disclosed on the PDF, an empty list in the JSON, never found by deployment", async () => {
    const caseId = await caseIn(w, "certified", { level: "L1" });
    await runOutboxOnce();
    const cert = await db().certificate.findFirstOrThrow({ where: { caseId } });
    // As a certificate issued before disclosure existed: its snapshot has no models, its deployments none.
    const snapshot = JSON.parse(cert.productSnapshot) as Record<string, unknown>;
    await db().certificate.update({ where: { id: cert.id }, data: { productSnapshot: JSON.stringify({ ...snapshot, modelInfo: {} }), deployments: "" } });
    const row = await db().certificate.findUniqueOrThrow({ where: { id: cert.id }, select: PUBLIC_CERTIFICATE_SELECT });
    expect(toPublicCertificate(row).product.models).toEqual([]);
    const numbers = async (deployment: string) => (await searchRegistry(parseRegistryQuery({ deployment, size: "100" }))).items.map((i) => i.number);
    for (const d of ["on_device", "cloud", "companion"]) expect(await numbers(d)).not.toContain(cert.number);

    const base = {
      number: "AIT-2026-PHONE-000099",
      publicId: "p",
      verifyUrl: "http://localhost/verify/p",
      vendor: "Vendor A",
      product: { name: "Old", model: "O-1", softwareVersion: "1.0" },
      category: { zh: "智能手机", en: "Smartphone" },
      scheme: { id: "phone", version: "2026.1", title: { zh: "智能手机", en: "Smartphone" } },
      level: "L1" as const,
      levelName: { zh: "响应级", en: "Response" },
      profile: [],
      pilot: "Pilot",
      issuedAt: new Date("2026-01-01"),
      validUntil: new Date("2027-01-01"),
      issuer: { zh: "工作组", en: "Working group" },
    };
    expect(pdfText(await renderCertificatePdf(base), "none.pdf")).toContain("未披露 Not disclosed");

    // Many models and long names stay on one page: the long ones cut with an ellipsis, the rest counted.
    const many = Array.from({ length: 9 }, (_, i) => ({ name: `Model ${i} ${"with a very long name ".repeat(6)}`, version: `v${i}-${"x".repeat(80)}`, deployment: "cloud" as const, provider: "P".repeat(100), filingNumber: "Beijing-AuroraYun-20250312" }));
    const pdf = await renderCertificatePdf({ ...base, models: many });
    const text = pdfText(pdf, "many.pdf");
    expect(text).toContain("Model 0");
    expect(text).toContain("…");
    expect(text).toContain("另有 5 个模型");
    expect(text).not.toContain("Model 8");
    const pages = execFileSync("pdfinfo", [path.join(tmp, "many.pdf")], { encoding: "utf8" });
    expect(pages).toMatch(/Pages:\s+1\b/);
  });
});
