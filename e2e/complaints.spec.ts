// Complaints from the public (docs/domain.md#complaints): an anonymous visitor complains from a
// certificate's verify page and sees the reference and tracking token once; the status page asks
// for the token (a POSTed form); the secretariat assigns a handler who had no part in the case
// (the others are listed with why); that handler closes it with surveillance; the secretariat's
// home carries the surveillance request; the complainant reads the public summary. Both languages,
// 375 px and 1366 px.
import type { Browser, Page } from "@playwright/test";
import { test, expect, contextAs } from "./fixtures";
import { driveCase, type DrivenCase } from "./api-driver";

test.describe.configure({ mode: "serial" });

const MINISTRY_2 = "ministry-2@demo.zhiji";
const SUMMARY = "A surveillance test of the product's offline assistant was ordered.";
let cert: DrivenCase & { certificate: NonNullable<DrivenCase["certificate"]> };
let filed: { reference: string; token: string };

async function anonymous(browser: Browser, locale: string, width: number) {
  const ctx = await browser.newContext({ locale, viewport: { width, height: 900 } });
  return { ctx, page: await ctx.newPage() };
}

/** Nothing of the complaint's parts sticks out sideways (names what does, when something does). */
async function noSidewaysScroll(page: Page, scope = "main") {
  const wide = await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return ["no " + sel];
    return [...root.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}[${el.getAttribute("data-testid") ?? ""}] ${el.textContent?.slice(0, 40)}`);
  }, scope);
  expect(wide).toEqual([]);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const driven = await driveCase(browser, { until: "certified", level: "L2" });
  expect(driven.certificate).not.toBeNull();
  cert = driven as typeof cert;
});

test("an anonymous visitor complains from the verify page and sees the reference and token once (375 px, English)", async ({ browser }) => {
  const { ctx, page } = await anonymous(browser, "en-US", 375);
  // From the registry's link to the form on the verify page.
  await page.goto(`/registry?number=${encodeURIComponent(cert.certificate.number)}`);
  await page.getByTestId("registry-complain-link").first().click();
  await expect(page).toHaveURL(new RegExp(`/verify/${cert.certificate.publicId}#complain$`));
  const form = page.getByTestId("complaint-form");
  await expect(page.getByRole("heading", { name: "Complain about this product" })).toBeVisible();

  // Nothing typed: the form says which fields (checked in the browser), focuses the first, and nothing is filed.
  await form.getByTestId("complaint-submit").click();
  await expect(page.getByTestId("error-complaint-subject")).toBeVisible();
  await expect(page.getByTestId("error-complaint-text")).toBeVisible();
  await expect(page.getByLabel("Subject")).toBeFocused();

  await page.getByLabel("Subject").fill("Offline assistant does not work");
  await page.getByLabel("What is wrong?").fill("Without a network the assistant answers nothing, although the level promises on-device help.");
  await page.getByLabel("Contact (optional)").fill("reader@example.org");
  await noSidewaysScroll(page);
  await page.getByTestId("complaint-submit").click();

  const done = page.getByTestId("complaint-filed");
  await expect(done).toBeVisible();
  const reference = (await page.getByTestId("complaint-reference").textContent())!.trim();
  const token = (await page.getByTestId("complaint-token").textContent())!.trim();
  expect(reference).toMatch(/^C-\d{4}-[2-9A-HJKMNP-Z]{8}$/);
  expect(token.length).toBeGreaterThanOrEqual(32);
  await expect(page.getByTestId("complaint-token-warning")).toContainText("shown only this once");
  await noSidewaysScroll(page);
  filed = { reference, token };

  // Shown once: loading the page again shows the empty form, not the token.
  await page.reload();
  await expect(page.getByTestId("complaint-form")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(token);
  await ctx.close();
});

test("the status page asks for the token by a POSTed form; a wrong token is refused like an unknown reference", async ({ browser }) => {
  const { ctx, page } = await anonymous(browser, "en-US", 1366);
  await page.goto(`/complaints/${filed.reference}`);
  await expect(page.getByTestId("complaint-title")).toContainText(filed.reference);
  await expect(page.getByTestId("complaint-status")).toHaveCount(0);
  await page.getByLabel("Tracking token").fill("not-the-token");
  await page.getByTestId("complaint-track-submit").click();
  await expect(page.getByTestId("complaint-track-error")).toContainText("No complaint has this reference and tracking token");
  await page.getByLabel("Tracking token").fill(filed.token);
  await page.getByTestId("complaint-track-submit").click();
  await expect(page.getByTestId("complaint-state")).toHaveText("Received");
  expect(page.url()).not.toContain(filed.token);
  await ctx.close();
});

