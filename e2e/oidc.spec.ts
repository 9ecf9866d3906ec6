// Institutional sign-in (docs/security.md#institutional-sign-in) against a local OpenID Connect
// provider this spec starts (e2e/oidc-provider.mjs) on E2E_PORT+200. The portal under test must be
// started with ZHIJI_OIDC_ISSUER=http://localhost:<E2E_PORT+200>, ZHIJI_OIDC_CLIENT_ID=zhiji-e2e and
// ZHIJI_OIDC_CLIENT_SECRET=zhiji-e2e-client-secret (docs/deploy.md#institutional-sign-in-oidc).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, contextAs, ROLE_USERS, unique } from "./fixtures";

const PORTAL = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
const OIDC_PORT = Number(process.env.E2E_PORT ?? 3210) + 200;
const ISSUER = `http://localhost:${OIDC_PORT}`;

let provider: ChildProcess | undefined;

// Each test makes one to three round trips through the provider's pages; a busy 2-core machine needs more than the default minute.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ request }) => {
  const signin = await (await request.get("/signin")).text();
  // playwright.config.ts gives the portal under test these settings: without them this is a failure, not a skip.
  expect(signin, `the portal under test offers institutional sign-in (ZHIJI_OIDC_ISSUER=${ISSUER})`).toContain('data-testid="signin-oidc"');
  provider = spawn(process.execPath, [path.join(__dirname, "oidc-provider.mjs")], {
    env: { ...process.env, OIDC_PORT: String(OIDC_PORT), PORTAL_URL: PORTAL },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  provider.stdout?.on("data", (d) => (log += d));
  provider.stderr?.on("data", (d) => (log += d));
  for (let i = 0; ; i++) {
    const up = await fetch(`${ISSUER}/.well-known/openid-configuration`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 100) throw new Error(`the local OIDC provider did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(() => {
  provider?.kill();
});

/** The admin creates a vendor person (no password: they will sign in through their institution). */
async function adminCreatesVendor(browser: import("@playwright/test").Browser, email: string) {
  const ctx = await contextAs(browser, ROLE_USERS.admin);
  const admin = await ctx.newPage();
  await admin.goto("/admin/users");
  const form = admin.getByTestId("create-user-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill("OIDC Person");
  await form.getByLabel("Role", { exact: true }).selectOption({ label: "Vendor" });
  await form.getByLabel("Organisation", { exact: true }).selectOption({ label: "Vendor B · 乙终端公司 (Vendor)" });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByTestId("set-password-link")).toBeVisible();
  await ctx.close();
}

/** From the portal's sign-in page through the provider's login and consent pages. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByTestId("signin-oidc").click();
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The provider asks for consent the first time this browser signs in to the portal.
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(consent.or(page.getByTestId("signin-oidc-error")).or(page.getByTestId("current-user")).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

test("a person the admin created signs in through the institution's provider and lands on their role home; the admin unlinks the account and the session ends", async ({ browser }) => {
  const email = `oidc-${unique()}@test.zhiji`;
  await adminCreatesVendor(browser, email);

  const ctx = await browser.newContext({ locale: "en-US" });
  const page = await ctx.newPage();
  await signInAtProvider(page, email);
  await expect(page).toHaveURL(`${PORTAL}/vendor`);
  await expect(page.getByTestId("home-vendor")).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("Vendor B");
  // The session is an ordinary portal session: the API knows the person, role and organisation from the portal.
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(200);
  const person = (await me.json()) as { id: string };
  expect(person).toMatchObject({ email, role: "vendor" });
  await ctx.close();

  // A later sign-in (a new browser) matches the stored subject.
  const again = await browser.newContext({ locale: "en-US" });
  const page2 = await again.newPage();
  await signInAtProvider(page2, email);
  await expect(page2).toHaveURL(`${PORTAL}/vendor`);

  // The admin sees the link on the user's page and unlinks it: the person's session ends.
  const adminCtx = await contextAs(browser, ROLE_USERS.admin);
  const admin = await adminCtx.newPage();
  await admin.goto(`/admin/users/${person.id}`);
  await expect(admin.getByTestId("institutional-linked")).toContainText(ISSUER);
  await admin.getByTestId("unlink-institutional-confirm-open").click();
  await admin.getByTestId("unlink-institutional-confirm-confirm").click();
  await expect(admin.getByTestId("institutional-none")).toBeVisible();
  await adminCtx.close();
  expect((await page2.request.get("/api/v1/me")).status()).toBe(401);
  await again.close();
});

test("an email no portal user has is refused with a translated message, in English and Chinese", async ({ browser }) => {
  for (const [locale, text] of [
    ["en-US", "Your institutional account's email belongs to no one on this portal."],
    ["zh-CN", "您机构账号的邮箱在本平台没有对应的用户。"],
  ] as const) {
    const ctx = await browser.newContext({ locale });
    const page = await ctx.newPage();
    await signInAtProvider(page, `nobody-${unique()}@test.zhiji`);
    await expect(page).toHaveURL(/\/signin\?error=OIDC_UNKNOWN_EMAIL$/);
    await expect(page.getByTestId("signin-oidc-error")).toContainText(text);
    // The password form is still there.
    await expect(page.locator('input[type="password"]')).toBeVisible();
    await ctx.close();
  }
});

test("an email the provider has not verified is refused, even for a portal user", async ({ browser }) => {
  const email = `unverified-${unique()}@test.zhiji`;
  await adminCreatesVendor(browser, email);
  const ctx = await browser.newContext({ locale: "en-US" });
  const page = await ctx.newPage();
  await signInAtProvider(page, email);
  await expect(page).toHaveURL(/\/signin\?error=OIDC_EMAIL_UNVERIFIED$/);
  await expect(page.getByTestId("signin-oidc-error")).toContainText("Your institution has not confirmed the email of this account");
  await ctx.close();
});
