// Automated accessibility checks (axe-core) on the main pages, in both languages, with real data
// in the tables: no serious or critical violation may remain.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { test, expect, contextAs, apiLogin } from "./fixtures";
import { driveCase, USERS, type DrivenCase } from "./api-driver";

let certified: DrivenCase;
let decision: DrivenCase;

test.beforeAll(async ({ browser }) => {
  certified = await driveCase(browser, { until: "certified", level: "L2" });
  decision = await driveCase(browser, { until: "decision" });
  await driveCase(browser, { until: "screening" });
  await driveCase(browser, { until: "testing" });
});

/** The saved session, or a fresh sign-in when it belongs to another test server (e2e/.auth is shared). */
async function pageAs(browser: Browser, email: string | null, locale: string) {
  if (!email) {
    const ctx = await browser.newContext({ locale });
    return { page: await ctx.newPage(), close: () => ctx.close() };
  }
  const ctx = await contextAs(browser, email, locale);
  if (!(await ctx.request.get("/api/v1/me")).ok()) {
    await ctx.clearCookies();
    const r = await apiLogin(ctx.request, email);
    if (!r.ok) throw new Error(`${email} could not sign in (status ${r.status})`);
  }
  return { page: await ctx.newPage(), close: () => ctx.close() };
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

const PAGES: { name: string; who: string | null; path: () => string }[] = [
  { name: "public home", who: null, path: () => "/" },
  { name: "sign-in", who: null, path: () => "/signin" },
  { name: "vendor home", who: USERS.vendor, path: () => "/vendor" },
  { name: "vendor products", who: USERS.vendor, path: () => "/vendor/products" },
  { name: "vendor inbox", who: USERS.vendor, path: () => "/inbox" },
  { name: "lab home", who: USERS.lab, path: () => "/lab" },
  { name: "expert home", who: USERS.experts[0], path: () => "/expert" },
  { name: "secretariat home", who: USERS.secretariat, path: () => "/secretariat" },
  { name: "secretariat inbox", who: USERS.secretariat, path: () => "/inbox" },
  { name: "ministry home", who: USERS.ministry, path: () => "/ministry" },
  { name: "admin home", who: "admin@demo.zhiji", path: () => "/admin" },
  { name: "registry", who: null, path: () => "/registry" },
  { name: "verify", who: null, path: () => "/verify" },
  { name: "certificate verify page", who: null, path: () => `/verify/${certified.certificate!.publicId}` },
  { name: "case page (vendor)", who: USERS.vendor, path: () => `/cases/${certified.id}` },
  { name: "case page (ministry, deciding)", who: USERS.ministry, path: () => `/cases/${decision.id}` },
];

for (const locale of ["en-US", "zh-CN"]) {
  for (const p of PAGES) {
    test(`${p.name} (${locale}) has no serious or critical accessibility violation`, async ({ browser }) => {
      const { page, close } = await pageAs(browser, p.who, locale);
      const res = await page.goto(p.path());
      expect(res?.status(), `${p.path()} answers`).toBe(200);
      await expect(page.locator("main").first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await close();
    });
  }
}

test("the vendor home is usable with the keyboard alone: Tab reaches “New application” and Enter opens it", async ({ browser }) => {
  const { page, close } = await pageAs(browser, USERS.vendor, "en-US");
  await page.goto("/vendor");
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = (await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === "new-application";
  }
  expect(reached).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apply$/);
  await close();
});
