// The public home (docs/domain.md#public-home): anyone can read what grading is, the four levels,
// the categories and the live figures, in both languages, at 375 and 1366 px; the figures follow the
// registry; a signed-in person goes to their own home. Screenshots go to e2e/artifacts/screenshots.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, contextAs } from "./fixtures";
import { driveCase } from "./api-driver";

const DIR = path.join(__dirname, "artifacts", "screenshots");

async function noSidewaysScroll(page: Page) {
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}[${el.getAttribute("data-testid") ?? ""}] ${el.textContent?.slice(0, 40)}`),
  );
  expect(wide).toEqual([]);
}

test("anyone reads the public home in both languages, at phone and desktop width, with live figures", async ({ browser }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(DIR, { recursive: true });
  for (const [locale, lang, title, width] of [
    ["en-US", "en", "AI terminal intelligence grading", 1366],
    ["zh-CN", "zh-CN", "AI终端智能化分级", 375],
    ["en-US", "en", "AI terminal intelligence grading", 375],
    ["zh-CN", "zh-CN", "AI终端智能化分级", 1366],
  ] as const) {
    const ctx = await browser.newContext({ locale });
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId("public-levels").locator("li")).toHaveCount(4);
    // The seven seeded categories, and any a spec running beside this one has added (categories are data).
    await expect.poll(() => page.getByTestId("public-categories").locator("li").count()).toBeGreaterThanOrEqual(7);
    await expect(page.getByTestId("figures-chart")).toBeVisible();
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(DIR, `public-home-${lang}-${width}.png`), fullPage: true });
    await ctx.close();
  }
});

test("the figures count certificates in force: a new certificate shows on the next load", async ({ browser }) => {
  test.setTimeout(180_000);
  const ctx = await browser.newContext({ locale: "en-US" });
  const page = await ctx.newPage();
  await page.goto("/");
  const before = Number(await page.getByTestId("figures-total").getAttribute("data-count"));
  const phoneBefore = Number(await page.locator('[data-testid="figures-chart"] g[data-category="phone"]').getAttribute("data-total"));
  const certified = await driveCase(browser, { until: "certified", level: "L2" });
  expect(certified.certificate).toBeTruthy();
  // Other specs may certify phones meanwhile: the figures grow by at least this one.
  const count = async () => {
    await page.reload();
    return {
      total: Number(await page.getByTestId("figures-total").getAttribute("data-count")),
      phone: Number(await page.locator('[data-testid="figures-chart"] g[data-category="phone"]').getAttribute("data-total")),
    };
  };
  const after = await count();
  expect(after.total).toBeGreaterThanOrEqual(before + 1);
  expect(after.phone).toBeGreaterThanOrEqual(phoneBefore + 1);
  await ctx.close();
});

test("a signed-in person going to / lands on their own home", async ({ browser }) => {
  const ctx = await contextAs(browser, "secretariat@demo.zhiji");
  const page = await ctx.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/secretariat$/);
  await ctx.close();
});
