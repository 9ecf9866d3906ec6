// The field kit (docs/decisions/): a required field left empty is named in the reader's language
// and focused, before anything is sent; an irreversible act asks in a dialog first, which Escape
// cancels with nothing sent.
import crypto from "node:crypto";
import { test, expect, apiLogin } from "./fixtures";

for (const [locale, required] of [
  ["en-US", "Required."],
  ["zh-CN", "必填。"],
] as const) {
  test(`an empty required field shows the translated error and gets the focus (${locale})`, async ({ browser }) => {
    const ctx = await browser.newContext({ locale });
    const page = await ctx.newPage();
    await page.goto("/signin");
    await page.locator("form#signin button[type=submit]").click();
    const email = page.locator("form#signin input[name=email]");
    await expect(page.getByTestId("error-email")).toHaveText(required);
    await expect(email).toBeFocused();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAttribute("aria-describedby", /error/);
    // The password is empty too: named, but the focus stays on the first invalid field.
    await expect(page.getByTestId("error-password")).toHaveText(required);
    // Nothing was sent: no sign-in refusal.
    await expect(page.getByTestId("signin-error")).toHaveCount(0);
    // Typing clears the error as the person goes.
    await email.fill("vendor-a@demo.zhiji");
    await expect(page.getByTestId("error-email")).toHaveCount(0);
    await ctx.close();
  });
}

test("the withdraw confirm dialog opens, Escape cancels it, and nothing is sent", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  expect((await apiLogin(context.request, "vendor-a@demo.zhiji")).ok).toBe(true);
  const created = await context.request.post("/api/v1/cases", {
    data: {
      schemeId: "phone",
      schemeVersion: "2026.1",
      product: { name: `Forms E2E ${crypto.randomBytes(3).toString("hex")}`, model: "FX-1", softwareVersion: "1.0" },
      claimedLevel: "L2",
      application: { onDeviceModel: "m", cloudModel: "none", declarations: { accurate: true, samplesAvailable: true, acceptsRules: true } },
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;
  const page = await context.newPage();
  await page.goto(`/cases/${id}`);
  const withdraw = page.getByTestId("event-form-WITHDRAW");
  const open = withdraw.getByRole("button", { name: "Withdraw the application" });
  await open.click();
  const dialog = page.getByRole("dialog", { name: /Withdraw: are you sure\?/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("cannot be reopened");
  // Focus is inside the dialog; Escape closes it and gives the focus back to the button.
  await expect(dialog.locator(":focus")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  expect((await (await context.request.get(`/api/v1/cases/${id}`)).json()).state).toBe("draft");
  // Confirming sends it.
  await open.click();
  await page.getByRole("dialog").getByRole("button", { name: "Withdraw the application" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Withdrawn");
  await context.close();
});
