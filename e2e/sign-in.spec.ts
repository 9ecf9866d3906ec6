import { test, expect, ROLE_USERS, contextAs, apiLogin, storageStateFor, newSignedInVendor } from "./fixtures";

const ORGS = { vendor: "Vendor A", lab: "Lab One", expert: "AI Terminal Working Group", secretariat: "AI Terminal Working Group", ministry: "Ministry of Industry", admin: "Zhiji Operations" };
const HOMES = { vendor: "/vendor", lab: "/lab", expert: "/expert", secretariat: "/secretariat", ministry: "/ministry", admin: "/admin" };

for (const [role, email] of Object.entries(ROLE_USERS)) {
  test(`${role} lands on its own home page after sign-in`, async ({ browser }) => {
    const ctx = await contextAs(browser, email);
    const page = await ctx.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(new RegExp(`${HOMES[role as keyof typeof HOMES]}$`));
    await expect(page.getByTestId(`home-${role}`)).toBeVisible();
    await expect(page.getByTestId("current-user")).toContainText(ORGS[role as keyof typeof ORGS]);
    await ctx.close();
  });
}

test("signing in through the form takes a person home; a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("lab-2@demo.zhiji");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Password").fill("zhiji-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/lab$/);
  await expect(page.getByTestId("home-lab")).toBeVisible();
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@demo.zhiji");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("Email or password is incorrect.");
});

test("an anonymous visit to a protected page goes to sign-in", async ({ page }) => {
  await page.goto("/ministry");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fministry/);
  await expect(page.getByRole("heading", { name: "Sign in to Zhiji" })).toBeVisible();
});

test("anonymous /api/v1/me is 401 in the API's error format", async ({ request }) => {
  const res = await request.get("/api/v1/me");
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
});

test("another role's home page does not exist for a user", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.vendor);
  const res = await (await ctx.newPage()).goto("/ministry");
  expect(res?.status()).toBe(404);
  await ctx.close();
});

test("the sign-in page speaks Chinese to a Chinese browser and switches language", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "登录智级" })).toBeVisible();
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { name: "Sign in to Zhiji" })).toBeVisible();
  await ctx.close();
});

test("failed sign-ins slow the guessing address down; a new X-Forwarded-For on each try changes nothing", async ({ browser, playwright, baseURL, page }) => {
  // A person of this test's own: spec files run side by side, and a demo user slowed down here
  // would slow down another spec's sign-in.
  const password = "e2e-throttle-pw-2026";
  const own = await newSignedInVendor(browser, password, { prefix: "e2e-throttle", name: "Throttle Tester" });
  await own.ctx.close();
  const email = own.email;
  const ctx = await playwright.request.newContext({ baseURL });
  // Three free guesses, each claiming another address: the server counts the socket's.
  for (let i = 0; i < 3; i++) {
    const r = await apiLogin(ctx, email, "wrong-password-" + i, `198.51.100.${i + 1}`);
    expect(r.ok).toBe(false);
    expect(r.error).toBe("Email or password is incorrect.");
  }
  const slowed = await apiLogin(ctx, email, password, "198.51.100.99");
  expect(slowed.ok).toBe(false);
  expect(slowed.error).toMatch(/^Too many failed sign-ins\. Try again in \d+ seconds?\.$/);
  await ctx.dispose();

  // The audit chain has each checked attempt with the address the server saw (the socket's, stamped by server.ts).
  const ministry = await playwright.request.newContext({ baseURL, storageState: storageStateFor(ROLE_USERS.ministry) });
  const res = await ministry.get("/api/v1/audit/events?type=SIGN_IN_FAILED");
  expect(res.status()).toBe(200);
  const failed = ((await res.json()).events as { payload: { email: string; address: string; reason: string } }[]).filter((e) => e.payload.email === email);
  expect(failed).toHaveLength(3);
  for (const e of failed) expect(e.payload).toMatchObject({ reason: "WRONG_CREDENTIALS", address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
  await ministry.dispose();

  // The sign-in page says so in words, and after the wait the right password goes through.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText(/^(Too many failed sign-ins\. Try again in \d+ seconds\.|Email or password is incorrect\.)$/);
  await page.waitForTimeout(9_000);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/vendor$/);
});
