// Each role's main page, in English and in Chinese, saved as a screenshot for review
// (e2e/artifacts/screenshots/<role>-<locale>.png; CI keeps them), with cases in several states.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { test, expect, contextAs, apiLogin, ROLE_USERS } from "./fixtures";
import { ApiSession, driveCase, USERS } from "./api-driver";

test.describe.configure({ mode: "serial" });

const DIR = path.join(__dirname, "artifacts", "screenshots");
const HOMES = { vendor: "/vendor", lab: "/lab", expert: "/expert", secretariat: "/secretariat", ministry: "/ministry", admin: "/admin" } as const;
const LOCALES = { en: "en-US", "zh-CN": "zh-CN" } as const;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(DIR, { recursive: true });
  // Something in every queue: a draft, a returned application, screening, testing, a vote, a decision, a certificate.
  await driveCase(browser, { until: "draft" });
  const returned = await driveCase(browser, { until: "screening" });
  const s = await ApiSession.open(browser, USERS.secretariat);
  await s.event(returned.id, "RETURN", { reasons: ["Declare the cloud model and its version"] });
  await s.close();
  await driveCase(browser, { until: "screening" });
  await driveCase(browser, { until: "testing" });
  await driveCase(browser, { until: "review.forming" });
  await driveCase(browser, { until: "review.voting" });
  await driveCase(browser, { until: "decision", level: "L2" });
  await driveCase(browser, { until: "certified", level: "L2" });
});

async function signedIn(browser: Browser, email: string, locale: string) {
  const ctx = await contextAs(browser, email, locale);
  if (!(await ctx.request.get("/api/v1/me")).ok()) {
    await ctx.clearCookies();
    const r = await apiLogin(ctx.request, email);
    if (!r.ok) throw new Error(`${email} could not sign in (status ${r.status})`);
  }
  return ctx;
}

for (const [role, home] of Object.entries(HOMES) as [keyof typeof HOMES, string][]) {
  for (const [name, locale] of Object.entries(LOCALES)) {
    test(`${role} home in ${name}`, async ({ browser }) => {
      const ctx = await signedIn(browser, ROLE_USERS[role], locale);
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(home);
      await expect(page.getByTestId(`home-${role}`)).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", name);
      const file = path.join(DIR, `${role}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
      await ctx.close();
    });
  }
}
