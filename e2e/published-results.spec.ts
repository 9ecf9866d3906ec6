// Opt-in publication of results (docs/domain.md#published-results): a speaker driven to certified
// through the API; its vendor publishes the results on the case page; the public registry (no
// sign-in) shows it in the category's comparison — the levels chart, one chart per item against the
// scheme's thresholds, the tables — at 375 and 1366 px in both languages; the public API answers the
// same row; withdrawn, it is gone from both. Screenshots go to e2e/artifacts/screenshots.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, contextAs, ROLE_USERS, unique } from "./fixtures";
import { driveCase } from "./api-driver";

const DIR = path.join(__dirname, "artifacts", "screenshots");
const CATEGORY = "speaker";

type Published = { total: number; results: { caseId: string; level: string; scheme: { id: string; version: string }; results: { item: string }[] }[] };

async function publication(page: Page, id: string, action: "publish" | "withdraw") {
  await page.goto(`/cases/${id}`);
  const card = page.getByTestId("publish-results");
  await expect(card).toBeVisible();
  await card.getByTestId("publish-open").click();
  await page.getByTestId("publish-confirm").click();
  await expect(card.getByTestId("publish-state")).toHaveText(action === "publish" ? /Published since/ : /Not published/);
}

test("a vendor publishes a certified product's results: the registry compares them item by item, then they are withdrawn", async ({ browser }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(DIR, { recursive: true });
  const productName = `E2E Published ${unique()}`;
  const driven = await driveCase(browser, { until: "certified", level: "L2", schemeId: CATEGORY, productName });
  expect(driven.state).toBe("certified");
  const label = `${driven.product.name} ${driven.product.model}`;

  const vendor = await contextAs(browser, ROLE_USERS.vendor);
  const vendorPage = await vendor.newPage();
  await publication(vendorPage, driven.id, "publish");

  // The public API answers the row, with the scheme version it was graded under.
  const anonymous = await browser.newContext();
  const api = (await (await anonymous.request.get(`/api/v1/published-results?category=${CATEGORY}&size=100`)).json()) as Published;
  const row = api.results.find((r) => r.caseId === driven.id);
  expect(row).toMatchObject({ level: "L2", scheme: { id: CATEGORY, version: "2026.1" } });
  expect(row!.results.length).toBeGreaterThan(0);

  for (const [locale, lang] of [["en-US", "en"], ["zh-CN", "zh-CN"]] as const) {
    for (const width of [1366, 375]) {
      const ctx = await browser.newContext({ locale });
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/registry?results=${CATEGORY}#published-results`);
      const section = page.getByTestId("published-results");
      await expect(section.getByTestId("pilot-values")).toHaveText(lang === "en" ? "Pilot values" : "试点数据");
      await expect(section.getByTestId("published-row").filter({ hasText: label })).toBeVisible();
      await expect(section.locator(`[data-testid="published-chart"] [data-case="${driven.id}"]`)).toHaveAttribute("data-level", "L2");
      // One chart per item, drawn by recharts, with our product among the compared ones.
      const charts = section.getByTestId("published-item-chart");
      expect(await charts.count()).toBe(row!.results.length);
      await expect(charts.first().locator(".recharts-surface")).toBeVisible();
      await expect(charts.first().locator(".recharts-reference-line").first()).toBeAttached();
      await expect(section.getByTestId("published-compare-option").filter({ hasText: label }).getByRole("checkbox")).toBeChecked();
      // Nothing runs off the side of the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await section.screenshot({ path: path.join(DIR, `published-results-${lang}-${width}.png`) });
      await ctx.close();
    }
  }

  // Withdrawn: gone from the API and the registry.
  await publication(vendorPage, driven.id, "withdraw");
  const after = (await (await anonymous.request.get(`/api/v1/published-results?category=${CATEGORY}&size=100`)).json()) as Published;
  expect(after.results.some((r) => r.caseId === driven.id)).toBe(false);
  const page = await anonymous.newPage();
  await page.goto(`/registry?results=${CATEGORY}#published-results`);
  await expect(page.getByTestId("published-results")).toBeVisible();
  await expect(page.getByTestId("published-row").filter({ hasText: label })).toHaveCount(0);
  await anonymous.close();
  await vendor.close();
});

test("the application wizard offers the pilots open for the chosen category, the default chosen", async ({ browser }) => {
  const vendor = await contextAs(browser, ROLE_USERS.vendor);
  const page = await vendor.newPage();
  await page.goto("/apply");
  await page.getByTestId(`category-option-${CATEGORY}`).locator("input").check();
  await page.getByTestId("apply-step-category").getByRole("button", { name: "Next" }).click();
  const options = page.getByTestId("apply-pilot-option");
  await expect(options.first()).toBeVisible();
  await expect(options.first().getByRole("radio")).toBeChecked();
  await expect(options.first()).toContainText("Applications");
  await vendor.close();
});
