// The public side of certificates: registry, verify page and PDF upload, signed out, in both languages,
// for certificates issued during the test through the HTTP API.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { ApiSession, correctByIn, driveCase, USERS, type DrivenCase } from "./api-driver";

test.describe.configure({ mode: "serial" });

let cert: DrivenCase & { certificate: NonNullable<DrivenCase["certificate"]> };

const LOCALES = [
  {
    locale: "en-US",
    registry: "Certificate registry",
    valid: "Valid",
    banner: "This certificate is valid",
    profile: "Capability profile",
    verifyTitle: "Verify a certificate",
    genuine: "Genuine certificate",
    notGenuine: "Not a genuine certificate",
    altered: "The document was changed after it was signed.",
    notFound: "No certificate with this id",
    check: "Check the PDF",
  },
  {
    locale: "zh-CN",
    registry: "证书公示",
    valid: "有效",
    banner: "本证书有效",
    profile: "能力要素画像",
    verifyTitle: "证书验证",
    genuine: "真实证书",
    notGenuine: "不是真实证书",
    altered: "该文件在签名后被改动过。",
    notFound: "没有此编号的证书",
    check: "核验 PDF",
  },
] as const;

async function anonymous(browser: Browser, locale: string) {
  const ctx = await browser.newContext({ locale });
  return { ctx, page: await ctx.newPage() };
}

async function upload(page: Page, name: string, buffer: Buffer, button: string) {
  await page.getByTestId("verify-file").setInputFiles({ name, mimeType: "application/pdf", buffer });
  await page.getByRole("button", { name: button }).click();
  return page.getByTestId("verify-result");
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`)).toEqual([]);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const driven = await driveCase(browser, { until: "certified", level: "L3" });
  expect(driven.state).toBe("certified");
  expect(driven.certificate).not.toBeNull();
  cert = driven as typeof cert;
});

test("the public API gives the certificate with its live status, its PDF and the CA; unknown ids are 404 JSON", async ({ request }) => {
  const res = await request.get(`/api/v1/certificates/${cert.certificate.publicId}`);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    number: cert.certificate.number,
    status: "valid",
    statusReason: null,
    level: "L3",
    levelName: { zh: "辅助级", en: "Assistance" },
    product: { name: cert.product.name, model: cert.product.model, softwareVersion: cert.product.softwareVersion },
    vendor: "Vendor A",
    category: "phone",
    scheme: { id: "phone", version: expect.any(String) },
    issuer: { zh: expect.any(String), en: expect.any(String) },
  });
  const missing = await request.get("/api/v1/certificates/not-a-real-id");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("NOT_FOUND");

  const pdf = await request.get(`/api/v1/certificates/${cert.certificate.publicId}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain(`${cert.certificate.number}.pdf`);
  const verified = await request.post("/api/v1/verify", { headers: { "content-type": "application/pdf" }, data: await pdf.body() });
  expect(await verified.json()).toMatchObject({ valid: true, certificate: { number: cert.certificate.number, status: "valid" } });

  const tooBig = await request.post("/api/v1/verify", { headers: { "content-type": "application/pdf" }, data: Buffer.alloc(11 * 1024 * 1024) });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).error.code).toBe("PAYLOAD_TOO_LARGE");

  const ca = await request.get("/api/v1/trust/ca.pem");
  expect(ca.headers()["content-type"]).toBe("application/x-pem-file");
  expect(await ca.text()).toContain("-----BEGIN CERTIFICATE-----");
});

