// Due process, two parts: an expert's conflict declarations (declared on /expert/conflicts with a
// Radix select, explained on the case page where the panel is formed, withdrawn) and the signed
// decision letter of a denial (a box on the case page with the items not met and the download).
// At 375 px in both languages: nothing wider than the screen.
import type { Browser, Page } from "@playwright/test";
import { test, expect, contextAs } from "./fixtures";
import { ApiSession, driveCase, USERS } from "./api-driver";

// Not on the panels the API driver forms (experts 1–3).
const EXPERT4 = "expert-4@demo.zhiji";

async function pageAs(browser: Browser, email: string, locale: string, width = 375) {
  const ctx = await contextAs(browser, email, locale);
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: 900 });
  return { ctx, page };
}

async function fitsWidth(page: Page) {
  const { scroll, client, wide } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The innermost elements that reach past the screen's right edge, to name in a failure.
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((e) => e.getBoundingClientRect().right > client + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > client + 1))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}[${e.getAttribute("data-testid") ?? e.className}] ${Math.round(e.getBoundingClientRect().right)}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
  expect(scroll, `no horizontal scrolling; too wide: ${wide.join(", ")}`).toBeLessThanOrEqual(client + 1);
}

test("an expert declares a conflict with a vendor; the case page says why the expert is not offered; withdrawn, the expert is offered again", async ({ browser }) => {
  // Drives a case through the API and opens four pages: slower than the default minute on a busy machine.
  test.setTimeout(180_000);
  // Declared in Chinese, at 375 px.
  const { ctx, page } = await pageAs(browser, EXPERT4, "zh-CN");
  await page.goto("/expert");
  await page.getByTestId("expert-conflicts-link").click();
  await expect(page.getByRole("heading", { name: "利益冲突", exact: true })).toBeVisible();
  await page.getByTestId("conflict-organization").click();
  await page.getByRole("option", { name: /甲终端公司|Vendor A/ }).click();
  await page.getByTestId("conflict-kind").selectOption("client");
  await page.getByTestId("conflict-note").fill("为其语音助手提供过咨询");
  await page.getByRole("button", { name: "提交声明" }).click();
  await expect(page.getByTestId("declare-conflict-ok")).toBeVisible();
  const row = page.getByTestId("conflict-row").first();
  await expect(row).toHaveAttribute("data-in-force", "true");
  await expect(row.getByTestId("conflict-status")).toHaveText("有效");
  await fitsWidth(page);
  await page.screenshot({ path: test.info().outputPath("conflicts-zh-375.png"), fullPage: true });

  // The secretariat forming a panel for a Vendor A case sees why expert 4 is not offered.
  const driven = await driveCase(browser, { until: "review.forming" });
  for (const locale of ["en-US", "zh-CN"]) {
    const sec = await pageAs(browser, USERS.secretariat, locale);
    await sec.page.goto(`/cases/${driven.id}`);
    const any = sec.page.locator('[data-testid="panel-exclusion"][data-reasons~="declared"]');
    await expect(any).toHaveCount(1);
    await expect(any).toContainText(locale === "en-US" ? "Declared a conflict of interest" : "已声明");
    await expect(sec.page.locator('[data-testid="expert-option"][data-conflicted="declared"]')).toHaveCount(1);
    await fitsWidth(sec.page);
    await sec.page.getByTestId("panel-exclusions").screenshot({ path: test.info().outputPath(`exclusions-${locale}-375.png`) });
    await sec.ctx.close();
  }

  // Withdrawn: it stays in the history, no longer in force, and the expert is offered again.
  await page.getByTestId("conflict-withdraw").first().click();
  await expect(page.getByTestId("conflict-row").first()).toHaveAttribute("data-in-force", "false");
  await expect(page.getByTestId("conflict-row").first().getByTestId("conflict-status")).toHaveText("已撤回");
  await ctx.close();
  const sec = await pageAs(browser, USERS.secretariat, "en-US", 1366);
  await sec.page.goto(`/cases/${driven.id}`);
  await expect(sec.page.locator('[data-testid="panel-exclusion"][data-reasons~="declared"]')).toHaveCount(0);
  await sec.ctx.close();
});

test("a denied case shows the decision with the items not met and the signed letter, in both languages at 375 px", async ({ browser }) => {
  const driven = await driveCase(browser, { until: "decision", level: "L1" });
  const ministry = await ApiSession.open(browser, USERS.ministry);
  await ministry.event(driven.id, "DENY", { reason: "Speech recognition below the L2 thresholds" });
  await ministry.close();

  for (const locale of ["en-US", "zh-CN"]) {
    const { ctx, page } = await pageAs(browser, USERS.vendor, locale);
    await page.goto(`/cases/${driven.id}`);
    const box = page.getByTestId("decision-letter-box");
    await expect(box).toBeVisible();
    await expect(box.getByTestId("decision-letter-reason")).toHaveText("Speech recognition below the L2 thresholds");
    await expect(box.getByTestId("decision-letter-blocker").first()).toBeVisible();
    // The outbox issues the letter right after the DENY: the download appears on a reload.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("decision-letter-download")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await fitsWidth(page);
    await box.screenshot({ path: test.info().outputPath(`letter-box-${locale}-375.png`) });
    const res = await ctx.request.get(`/api/v1/cases/${driven.id}/decision-letter`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await ctx.close();
  }
});
