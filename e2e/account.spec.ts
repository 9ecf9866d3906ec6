// The account page: who you are, changing one's password (ends every session), personal API tokens.
// Only users made here change their password; demo users only create and revoke a token.
import type { Browser } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, ROLE_USERS, contextAs, apiLogin } from "./fixtures";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;


/** A fresh vendor user made by the admin, signed in (through the set-password link) in its own context. */
async function freshSignedInUser(browser: Browser, password: string) {
  const email = `e2e-acct-${unique()}@test.zhiji`;
  const adminCtx = await contextAs(browser, ROLE_USERS.admin);
  const admin = await adminCtx.newPage();
  await admin.goto("/admin/users");
  const form = admin.getByTestId("create-user-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill("Account Tester");
  await form.getByLabel("Role", { exact: true }).selectOption({ label: "Vendor" });
  await form.getByLabel("Organisation", { exact: true }).selectOption({ label: "Vendor B · 乙终端公司 (Vendor)" });
  await form.getByRole("button", { name: "Create user" }).click();
  const link = await admin.getByTestId("set-password-link").inputValue();
  await adminCtx.close();

  const ctx = await browser.newContext({ locale: "en-US" });
  const page = await ctx.newPage();
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/vendor$/);
  return { email, ctx, page };
}

test("every role sees who they are on /account", async ({ browser }) => {
  for (const role of ["ministry", "lab", "admin"] as const) {
    const ctx = await contextAs(browser, ROLE_USERS[role]);
    const page = await ctx.newPage();
    await page.goto("/account");
    await expect(page.getByTestId("account-summary")).toContainText(ROLE_USERS[role]);
    await ctx.close();
  }
});

test("changing one's password ends every session; the new password signs in", async ({ browser, playwright, baseURL }) => {
  const oldPassword = "e2e-account-old-pw";
  const newPassword = "e2e-account-new-pw";
  const { email, ctx, page } = await freshSignedInUser(browser, oldPassword);

  // A second session of the same person, elsewhere.
  const other = await browser.newContext({ locale: "en-US" });
  expect((await apiLogin(other.request, email, oldPassword)).ok).toBe(true);
  const otherPage = await other.newPage();
  await otherPage.goto("/vendor");
  await expect(otherPage.getByTestId("home-vendor")).toBeVisible();

  await page.goto("/account");
  await expect(page.getByTestId("account-summary")).toContainText(email);
  const a11y = await new AxeBuilder({ page }).include("main").analyze();
  expect(a11y.violations).toEqual([]);
  const form = page.getByTestId("change-password-form");
  // Field errors, without touching the current password check.
  await form.getByLabel("Current password").fill(oldPassword);
  await form.getByLabel("New password", { exact: true }).fill("short");
  await form.getByLabel("New password again").fill("different");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("The password must have at least 10 characters.")).toBeVisible();
  await expect(form.getByText("The two passwords differ.")).toBeVisible();

  await form.getByLabel("Current password").fill(oldPassword);
  await form.getByLabel("New password", { exact: true }).fill(newPassword);
  await form.getByLabel("New password again").fill(newPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("change-password-ok")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  await otherPage.goto("/vendor");
  await expect(otherPage).toHaveURL(/\/signin\?callbackUrl=%2Fvendor/);
  expect((await other.request.get("/api/v1/me")).status()).toBe(401);

  const fresh = await playwright.request.newContext({ baseURL });
  expect((await apiLogin(fresh, email, newPassword)).ok).toBe(true);
  expect((await fresh.get("/api/v1/me")).status()).toBe(200);
  await fresh.dispose();
  await other.close();
  await ctx.close();
});

test("a personal API token is shown once, works as Bearer, and is refused after revoking", async ({ browser, playwright, baseURL }) => {
  const email = "lab-2@demo.zhiji";
  const ctx = await contextAs(browser, email);
  const page = await ctx.newPage();
  await page.goto("/account");
  const name = `e2e token ${unique()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^zj_[A-Za-z0-9_-]{43}$/);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const me = await api.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email, role: "lab", organization: { name: "Lab Two" } });

  // Shown once: after a reload only its first characters are listed.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByTestId(`token-row-${name}`);
  await expect(row).toContainText(`${token.slice(0, 8)}…`);
  await expect(page.locator("main")).not.toContainText(token);

  await row.getByRole("button", { name: `Revoke the token ${name}` }).click();
  await expect(row).toHaveCount(0);
  const after = await api.get("/api/v1/me");
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("UNAUTHENTICATED");
  await api.dispose();
  await ctx.close();
});
