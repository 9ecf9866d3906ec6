// Administration: users with one-time set-password links, ending sessions by disabling, refusals,
// organisations and lab accreditations. Only users and organisations made here are changed.
import type { Browser } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, ROLE_USERS, contextAs } from "./fixtures";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const PASSWORD = "e2e-admin-password-1";

/** The admin creates a user through the form; returns the email and the one-time link shown. */
async function createUser(browser: Browser, opts: { role: string; organization: string; name?: string }) {
  const email = `e2e-${unique()}@test.zhiji`;
  const ctx = await contextAs(browser, ROLE_USERS.admin);
  const page = await ctx.newPage();
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill(opts.name ?? "E2E Person");
  await form.getByLabel("Role", { exact: true }).selectOption({ label: opts.role });
  await form.getByLabel("Organisation", { exact: true }).selectOption({ label: opts.organization });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("create-user-ok")).toContainText(email);
  const link = await page.getByTestId("set-password-link").inputValue();
  await ctx.close();
  return { email, link };
}

test("the admin creates a user and gets a one-time link; the person sets a password, lands on their home, and the link is spent", async ({ browser }) => {
  const { email, link } = await createUser(browser, { role: "Vendor", organization: "Vendor B · 乙终端公司 (Vendor)", name: "New Vendor Person" });
  expect(link).toMatch(/^http:\/\/localhost:\d+\/set-password\/[A-Za-z0-9_-]{43}$/);

  const ctx = await browser.newContext({ locale: "en-US" });
  const page = await ctx.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  const a11y = await new AxeBuilder({ page }).include("main").analyze();
  expect(a11y.violations).toEqual([]);

  // Field errors first: too short, and a confirmation that differs.
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("New password again").fill("shorter");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page.getByText("The password must have at least 10 characters.")).toBeVisible();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("New password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(/\/vendor$/);
  await expect(page.getByTestId("home-vendor")).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("Vendor B");
  await ctx.close();

  const again = await (await browser.newContext({ locale: "en-US" })).newPage();
  await again.goto(link);
  await expect(again.getByTestId("link-used")).toContainText("This link has been used already");
  await again.context().close();
});

test("disabling a signed-in user ends their session at once: the next page goes to sign-in and the API answers 401", async ({ browser }) => {
  const { email, link } = await createUser(browser, { role: "Test lab", organization: "Lab Two · 第二检测实验室 (Test lab)" });
  const userCtx = await browser.newContext({ locale: "en-US" });
  const userPage = await userCtx.newPage();
  await userPage.goto(link);
  await userPage.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await userPage.getByLabel("New password again").fill(PASSWORD);
  await userPage.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(userPage).toHaveURL(/\/lab$/);
  const before = await userCtx.request.get("/api/v1/me");
  expect(before.status()).toBe(200);
  expect((await before.json()).email).toBe(email);

  const adminCtx = await contextAs(browser, ROLE_USERS.admin);
  const admin = await adminCtx.newPage();
  await admin.goto("/admin/users");
  await admin.getByTestId(`user-row-${email}`).getByRole("link").click();
  await expect(admin.getByTestId("user-name")).toBeVisible();
  await admin.getByRole("button", { name: "Disable user" }).click();
  // Disabling signs the person out everywhere: a dialog asks first.
  await admin.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(admin.getByTestId("disable-ok")).toHaveText("The user is disabled and signed out everywhere.");
  await expect(admin.getByTestId("user-status")).toHaveText("Disabled");

  await userPage.goto("/lab");
  await expect(userPage).toHaveURL(/\/signin\?callbackUrl=%2Flab/);
  const after = await userCtx.request.get("/api/v1/me");
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("UNAUTHENTICATED");

  // Enabling lets them sign in again; the old session stays ended.
  await admin.getByRole("button", { name: "Enable user" }).click();
  await expect(admin.getByTestId("user-status")).toHaveText("Active");
  expect((await userCtx.request.get("/api/v1/me")).status()).toBe(401);
  await userCtx.close();
  await adminCtx.close();
});