test("the secretariat assigns a handler who had no part in the case; the others are listed with why", async ({ browser }) => {
  const ctx = await contextAs(browser, "secretariat@demo.zhiji");
  const page = await ctx.newPage();
  await page.goto("/secretariat");
  await expect(page.getByTestId("secretariat-complaints-card")).toBeVisible();
  await page.getByTestId("open-complaints").click();
  await expect(page.getByTestId("complaints")).toBeVisible();
  await page.locator(`[data-testid="complaints-row"][data-reference="${filed.reference}"]`).getByTestId("complaint-link").click();

  const excluded = page.getByTestId("excluded-handlers");
  // The secretariat accepted the case and formed its panel; ministry-1 awarded it.
  await expect(excluded.locator('[data-reason="HANDLER_ACTED_ON_CASE"]').first()).toBeVisible();
  await expect(excluded.locator('[data-reason="HANDLER_DECIDED_CASE"]').first()).toContainText("took a decision on the case");
  const select = page.getByLabel("Handler");
  await expect(select.locator("option", { hasText: "Liu Qiang" })).toHaveCount(0);
  const value = await select.locator("option", { hasText: "He Ping" }).getAttribute("value");
  await select.selectOption(value!);
  await page.getByTestId("triage-submit").click();
  await expect(page.getByTestId("complaint-page")).toHaveAttribute("data-state", "investigating");
  await expect(page.getByTestId("complaint-handler")).toContainText("He Ping");
  // The secretariat is not the handler: it may not close.
  await expect(page.getByTestId("close-form")).toHaveCount(0);
  await ctx.close();
});

test("the handler closes it with surveillance, which opens a surveillance change case; the secretariat's home links to it", async ({ browser }) => {
  const ctx = await contextAs(browser, MINISTRY_2);
  const page = await ctx.newPage();
  await page.goto("/secretariat/complaints?mine=1");
  await page.locator(`[data-testid="complaints-row"][data-reference="${filed.reference}"]`).getByTestId("complaint-link").click();
  await page.getByLabel("Outcome").selectOption("surveillance");
  await page.getByLabel("Public summary").fill(SUMMARY);
  await page.getByTestId("close-submit").click();
  await expect(page.getByTestId("complaint-page")).toHaveAttribute("data-state", "closed");
  await expect(page.getByTestId("surveillance-opened")).toBeVisible();
  await ctx.close();

  const sec = await contextAs(browser, "secretariat@demo.zhiji");
  const home = await sec.newPage();
  await home.goto("/secretariat");
  const task = home.locator(`[data-testid="surveillance-task"][data-reference="${filed.reference}"]`);
  await expect(task).toContainText(`Complaint ${filed.reference}: surveillance of ${cert.product.name}`);
  // The link leads to the surveillance change case, waiting on the case's lab.
  await task.getByRole("link").click();
  await expect(home).toHaveURL(/\/changes\/[^/]+$/);
  await sec.close();
});

test("the complaint list and page fit 375 px in Chinese and 1366 px in English", async ({ browser }) => {
  for (const [locale, width, heading] of [["zh-CN", 375, "投诉"], ["en-US", 1366, "Complaints"]] as const) {
    const ctx = await contextAs(browser, "secretariat@demo.zhiji", locale);
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/secretariat/complaints");
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.locator(`[data-testid="complaints-row"][data-reference="${filed.reference}"]`)).toBeVisible();
    await noSidewaysScroll(page);
    await page.goto(`/secretariat/complaints/${filed.reference}`);
    await expect(page.getByTestId("complaint-text")).toBeVisible();
    await noSidewaysScroll(page);
    await ctx.close();
  }
});

test("the complainant reads the outcome and public summary (Chinese, 375 px)", async ({ browser }) => {
  const { ctx, page } = await anonymous(browser, "zh-CN", 375);
  await page.goto(`/complaints/${filed.reference}`);
  await page.getByLabel("查询码").fill(filed.token);
  await page.getByTestId("complaint-track-submit").click();
  await expect(page.getByTestId("complaint-state")).toHaveText("已结案");
  await expect(page.getByTestId("complaint-outcome")).toHaveText("产品纳入监督");
  await expect(page.getByTestId("complaint-summary")).toHaveText(SUMMARY);
  await noSidewaysScroll(page);

  // The form in Chinese on the verify page, at 375 px.
  await page.goto(`/verify/${cert.certificate.publicId}#complain`);
  await expect(page.getByRole("heading", { name: "投诉此产品" })).toBeVisible();
  await expect(page.getByLabel("主题")).toBeVisible();
  await noSidewaysScroll(page);
  await ctx.close();
});

test("the API: 201 with reference and token, the status with the token, 404 without it", async ({ request }) => {
  const res = await request.post("/api/v1/complaints", {
    data: { certificateNumber: cert.certificate.number, subject: "API complaint", text: "Filed through the API." },
  });
  expect(res.status()).toBe(201);
  const { reference, trackingToken } = await res.json();
  const ok = await request.get(`/api/v1/complaints/${reference}?token=${encodeURIComponent(trackingToken)}`);
  expect(await ok.json()).toMatchObject({ reference, state: "received", publicSummary: null });
  const wrong = await request.get(`/api/v1/complaints/${reference}?token=nope`);
  expect(wrong.status()).toBe(404);
  expect((await wrong.json()).error.reason).toBe("COMPLAINT_NOT_FOUND");
});
