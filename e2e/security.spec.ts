// Web hardening and the second factor, as a browser meets them: security headers on every kind of
// response, pages that still work under the Content-Security-Policy, sign-in that never sends a
// person off the portal, cookie-authenticated API writes refused from other origins, and a
// two-step sign-in after enrolling TOTP on the account page.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { generate } from "otplib";
import { test, expect, ROLE_USERS, DEMO_PASSWORD, contextAs, apiLogin, newSignedInVendor, unique } from "./fixtures";
import { COMPLETE_APPLICATION, driveCase } from "./api-driver";

/** Collects the page's CSP violations (and script errors) from its first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__cspViolation", (line: string) => seen.push(line));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (l: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("pageerror", (e) => seen.push(`pageerror ${e.message}`));
  return seen;
}

async function signInThroughForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("pages, API answers and the build's files carry the security headers", async ({ request }) => {
  const page = await request.get("/signin");
  const h = page.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  // Served over http here: no HSTS (it is sent only when ZHIJI_PUBLIC_URL is https).
  expect(h["strict-transport-security"]).toBeUndefined();
  // Every page gets its own nonce.
  const again = (await request.get("/signin")).headers()["content-security-policy"];
  expect(again).not.toBe(h["content-security-policy"]);
  // The nonce is on Next's scripts.
  const nonce = h["content-security-policy"].match(/'nonce-([^']+)'/)![1];
  expect(await page.text()).toContain(`nonce="${nonce}"`);

  for (const path of ["/api/v1/me", "/api/v1/openapi.json", "/api/auth/csrf"]) {
    const api = (await request.get(path)).headers();
    expect(api["x-content-type-options"], path).toBe("nosniff");
    expect(api["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(api["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
  const script = (await page.text()).match(/src="(\/_next\/static\/[^"]+\.js)"/)![1];
  const file = (await request.get(script)).headers();
  expect(file["x-content-type-options"]).toBe("nosniff");
});

test("the pages work under the policy: sign-in, a role home with charts, the account page", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "en-US" });
  const page = await ctx.newPage();
  const violations = await watchViolations(page);
  await page.goto("/signin");
  await signInThroughForm(page, ROLE_USERS.ministry);
  await expect(page).toHaveURL(/\/ministry$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The audit dashboard draws its charts in the browser.
  await page.goto("/audit");
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("account-summary")).toContainText(ROLE_USERS.ministry);
  expect(violations).toEqual([]);
  await ctx.close();
});

test.describe("sign-in never sends a person off the portal", () => {
  for (const evil of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example/", "javascript:alert(document.domain)", "/\\evil.example"]) {
    test(`callbackUrl=${evil} lands on the role home`, async ({ browser }) => {
      const ctx = await browser.newContext({ locale: "en-US" });
      const page = await ctx.newPage();
      const query = evil.includes("%") ? evil : encodeURIComponent(evil);
      await page.goto(`/signin?callbackUrl=${query}`);
      await signInThroughForm(page, ROLE_USERS.vendor);
      await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/vendor$/);
      await ctx.close();
    });
  }

  test("a callbackUrl on the portal is kept", async ({ browser }) => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent("/account")}`);
    await signInThroughForm(page, ROLE_USERS.vendor);
    await expect(page).toHaveURL(/\/account$/);
    await ctx.close();
  });
});

test("a cookie-authenticated API write from another origin is refused; the portal's own and anonymous verify still work", async ({ browser, request }) => {
  const ctx = await contextAs(browser, ROLE_USERS.vendor);
  const model = `XS-${unique()}`;
  const body = { schemeId: "phone", product: { name: "Cross-site phone", model, softwareVersion: "1" }, claimedLevel: "L2", application: COMPLETE_APPLICATION };

  const foreign = await ctx.request.post("/api/v1/cases", { data: body, headers: { origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.details).toEqual({ reason: "CROSS_ORIGIN" });
  const none = await ctx.request.post("/api/v1/cases", { data: body, headers: { origin: "null" } });
  expect(none.status()).toBe(403);
  // What a cross-site form can send, even claiming our origin.
  const form = await ctx.request.post("/api/v1/cases", { data: "schemeId=phone", headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(form.status()).toBe(415);
  expect((await form.json()).error.details).toEqual({ reason: "CONTENT_TYPE" });
  // Nothing was made.
  expect(JSON.stringify(await (await ctx.request.get("/api/v1/cases?state=draft&take=500")).json())).not.toContain(model);

  // The portal's own origin (what the browser sends) passes.
  const own = await ctx.request.post("/api/v1/cases", { data: body });
  expect(own.status()).toBe(201);
  await ctx.close();

  // Anonymous verification stays open to every origin.
  const verify = await request.post("/api/v1/verify", { headers: { origin: "https://evil.example", "content-type": "application/pdf" }, data: Buffer.from("%PDF-1.4\n%%EOF\n") });
  expect(verify.status()).not.toBe(403);
  expect(verify.status()).toBeLessThan(500);
});

test("two-factor sign-in: enrol with the secret, keep the recovery codes, then sign-in asks for a code", async ({ browser }) => {
  test.setTimeout(120_000);
  const password = "e2e-two-factor-1";
  const { email, ctx, page } = await newSignedInVendor(browser, password, { prefix: "e2e-2fa", name: "Two Factor Tester" });
  const violations = await watchViolations(page);
  await page.goto("/account");
  await expect(page.getByTestId("totp-status")).toHaveText("Two-factor sign-in is off.");
  await page.getByTestId("totp-start").click();
  await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await page.getByTestId("totp-code").fill("000000" === (await generate({ secret })) ? "111111" : "000000");
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByTestId("totp-confirm-form")).toContainText("That code does not match");
  await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();

  await page.getByTestId("totp-code").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  // The codes stay on the screen until the person says they kept them.
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  await page.getByTestId("totp-continue").click();
  await expect(page.getByTestId("totp-status")).toContainText("Recovery codes left: 10");
  expect(violations).toEqual([]);
  await ctx.close();

  // Signing in now takes a second step.
  const fresh = await browser.newContext({ locale: "en-US" });
  const p = await fresh.newPage();
  await p.goto("/signin");
  await signInThroughForm(p, email, password);
  await expect(p.getByTestId("signin-code")).toBeVisible();
  await expect(p).toHaveURL(/\/signin/);
  await p.getByTestId("signin-code").fill("12345");
  await p.getByRole("button", { name: "Verify" }).click();
  await expect(p.getByTestId("signin-error")).toContainText("not valid");
  // A recovery code works once.
  await p.getByTestId("signin-code").fill(codes[0]);
  await p.getByRole("button", { name: "Verify" }).click();
  await expect(p).toHaveURL(/\/vendor$/);
  await fresh.close();

  // The same recovery code a second time is refused; the current TOTP code passes.
  const third = await browser.newContext({ locale: "en-US" });
  const q = await third.newPage();
  await q.goto("/signin");
  await signInThroughForm(q, email, password);
  await q.getByTestId("signin-code").fill(codes[0]);
  await q.getByRole("button", { name: "Verify" }).click();
  await expect(q.getByTestId("signin-error")).toContainText("not valid");
  // The code that enrolled may still be current: wait for the next step so that it is not a replay.
  const used = await generate({ secret });
  await expect.poll(async () => generate({ secret }), { timeout: 40_000, intervals: [1000] }).not.toBe(used);
  await q.getByTestId("signin-code").fill(await generate({ secret }));
  await q.getByRole("button", { name: "Verify" }).click();
  await expect(q).toHaveURL(/\/vendor$/);
  await third.close();
});

test("an AWARD after a sign-in older than 15 minutes asks for the password in place, then goes through", async ({ browser }) => {
  test.setTimeout(120_000);
  const c = await driveCase(browser, { until: "decision", level: "L2" });
  const ctx = await browser.newContext({ locale: "en-US" });
  expect((await apiLogin(ctx.request, ROLE_USERS.ministry)).ok).toBe(true);
  // Age the session's sign-in time by 20 minutes, re-signed with the server's own secret (the demo keeps it under its data folder).
  const secret = fs.readFileSync(path.join(process.env.E2E_DATA_DIR ?? "data/e2e", "session-secret"), "utf8").trim();
  const cookie = (await ctx.cookies()).find((k) => k.name.endsWith("next-auth.session-token"))!;
  const claims = (await decode({ token: cookie.value, secret }))!;
  await ctx.addCookies([{ ...cookie, value: await encode({ token: { ...claims, authAt: Date.now() - 20 * 60 * 1000 }, secret }) }]);

  const page = await ctx.newPage();
  const violations = await watchViolations(page);
  await page.goto(`/cases/${c.id}`);
  const award = page.getByTestId("event-form-AWARD");
  await award.getByRole("button", { name: "Award the level" }).click();
  await expect(page.getByTestId("reauth-AWARD")).toBeVisible();
  await expect(page.getByTestId("state-badge")).toHaveText("Decision");
  // A wrong password is refused there.
  await page.getByTestId("reauth-AWARD-password").fill("not-my-password");
  await page.getByTestId("reauth-AWARD-confirm").click();
  await expect(page.getByTestId("reauth-AWARD-error")).toContainText("incorrect");
  await page.getByTestId("reauth-AWARD-password").fill(DEMO_PASSWORD);
  await page.getByTestId("reauth-AWARD-confirm").click();
  await expect(page.getByTestId("reauth-AWARD-done")).toBeVisible();
  await award.getByRole("button", { name: "Award the level" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Certified");
  expect(violations).toEqual([]);
  await ctx.close();
});
