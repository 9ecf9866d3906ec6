// Work queues paged and sorted on the server, and the ministry's due-process tasks, on a phone
// (375 px) in both languages: the pager says "N–M of T" and its links change only the list's own
// URL keys, a hostile key is clamped (never an error), the task list links to its lists, and
// nothing is wider than the window. Screenshots: e2e/artifacts/screenshots/queues-*.png.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, contextAs, ROLE_USERS } from "./fixtures";
import { ApiSession, driveCase, USERS } from "./api-driver";

const DIR = path.join(__dirname, "artifacts", "screenshots");
const PHONE = { width: 375, height: 800 };

async function noHorizontalOverflow(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `page is ${scroll}px wide in a ${inner}px window`).toBeLessThanOrEqual(inner);
}

/** The secondary navigation is one line that scrolls inside itself below the lg breakpoint. */
async function navIsOneLine(page: Page) {
  const nav = page.getByTestId("nav-links");
  await expect(nav).toBeVisible();
  const heights = await nav.locator("li").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(new Set(heights).size, "every link on the same line").toBe(1);
}

test.beforeAll(() => {
  fs.mkdirSync(DIR, { recursive: true });
});

test("the lab's queue pages and sorts on the server at 375 px; hostile keys are clamped", async ({ browser }) => {
  test.setTimeout(180_000);
  const older = await driveCase(browser, { until: "testing" });
  const newer = await driveCase(browser, { until: "testing" });
  const ctx = await contextAs(browser, ROLE_USERS.lab, "en-US");
  const page = await ctx.newPage();
  await page.setViewportSize(PHONE);

  // One case a page, newest in testing first.
  await page.goto("/lab?queueSize=1&queueSort=since&queueDir=desc");
  await expect(page.getByTestId("lab-queue-range")).toHaveText(/^1–1 of \d+$/);
  const total = Number((await page.getByTestId("lab-queue-range").textContent())!.split(" of ")[1]);
  expect(total).toBeGreaterThanOrEqual(2);
  await expect(page.locator('[data-testid="lab-queue-row"]')).toHaveCount(1);
  await expect(page.locator(`[data-testid="lab-queue-row"][data-key="${newer.id}"]`)).toBeVisible();
  await noHorizontalOverflow(page);
  await navIsOneLine(page);
  await page.screenshot({ path: path.join(DIR, "queues-lab-en-375.png"), fullPage: true });

  await page.getByTestId("lab-queue-pager").getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/queuePage=2/);
  await expect(page.getByTestId("lab-queue-range")).toHaveText(`2–2 of ${total}`);
  await expect(page.locator(`[data-testid="lab-queue-row"][data-key="${older.id}"]`)).toBeVisible();

  // Hostile keys: the page still answers, with the defaults (25 a page, oldest first, page 1).
  const res = await page.goto("/lab?queuePage=99999999999&queueSize=100000&queueSort=snapshot&queueDir=sideways");
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("lab-queue-range")).toHaveText(new RegExp(`^1–${Math.min(total, 25)} of ${total}$`));
  await ctx.close();
});

test("the ministry's task list at 375 px in both languages: appeals to decide, overdue suspensions, complaints", async ({ browser }) => {
  test.setTimeout(180_000);
  const appealed = await driveCase(browser, { until: "decision", level: "L2" });
  const ministry1 = await ApiSession.open(browser, USERS.ministry);
  await ministry1.event(appealed.id, "DENY", { reason: "Memory evidence is insufficient" });
  await ministry1.close();
  const vendor = await ApiSession.open(browser, USERS.vendor);
  await vendor.event(appealed.id, "APPEAL", { grounds: "The memory results were misread" });
  await vendor.close();

  for (const [locale, tag, appealsLabel] of [
    ["en-US", "en", "Appeals to decide"],
    ["zh-CN", "zh-CN", "待处理的申诉"],
  ] as const) {
    const ctx = await contextAs(browser, "ministry-2@demo.zhiji", locale);
    const page = await ctx.newPage();
    await page.setViewportSize(PHONE);
    // Newest appeal first, so this test's case is on the first page whatever else the suite made.
    await page.goto("/ministry?appealsSort=since&appealsDir=desc");
    const tasks = page.getByTestId("ministry-tasks");
    await expect(tasks).toBeVisible();
    await expect(tasks.getByTestId("ministry-task")).toHaveCount(3);
    const appeals = tasks.locator('[data-task="appeals"]');
    await expect(appeals).toContainText(appealsLabel);
    expect(Number(await appeals.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    for (const task of ["overdueSuspensions", "recommendedSuspensions"]) {
      expect(Number(await tasks.locator(`[data-task="${task}"]`).getAttribute("data-count"))).toBeGreaterThanOrEqual(0);
    }
    await appeals.click();
    await expect(page).toHaveURL(/#ministry-appeals$/);
    await expect(page.locator(`[data-testid="ministry-appeals-row"][data-key="${appealed.id}"]`)).toBeVisible();
    await expect(page.getByTestId("ministry-overdue-card")).toBeVisible();
    await expect(page.getByTestId("ministry-complaints-card")).toBeVisible();
    await noHorizontalOverflow(page);
    await navIsOneLine(page);
    await page.screenshot({ path: path.join(DIR, `queues-ministry-${tag}-375.png`), fullPage: true });
    await ctx.close();
  }
});
