// The account page: who you are, changing one's password (ends every session), personal API tokens.
// Only users made here change their password; demo users only create and revoke a token.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, ROLE_USERS, contextAs, apiLogin, newSignedInVendor, unique } from "./fixtures";

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
  const { email, ctx, page } = await newSignedInVendor(browser, oldPassword, { prefix: "e2e-acct", name: "Account Tester" });

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

test("a personal API token needs the password, is shown once, works within its scopes and until revoked; last use is shown", async ({ browser, playwright, baseURL }) => {
  const email = "lab-2@demo.zhiji";
  const ctx = await contextAs(browser, email);
  const page = await ctx.newPage();
  await page.goto("/account");
  const form = page.getByTestId("create-token-form");
  const name = `e2e token ${unique()}`;
  await form.getByLabel("Token name").fill(name);
  await form.getByLabel("Expires after").selectOption({ label: "30 days" });
  // The lab may choose lab:report; read is ticked already.
  await expect(form.getByRole("checkbox", { name: /^read/ })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: /^lab:report/ })).toBeVisible();
  await expect(form.getByRole("checkbox", { name: /^oversight:write/ })).toHaveCount(0);
  // A wrong password makes nothing.
  await form.getByLabel("Your password").fill("not-my-password");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("The current password is not right.")).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(form.getByLabel("Token name")).toHaveValue(name);

  await form.getByLabel("Your password").fill("zhiji-demo-2026");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^zj_[A-Za-z0-9_-]{43}$/);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const me = await api.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email, role: "lab", organization: { name: "Lab Two" } });
  // Only read was chosen: saving a lab report is refused with its reason.
  const put = await api.put("/api/v1/cases/no-such-case/lab-report", { data: { results: [] } });
  expect(put.status()).toBe(403);
  expect((await put.json()).error.details).toEqual({ reason: "TOKEN_SCOPE", scope: "lab:report" });

  // Shown once: after a reload only its first characters are listed, with scopes, expiry and last use.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByTestId(`token-row-${name}`);
  await expect(row).toContainText(`${token.slice(0, 8)}…`);
  await expect(row.getByRole("listitem")).toHaveText(["read"]);
  await expect(row.getByRole("listitem")).toHaveAttribute("title", "read cases, events, evidence, schemes, audit");
  await expect(row.getByTestId("token-last-used")).not.toHaveText("Never");
  // Chosen: 30 days (the day may differ by one across time zones).
  const day = (offset: number) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium" }).format(new Date(Date.now() + offset * 24 * 3600 * 1000));
  expect([day(29), day(30), day(31)]).toContain(await row.getByTestId("token-expiry").innerText());
  await expect(page.locator("main")).not.toContainText(token);

  await row.getByRole("button", { name: `Revoke the token ${name}` }).click();
  // Revoking cannot be undone: a dialog asks first.
  await page.getByRole("dialog", { name: `Revoke the token ${name}` }).getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  const after = await api.get("/api/v1/me");
  expect(after.status()).toBe(401);
  expect((await after.json()).error).toMatchObject({ code: "UNAUTHENTICATED", details: { reason: "TOKEN_REVOKED" } });
  await api.dispose();
  await ctx.close();
});

test("signing out ends the session on the server: a copied session cookie stops working", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "en-US" });
  expect((await apiLogin(ctx.request, ROLE_USERS.vendor)).ok).toBe(true);
  const copied = (await ctx.storageState()).cookies;
  const page = await ctx.newPage();
  await page.goto("/vendor");
  await expect(page.getByTestId("home-vendor")).toBeVisible();

  // Someone else holds a copy of the cookie.
  const thief = await browser.newContext({ locale: "en-US" });
  await thief.addCookies(copied);
  expect((await thief.request.get("/api/v1/me")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect((await thief.request.get("/api/v1/me")).status()).toBe(401);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/vendor");
  await expect(thiefPage).toHaveURL(/\/signin\?callbackUrl=%2Fvendor/);

  // The saved sessions of the same person elsewhere go on.
  const other = await contextAs(browser, ROLE_USERS.vendor);
  expect((await other.request.get("/api/v1/me")).status()).toBe(200);
  await Promise.all([other.close(), thief.close(), ctx.close()]);
});

test("a malformed session cookie or Authorization header is an anonymous caller, never a 500", async ({ browser, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  for (const cookie of ["next-auth.session-token=%E0%A4%A", "next-auth.session-token=garbage; x=%ZZ", "=%E0%A4%A"]) {
    const res = await api.get("/api/v1/me", { headers: { cookie } });
    expect(res.status(), cookie).toBe(401);
  }
  for (const authorization of ["Bearer", "Bearer zj_garbage", "Basic Zm9vOmJhcg==", "Bearer %E0%A4%A"]) {
    const res = await api.get("/api/v1/me", { headers: { authorization } });
    expect(res.status(), authorization).toBe(401);
    expect((await res.json()).error.details).toEqual({ reason: "TOKEN_INVALID" });
  }
  await api.dispose();
  const ctx = await browser.newContext({ locale: "en-US" });
  await ctx.addCookies([{ name: "next-auth.session-token", value: "%E0%A4%A", url: baseURL! }]);
  const page = await ctx.newPage();
  const res = await page.goto("/ministry");
  expect(res?.status()).toBeLessThan(500);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fministry/);
  await ctx.close();
});