for (const L of LOCALES) {
  test(`registry → verify page, signed out (${L.locale})`, async ({ browser }) => {
    const { ctx, page } = await anonymous(browser, L.locale);
    await page.goto(`/registry?product=${encodeURIComponent(cert.product.model)}`);
    await expect(page.getByRole("heading", { level: 1, name: L.registry })).toBeVisible();
    const row = page.locator(`[data-testid="registry-row"][data-number="${cert.certificate.number}"]`);
    await expect(row).toBeVisible();
    await expect(page.getByTestId("registry-row")).toHaveCount(1);
    await expect(row.getByTestId("status-badge")).toHaveText(L.valid);
    await expect(row).toContainText(cert.product.name);
    await expect(row).toContainText("L3");
    if (L.locale === "en-US") await expectAccessible(page);

    // Filters are links: the status filter keeps it, another level drops it.
    await page.goto(`/registry?product=${encodeURIComponent(cert.product.model)}&status=valid&level=L3&category=phone`);
    await expect(page.getByTestId("registry-row")).toHaveCount(1);
    await page.goto(`/registry?product=${encodeURIComponent(cert.product.model)}&level=L1`);
    await expect(page.getByTestId("registry-empty")).toBeVisible();
    // By deployment of a disclosed model (docs/domain.md#model-disclosure): the case discloses an on-device and a cloud model.
    await page.goto(`/registry?product=${encodeURIComponent(cert.product.model)}&deployment=cloud`);
    await expect(page.getByTestId("registry-row")).toHaveCount(1);
    await expect(page.getByTestId("registry-models")).toContainText("Aurora-Nano");
    await page.goto(`/registry?product=${encodeURIComponent(cert.product.model)}&deployment=companion`);
    await expect(page.getByTestId("registry-empty")).toBeVisible();

    await page.goto(`/registry?product=${encodeURIComponent(cert.product.model)}`);
    // The row links to the verify page (and, for complaints, to its complaint form).
    await row.locator(`a[href="/verify/${cert.certificate.publicId}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${cert.certificate.publicId}$`));
    const banner = page.getByTestId("certificate-banner");
    await expect(banner).toHaveAttribute("data-status", "valid");
    await expect(banner.getByRole("heading", { level: 1 })).toHaveText(L.banner);
    await expect(page.getByTestId("certificate-level")).toHaveText("L3 辅助级 Assistance");
    await expect(page.getByRole("heading", { name: L.profile })).toBeVisible();
    await expect(page.getByTestId("profile-table").locator("tbody tr")).toHaveCount(5);
    await expect(page.getByText(cert.product.model)).toBeVisible();
    await expect(page.getByTestId("models-section").getByTestId("model-row")).toHaveCount(2);
    await expect(page.getByTestId("models-section")).toContainText("Beijing-AuroraYun-20250312");
    await expect(page.getByTestId("download-pdf")).toHaveAttribute("href", `/api/v1/certificates/${cert.certificate.publicId}/pdf`);
    await expect(page.getByTestId("ca-link")).toHaveAttribute("href", "/api/v1/trust/ca.pem");
    // The trust-anchor box lists each CA with its fingerprint and period: one, the current key's (no rotation here).
    await expect(page.getByTestId("trust-anchor")).toHaveCount(1);
    await expect(page.getByTestId("trust-anchor")).toHaveAttribute("data-current", "true");
    await expect(page.getByTestId("trust-anchor-fingerprint")).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    if (L.locale === "en-US") await expectAccessible(page);
    await ctx.close();
  });

  test(`an unknown certificate id is a proper not-found page (${L.locale})`, async ({ browser }) => {
    const { ctx, page } = await anonymous(browser, L.locale);
    const res = await page.goto("/verify/AAAAAAAAAAAAAAAAAAAAAAAA");
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("certificate-not-found")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(L.notFound);
    await ctx.close();
  });

  test(`uploading the downloaded PDF says genuine; an altered copy says not genuine (${L.locale})`, async ({ browser }) => {
    const { ctx, page } = await anonymous(browser, L.locale);
    await page.goto(`/verify/${cert.certificate.publicId}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-pdf").click()]);
    expect(download.suggestedFilename()).toBe(`${cert.certificate.number}.pdf`);
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    await page.goto("/verify");
    await expect(page.getByRole("heading", { level: 1, name: L.verifyTitle })).toBeVisible();
    if (L.locale === "en-US") await expectAccessible(page);
    const genuine = await upload(page, `${cert.certificate.number}.pdf`, pdf, L.check);
    await expect(genuine).toHaveAttribute("data-valid", "true");
    await expect(genuine.getByRole("heading")).toHaveText(L.genuine);
    await expect(genuine).toContainText(cert.certificate.number);
    await expect(genuine.getByTestId("status-badge")).toHaveText(L.valid);

    // One byte changed inside the signed content (the first signed range: the page itself).
    const [, signedLength] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)/.exec(pdf.toString("latin1"))!.slice(1).map(Number);
    const altered = Buffer.from(pdf);
    altered[Math.floor(signedLength / 2)] ^= 0x01;
    const forged = await upload(page, "altered.pdf", altered, L.check);
    await expect(forged).toHaveAttribute("data-valid", "false");
    await expect(forged.getByRole("heading")).toHaveText(L.notGenuine);
    await expect(forged.getByTestId("verify-reason")).toHaveText(L.altered);
    await ctx.close();
  });
}

test("suspension shows at once on the verify page; a revoked certificate's PDF is genuine but says revoked", async ({ browser }) => {
  test.setTimeout(120_000);
  const ministry = await ApiSession.open(browser, USERS.ministry);
  const { ctx, page } = await anonymous(browser, "en-US");
  try {
    // An anonymous reader is served the page rendered once (docs/decisions/0013-public-page-cache.md),
    // with a fresh nonce that lets the page's scripts run: no policy violation, the page's data loaded.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { cspViolations?: string[] };
        (w.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const verifyPage = `/verify/${cert.certificate.publicId}`;
    const cacheOf = async () => (await page.goto(verifyPage))!.headers()["x-zhiji-page-cache"];
    // Another worker's events move the chain's head too: the next load after a quiet moment is a hit.
    await expect.poll(cacheOf, { timeout: 30_000 }).toBe("hit");
    await expect(page.getByTestId("certificate-banner")).toHaveAttribute("data-status", "valid");
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(await page.evaluate(() => Array.isArray((window as unknown as { __next_f?: unknown }).__next_f))).toBe(true);

    await ministry.event(cert.id, "SUSPEND", { reason: "E2E: field reports of wake-word failures", correctBy: correctByIn(30) });
    // The very next request shows the suspension.
    expect(await cacheOf()).toBe("miss");
    await expect(page.getByTestId("certificate-banner")).toHaveAttribute("data-status", "suspended");
    await expect(page.getByTestId("status-reason")).toHaveText("Reason: E2E: field reports of wake-word failures");
    await page.goto(`/registry?product=${encodeURIComponent(cert.product.model)}&status=suspended`);
    await expect(page.getByTestId("registry-row")).toHaveCount(1);
    const vendor = await ApiSession.open(browser, USERS.vendor);
    const evidenceId = await vendor.uploadEvidence(cert.id, "wake-word-fix.pdf");
    await vendor.close();
    await expect.poll(cacheOf, { timeout: 30_000 }).toBe("hit");
    await expect(page.getByTestId("certificate-banner")).toHaveAttribute("data-status", "suspended");
    await ministry.event(cert.id, "REINSTATE", { reason: "E2E: firmware fix verified", evidenceIds: [evidenceId] });
    expect(await cacheOf()).toBe("miss");
    await expect(page.getByTestId("certificate-banner")).toHaveAttribute("data-status", "valid");

    const other = await driveCase(browser, { until: "certified", level: "L1" });
    await ministry.event(other.id, "REVOKE", { reason: "E2E: on-device model removed by an update" });
    const pdf = await (await page.request.get(`/api/v1/certificates/${other.certificate!.publicId}/pdf`)).body();
    await page.goto("/verify");
    const result = await upload(page, "revoked.pdf", pdf, "Check the PDF");
    await expect(result).toHaveAttribute("data-valid", "true");
    await expect(result).toHaveAttribute("data-status", "revoked");
    await expect(result.getByTestId("status-badge")).toHaveText("Revoked");
    await expect(result).toContainText("E2E: on-device model removed by an update");
  } finally {
    await ministry.close();
    await ctx.close();
  }
});

test("a downgrade reissues the certificate as R1: the verify page's history says when, why and at which level, at 375 and 1366 px in both languages", async ({ browser }) => {
  test.setTimeout(180_000);
  const driven = await driveCase(browser, { until: "certified", level: "L3" });
  // The case's certificate is its current revision (the API's case view carries `revision` too).
  type Revision = { number: string; publicId: string; revision: number };
  const first = driven.certificate as unknown as Revision;
  expect(first.revision).toBe(0);
  const ministry = await ApiSession.open(browser, USERS.ministry);
  const reason = "E2E: field tests after model update 5.1 show lower task success, a long reason that has to wrap inside its cell on a phone";
  try {
    await ministry.event(driven.id, "DOWNGRADE", { level: "L2", reason });
    const currentRevision = async () => (await ministry.getCase(driven.id)).certificate as unknown as Revision | null;
    await expect.poll(async () => (await currentRevision())?.revision ?? null, { timeout: 20_000 }).toBe(1);
    const current = (await currentRevision())!;
    expect(current.number).toBe(first.number);

    const api = await (await ministry.request.get(`/api/v1/certificates/${first.publicId}`)).json();
    expect(api).toMatchObject({ status: "superseded", revision: 0, supersededBy: current.publicId });
    expect(api.revisions).toMatchObject([
      { revision: 0, kind: "award", level: "L3", reason: null, change: null, status: "superseded" },
      { revision: 1, kind: "downgrade", level: "L2", reason, change: null, status: "valid" },
    ]);

    for (const L of [
      { locale: "en-US", kind: "Downgrade", original: "Original", superseded: "This revision has been superseded" },
      { locale: "zh-CN", kind: "降级", original: "初次签发", superseded: "此版本已被新版本取代" },
    ]) {
      const { ctx, page } = await anonymous(browser, L.locale);
      try {
        for (const width of [375, 1366]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`/verify/${current.publicId}`);
          await expect(page.getByTestId("certificate-number")).toHaveText(`${first.number} R1`);
          const rows = page.getByTestId("revision-row");
          await expect(rows).toHaveCount(2);
          // Newest first.
          await expect(rows.nth(0)).toHaveAttribute("data-kind", "downgrade");
          await expect(rows.nth(0)).toContainText(L.kind);
          await expect(rows.nth(0).getByTestId("revision-reason")).toHaveText(reason);
          await expect(rows.nth(1)).toContainText(L.original);
          await expect(rows.nth(0).getByTestId("revision-reason")).toBeVisible();
          const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
          expect(scroll, `verify page at ${width} px (${L.locale})`).toBeLessThanOrEqual(client);
          if (width === 375) await expectAccessible(page);

          await page.goto(`/verify/${first.publicId}`);
          await expect(page.getByTestId("certificate-banner")).toHaveAttribute("data-status", "superseded");
          await expect(page.getByRole("heading", { level: 1 })).toHaveText(L.superseded);
          await expect(page.getByTestId("certificate-number")).toHaveText(first.number);
          await expect(page.getByTestId("current-revision")).toHaveAttribute("href", `/verify/${current.publicId}`);
        }
        // The registry lists the current revision, marked R1.
        await page.goto(`/registry?product=${encodeURIComponent(driven.product.model)}`);
        const row = page.getByTestId("registry-row");
        await expect(row).toHaveCount(1);
        await expect(row.getByTestId("registry-revision")).toHaveText("R1");
        await expect(row.locator(`a[href="/verify/${current.publicId}"]`)).toHaveCount(1);
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await ministry.close();
  }
});
