// The page frame at a phone's width (375 px) and a laptop's (1366 px), in both languages: the
// header is one row on a laptop and a keyboard-ready menu on a phone, nothing is wider than the
// window, and unknown or forbidden addresses get the translated not-found page with a 404.
// Screenshots: e2e/artifacts/screenshots/layout-<who>-<locale>-<width>.png.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect, contextAs, ROLE_USERS } from "./fixtures";
import { driveCase } from "./api-driver";

test.describe.configure({ mode: "serial" });

const DIR = path.join(__dirname, "artifacts", "screenshots");
const LOCALES = { en: "en-US", "zh-CN": "zh-CN" } as const;
const WIDTHS = [1366, 375] as const;
// Roles with the longest and shortest navigation, and nobody signed in.
const WHO = { vendor: "/vendor", secretariat: "/secretariat", admin: "/admin", public: "/registry" } as const;

let caseId = "";

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(DIR, { recursive: true });
  caseId = (await driveCase(browser, { until: "testing" })).id;
});

async function open(browser: Browser, who: keyof typeof WHO, locale: string) {
  return who === "public" ? browser.newContext({ locale }) : contextAs(browser, ROLE_USERS[who], locale);
}

async function noHorizontalOverflow(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `page is ${scroll}px wide in a ${inner}px window`).toBeLessThanOrEqual(inner);
}

