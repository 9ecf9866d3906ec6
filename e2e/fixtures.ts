// Sign-in through the sign-in endpoint, once per role; the tests reuse the saved session.
import { test as base, expect, request, type APIRequestContext, type Browser } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

export const DEMO_PASSWORD = "zhiji-demo-2026";
export const ROLE_USERS = {
  vendor: "vendor-a@demo.zhiji",
  lab: "lab-1@demo.zhiji",
  expert: "expert-1@demo.zhiji",
  secretariat: "secretariat@demo.zhiji",
  ministry: "ministry-1@demo.zhiji",
  admin: "admin@demo.zhiji",
} as const;
export type RoleName = keyof typeof ROLE_USERS;

// One folder per server under test, so side-by-side runs never overwrite each other's sessions.
export const storageStateFor = (email: string) => path.join(__dirname, ".auth", process.env.E2E_PORT ?? "3210", `${email}.json`);

/** Signs in through next-auth's credentials endpoint; returns true when a session cookie was set. */
export async function apiLogin(request: APIRequestContext, email: string, password = DEMO_PASSWORD, address?: string) {
  const headers = address ? { "x-forwarded-for": address } : undefined;
  const { csrfToken } = await (await request.get("/api/auth/csrf", { headers })).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers,
    maxRedirects: 0,
  });
  const cookies = (await request.storageState()).cookies;
  // A refused sign-in answers 401 with the reason in the error URL.
  const body = res.status() === 401 ? ((await res.json()) as { url?: string }) : {};
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  return { ok: res.status() < 400 && cookies.some((c) => c.name.includes("session-token")), status: res.status(), error };
}

/**
 * Decisive acts (AWARD, REVOKE, publishing, role changes) need a sign-in of the last 15 minutes
 * (lib/auth/reauth.ts): a saved session older than 10 minutes is renewed before it is used.
 */
async function freshStorageState(email: string): Promise<string> {
  const file = storageStateFor(email);
  const age = Date.now() - (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
  if (age > 10 * 60 * 1000) {
    const ctx = await request.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 3210}` });
    const r = await apiLogin(ctx, email);
    if (r.ok) await ctx.storageState({ path: file });
    await ctx.dispose();
  }
  return file;
}

export async function contextAs(browser: Browser, email: string, locale = "en-US") {
  return browser.newContext({ storageState: await freshStorageState(email), locale });
}

/** A short suffix that makes a test's emails and names unique across runs. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * A new vendor person made by the admin (the demo shows the set-password link), who sets a password
 * through the form and so is signed in, in a context of its own. `prefix` and `name` tell the tests'
 * users apart in the admin's list.
 */
export async function newSignedInVendor(browser: Browser, password: string, { prefix = "e2e-user", name = "E2E Tester" } = {}) {
  const email = `${prefix}-${unique()}@test.zhiji`;
  const adminCtx = await contextAs(browser, ROLE_USERS.admin);
  const admin = await adminCtx.newPage();
  await admin.goto("/admin/users");
  const form = admin.getByTestId("create-user-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill(name);
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

export const test = base;
export { expect };
