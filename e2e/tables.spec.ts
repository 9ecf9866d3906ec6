// The shared table: server-side paging and sorting through links (keyboard included), the
// "N of M" line in both languages, and no page wider than the screen at 375 and 1366 px.
import type { Page } from "@playwright/test";
import { test, expect, ROLE_USERS, contextAs } from "./fixtures";
import { driveCase } from "./api-driver";

test.describe.configure({ mode: "serial" });

const WIDTHS = [375, 1366] as const;
const LOCALES = [
  { locale: "en-US", range: /^(\d+)–(\d+) of ([\d,]+)$/, next: "Next" },
  { locale: "zh-CN", range: /^第 (\d+)–(\d+) 条，共 ([\d,]+) 条$/, next: "下一页" },
] as const;

async function range(page: Page, testId: string, pattern: RegExp) {
  const text = (await page.getByTestId(`${testId}-range`).textContent())?.trim() ?? "";
  const m = pattern.exec(text);
  expect(m, `range text "${text}"`).not.toBeNull();
  return { from: Number(m![1]), to: Number(m![2]), total: Number(m![3].replace(/,/g, "")) };
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Sorts by the column's header link, by keyboard (the headers are links, even where they are visually hidden). */
async function sortBy(page: Page, testId: string, key: string) {
  const link = page.getByTestId(testId).locator(`thead a[data-sort="${key}"]`);
  await link.focus();
  await Promise.all([page.waitForURL((u) => u.searchParams.get("sort") === key), page.keyboard.press("Enter")]);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  // The registry needs at least two certificates to have two pages of one.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/registry?size=1");
  const text = (await page.getByTestId("registry-range").count()) ? ((await page.getByTestId("registry-range").textContent()) ?? "") : "";
  const total = Number(/of ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, "") ?? "0");
  await ctx.close();
  for (let i = total; i < 2; i++) await driveCase(browser, { until: "certified", level: "L1" });
});

for (const width of WIDTHS) {
  for (const { locale, range: pattern, next } of LOCALES) {
    test(`admin users: page and sort on the server at ${width} px (${locale})`, async ({ browser }) => {
      const ctx = await contextAs(browser, ROLE_USERS.admin, locale);
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/admin/users?sort=email&dir=asc&size=3");
      const table = page.getByTestId("users-table");
      await expect(table.locator('th[aria-sort="ascending"] a[data-sort="email"]')).toHaveCount(1);
      const first = await range(page, "users-table", pattern);
      expect(first).toMatchObject({ from: 1, to: 3 });
      expect(first.total).toBeGreaterThan(3);
      const emails1 = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.replace("user-row-", "")));
      expect(emails1).toEqual([...emails1].sort());
      await noSidewaysScroll(page);

      await page.getByTestId("users-table-pager").getByRole("link", { name: next }).click();
      await expect(page).toHaveURL(/[?&]page=2(&|$)/);
      expect(await range(page, "users-table", pattern)).toMatchObject({ from: 4, to: Math.min(6, first.total), total: first.total });
      const emails2 = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.replace("user-row-", "")));
      expect(emails2[0] > emails1[2]).toBe(true);

      // Sorting again goes back to page 1, newest direction flips on the same column.
      await sortBy(page, "users-table", "email");
      await expect(page).toHaveURL(/dir=desc/);
      expect(new URL(page.url()).searchParams.get("page")).toBeNull();
      await expect(table.locator('th[aria-sort="descending"] a[data-sort="email"]')).toHaveCount(1);
      const desc = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.replace("user-row-", "")));
      expect(desc).toEqual([...desc].sort().reverse());
      await noSidewaysScroll(page);

      // A hostile link costs no more than a normal one and still opens.
      const hostile = await page.goto("/admin/users?size=100000&page=-4&sort=passwordHash&dir=x");
      expect(hostile?.status()).toBe(200);
      const bounded = await range(page, "users-table", pattern);
      expect(bounded.from).toBe(1);
      expect(bounded.to).toBeLessThanOrEqual(25);
      await ctx.close();
    });

    test(`registry: page and sort on the server at ${width} px (${locale})`, async ({ browser }) => {
      const ctx = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      await page.goto("/registry?size=1&sort=number&dir=asc");
      const first = await range(page, "registry", pattern);
      expect(first).toMatchObject({ from: 1, to: 1 });
      expect(first.total).toBeGreaterThanOrEqual(2);
      const n1 = await page.getByTestId("registry-row").getAttribute("data-number");
      await noSidewaysScroll(page);
      if (width === 375) {
        // A card per certificate: the row fits the screen.
        const box = await page.getByTestId("registry-row").boundingBox();
        expect(box!.width).toBeLessThanOrEqual(375);
      }

      await page.getByTestId("registry-pager").getByRole("link", { name: next }).click();
      await expect(page).toHaveURL(/[?&]page=2(&|$)/);
      expect(await range(page, "registry", pattern)).toMatchObject({ from: 2, to: 2, total: first.total });
      const n2 = await page.getByTestId("registry-row").getAttribute("data-number");
      expect(n2! > n1!).toBe(true);

      await sortBy(page, "registry", "number");
      await expect(page.getByTestId("registry").locator('th[aria-sort="descending"] a[data-sort="number"]')).toHaveCount(1);
      const last = await page.getByTestId("registry-row").getAttribute("data-number");
      expect(last! >= n2!).toBe(true);
      await noSidewaysScroll(page);

      // The filter form keeps the chosen order.
      await page.getByTestId("registry-filters").locator('button[type="submit"]').click();
      await expect(page).toHaveURL(/sort=number/);
      await expect(page).toHaveURL(/dir=desc/);
      await ctx.close();
    });
  }
}