for (const [who, home] of Object.entries(WHO) as [keyof typeof WHO, string][]) {
  for (const [name, locale] of Object.entries(LOCALES)) {
    for (const width of WIDTHS) {
      test(`header of ${who} in ${name} at ${width} px`, async ({ browser }) => {
        const ctx = await open(browser, who, locale);
        const page = await ctx.newPage();
        await page.setViewportSize({ width, height: 800 });
        await page.goto(home);
        await expect(page.locator("html")).toHaveAttribute("lang", name);
        const row = page.getByTestId("header-row");
        await noHorizontalOverflow(page);
        if (width === 1366) {
          // One row: every item of the header's top line sits on the same line, none wraps.
          await expect(page.getByTestId("header-menu")).toBeHidden();
          const boxes = await row.locator(":scope > a, :scope > nav > *").evaluateAll((els) =>
            els.map((e) => {
              const r = e.getBoundingClientRect();
              return { text: (e.textContent ?? "").trim(), top: r.top, height: r.height };
            }),
          );
          expect(boxes.length).toBeGreaterThanOrEqual(4);
          const mid = (b: { top: number; height: number }) => b.top + b.height / 2;
          for (const b of boxes) {
            expect(Math.abs(mid(b) - mid(boxes[0])), `${b.text} is on the header's line`).toBeLessThan(6);
            expect(b.height, `${b.text} is one line`).toBeLessThan(40);
          }
          expect((await row.boundingBox())!.height).toBeLessThan(64);
          await expect(page.getByRole("button", { name: name === "en" ? "Sign out" : "退出登录" })).toBeVisible({ visible: who !== "public" });
        } else {
          // A phone: the menu, opened and walked with the keyboard alone.
          const trigger = page.getByTestId("header-menu");
          await expect(trigger).toBeVisible();
          expect((await row.boundingBox())!.height).toBeLessThan(64);
          await trigger.focus();
          await page.keyboard.press("Enter");
          const menu = page.getByRole("menu");
          await expect(menu).toBeVisible();
          await expect(menu.getByRole("menuitem", { name: name === "en" ? "Certificate registry" : "证书公示" })).toBeVisible();
          await expect(menu.getByRole("menuitem", { name: name === "en" ? /Sign out|Sign in/ : /退出登录|登录/ })).toBeVisible();
          if (who !== "public") await expect(page.getByTestId("menu-current-user")).toContainText(name === "en" ? "Signed in as" : "当前登录");
          await page.keyboard.press("ArrowDown");
          await expect(menu.locator(":focus")).toHaveAttribute("role", "menuitem");
          await noHorizontalOverflow(page);
          await page.screenshot({ path: path.join(DIR, `layout-${who}-${name}-${width}-menu.png`) });
          await page.keyboard.press("Escape");
          await expect(menu).toBeHidden();
          await expect(trigger).toBeFocused();
        }
        const file = path.join(DIR, `layout-${who}-${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size).toBeGreaterThan(5_000);
        await ctx.close();
      });
    }
  }
}

test("the menu changes the language on a phone", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "en-US", viewport: { width: 375, height: 800 } });
  const page = await ctx.newPage();
  await page.goto("/registry");
  await page.getByTestId("header-menu").click();
  await page.getByTestId("menu-language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await ctx.close();
});

test("the case page, lifecycle diagram included, fits a phone and a laptop in both languages", async ({ browser }) => {
  for (const [name, locale] of Object.entries(LOCALES)) {
    for (const width of WIDTHS) {
      const ctx = await contextAs(browser, ROLE_USERS.vendor, locale);
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 900 });
      expect((await page.goto(`/cases/${caseId}`))?.status()).toBe(200);
      const diagram = page.getByTestId("lifecycle-diagram");
      await expect(diagram.locator("[data-current]")).toHaveAttribute("data-state", "testing");
      await expect(diagram.locator("[data-allowed]").first()).toBeAttached();
      await noHorizontalOverflow(page);
      // The drawing keeps its size (legible) and scrolls inside its card when the window is narrow.
      const svg = (await diagram.locator("svg").boundingBox())!;
      const fig = (await diagram.boundingBox())!;
      expect(svg.width).toBeGreaterThan(width === 375 ? fig.width : 300);
      if (width === 1366) expect(svg.width).toBeLessThanOrEqual(fig.width);
      await diagram.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(DIR, `layout-case-${name}-${width}.png`), fullPage: true });
      await ctx.close();
    }
  }
});

test("an unknown address gets the translated not-found page and a 404, in both languages", async ({ browser }) => {
  for (const [name, locale, title] of [
    ["en", "en-US", "Page not found"],
    ["zh-CN", "zh-CN", "页面不存在"],
  ] as const) {
    const ctx = await browser.newContext({ locale });
    const page = await ctx.newPage();
    expect((await page.goto("/no-such-page/anywhere"))?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", name);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId("site-header")).toBeVisible();
    await ctx.close();
  }
});

test("a case the viewer may not see is not found (404), with the portal's header, in both languages", async ({ browser }) => {
  for (const [locale, title] of [
    ["en-US", "Page not found"],
    ["zh-CN", "页面不存在"],
  ] as const) {
    // The case is in testing: no panel yet, so no expert may see it.
    const ctx = await contextAs(browser, ROLE_USERS.expert, locale);
    const page = await ctx.newPage();
    expect((await page.goto(`/cases/${caseId}`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId("nav-links")).toBeVisible();
    expect((await page.goto("/cases/00000000-not-a-case"))?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await ctx.close();
  }
});

test("the audit dashboard refuses a vendor with a 404 although it has a loading state", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.vendor, "en-US");
  const page = await ctx.newPage();
  expect((await page.goto("/audit"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await ctx.close();
});

test("the lab workbench's entry modes are tabs with panels, walked with the arrow keys", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.lab, "en-US");
  const page = await ctx.newPage();
  await page.goto(`/cases/${caseId}`);
  const file = page.getByRole("tab", { name: "Upload a CSV or JSON file" });
  const form = page.getByRole("tab", { name: "Fill in the form" });
  await expect(file).toHaveAttribute("aria-selected", "true");
  // The selected tab's panel is labelled by it and holds the file input.
  const panel = page.getByRole("tabpanel", { name: "Upload a CSV or JSON file" });
  await expect(panel.getByTestId("lab-results-file")).toBeVisible();
  await file.focus();
  await page.keyboard.press("ArrowRight");
  await expect(form).toBeFocused();
  await expect(form).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Fill in the form" })).toBeVisible();
  await expect(page.getByTestId("lab-results-file")).toHaveCount(0);
  await page.keyboard.press("ArrowLeft");
  await expect(file).toHaveAttribute("aria-selected", "true");
  await ctx.close();
});