test("an admin cannot disable or demote themselves", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.admin);
  const page = await ctx.newPage();
  await page.goto("/admin/users");
  await page.getByTestId(`user-row-${ROLE_USERS.admin}`).getByRole("link").click();
  await page.getByRole("button", { name: "Disable user" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByTestId("disable-error")).toHaveText("You cannot disable your own account.");
  await page.getByTestId("change-role-form").getByLabel("Role").selectOption({ label: "Vendor" });
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByTestId("change-role-error")).toHaveText("You cannot take the administrator role from yourself.");
  await page.goto("/admin");
  await expect(page.getByTestId("home-admin")).toBeVisible();
  await ctx.close();
});

test("the user form gives field errors instead of failing", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.admin);
  const page = await ctx.newPage();
  await page.goto("/admin/users");
  const form = page.getByTestId("create-user-form");
  await form.getByLabel("Email", { exact: true }).fill(ROLE_USERS.vendor);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: "Test lab" });
  await form.getByLabel("Organisation", { exact: true }).selectOption({ label: "Vendor A · 甲终端公司 (Vendor)" });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("Required.")).toBeVisible();
  await form.getByLabel("Name", { exact: true }).fill("Someone");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("This role does not fit this kind of organisation", { exact: false })).toBeVisible();
  // What was chosen survives the refusal.
  await expect(form.getByLabel("Role", { exact: true })).toHaveValue("lab");
  await form.getByLabel("Role", { exact: true }).selectOption({ label: "Vendor" });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("A user with this email exists already.")).toBeVisible();
  await expect(form.getByLabel("Email", { exact: true })).toHaveValue(ROLE_USERS.vendor);
  const a11y = await new AxeBuilder({ page }).include("main").analyze();
  expect(a11y.violations).toEqual([]);
  await ctx.close();
});

test("administration does not exist for other roles", async ({ browser }) => {
  for (const role of ["vendor", "secretariat", "ministry"] as const) {
    const ctx = await contextAs(browser, ROLE_USERS[role]);
    const page = await ctx.newPage();
    for (const path of ["/admin/users", "/admin/organizations", "/admin/accreditations"]) {
      expect((await page.goto(path))?.status(), `${role} ${path}`).toBe(404);
    }
    await ctx.close();
  }
});

test("the admin creates and renames an organisation and manages its lab accreditation", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.admin);
  const page = await ctx.newPage();
  const name = `E2E Lab ${unique()}`;
  await page.goto("/admin/organizations");
  const form = page.getByTestId("create-organization-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Chinese name").fill("测试实验室");
  await form.getByLabel("Kind").selectOption({ label: "Test lab" });
  await form.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByTestId("create-organization-ok")).toHaveText(`${name} was created.`);
  await page.getByTestId(`org-row-${name}`).getByRole("link").click();
  const rename = page.getByTestId("rename-organization-form");
  await rename.getByLabel("Name", { exact: true }).fill(`${name} Renamed`);
  await rename.getByRole("button", { name: "Save names" }).click();
  await expect(page.getByTestId("rename-organization-ok")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${name} Renamed`);

  await page.goto("/admin/accreditations");
  const add = page.getByTestId("add-accreditation-form");
  await add.getByLabel("Lab", { exact: true }).selectOption({ label: `${name} Renamed` });
  await add.getByLabel("Terminal category").selectOption({ label: "AI glasses" });
  await add.getByLabel("Valid from").fill("2026-01-01");
  await add.getByLabel("Valid until (inclusive)").fill("2030-12-31");
  await add.getByRole("button", { name: "Add accreditation" }).click();
  await expect(page.getByTestId("add-accreditation-ok")).toBeVisible();
  const row = page.getByTestId(`accreditation-${name} Renamed-glasses`);
  await expect(row).toContainText("In force");

  await row.getByLabel("Valid until (inclusive)").fill("2026-01-31");
  await row.getByRole("button", { name: "Save dates" }).click();
  await expect(row).toContainText("Expired");
  await row.getByLabel("Valid until (inclusive)").fill("2025-01-31");
  await row.getByRole("button", { name: "Save dates" }).click();
  await expect(row.getByText("The end must not be before the start.")).toBeVisible();

  await row.getByRole("button", { name: `Remove the accreditation ${name} Renamed · AI glasses` }).click();
  await expect(row).toHaveCount(0);
  await ctx.close();
});
