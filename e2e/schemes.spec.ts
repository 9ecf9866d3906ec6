import AxeBuilder from "@axe-core/playwright";
import { test, expect, contextAs, ROLE_USERS } from "./fixtures";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("the secretariat drafts a new phone version, fixes a contradicting threshold, compares, checks impact and proposes it for comment", async ({ browser }) => {
  // Drafting, editing, comparing, the impact and proposing: several server round trips on a busy machine.
  test.setTimeout(150_000);
  const version = `2026.${1000 + Math.floor(Math.random() * 9000)}`;
  const ctx = await contextAs(browser, ROLE_USERS.secretariat);
  const page = await ctx.newPage();

  await page.goto("/secretariat/schemes");
  await page.getByTestId("version-phone-2026.1").getByRole("link", { name: "2026.1" }).click();
  await expect(page.getByTestId("pilot-values")).toContainText("Pilot values");
  await page.getByLabel("New version (e.g. 2026.2)").fill(version);
  await page.getByRole("button", { name: "New draft from 2026.1" }).click();
  await expect(page).toHaveURL(new RegExp(`/secretariat/schemes/phone/${escape(version)}$`));
  await expect(page.getByTestId("scheme-status")).toHaveText("draft");

  // A draft is invisible to everyone but the secretariat.
  const vendor = await contextAs(browser, ROLE_USERS.vendor);
  expect((await vendor.request.get(`/api/v1/schemes/phone/${version}`)).status()).toBe(404);
  expect((await (await vendor.newPage()).goto(`/schemes/phone/${version}`))?.status()).toBe(404);
  await vendor.close();

  // Speech recognition CER (quiet): lower is better, L1 is 10, so L2 = 12 contradicts the order.
  const asr = page.getByRole("form", { name: /Speech recognition CER, quiet/ });
  await asr.getByLabel("L2 threshold").fill("12");
  await asr.getByRole("button", { name: "Save item" }).click();
  await expect(asr.getByTestId("error-L2")).toHaveText(
    "Lower is better, so the L2 threshold (12) may not be above the L1 threshold (10).",
  );
  await expect(asr.getByLabel("L2 threshold")).toHaveAttribute("aria-invalid", "true");
  await expect(asr.getByLabel("L2 threshold")).toHaveValue("12");
  await asr.getByLabel("L2 threshold").fill("5");
  await asr.getByRole("button", { name: "Save item" }).click();
  await expect(asr.getByText("Saved.")).toBeVisible();
  await expect(asr.getByTestId("error-L2")).toHaveCount(0);

  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.filter((v) => v.impact === "critical" || v.impact === "serious")).toEqual([]);

  await page.getByRole("link", { name: "Compare", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Smartphone: 2026.1 compared with ${version}` })).toBeVisible();
  const changed = page.getByTestId("compare-asr_cer_quiet").locator('[data-direction="stricter"]');
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("6 → 5");
  await expect(changed).toContainText("stricter");
  await expect(page.getByTestId("compare-intent_accuracy").locator("[data-direction]")).toHaveCount(0);

  await page.getByRole("link", { name: "Impact", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Impact of Smartphone ${version}` })).toBeVisible();
  await expect(page.getByTestId("total-cases")).toHaveText(/^\d+$/);

  // No direct publishing: the draft is proposed for comment (docs/domain.md#scheme-governance) and frozen.
  await page.getByRole("link", { name: "Edit draft" }).click();
  const propose = page.getByTestId("propose-form");
  await propose.getByLabel("Comments until").fill(new Date(Date.now() + 8 * 3_600_000 + 14 * 86_400_000).toISOString().slice(0, 10));
  await propose.getByRole("button", { name: "Propose for comment" }).click();
  await expect(page.getByTestId("scheme-status").first()).toHaveText("proposed for comment");
  await expect(page.getByTestId("draft-editor")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save item" })).toHaveCount(0);
  await expect(page.getByTestId("item-asr_cer_quiet").locator('[data-level="L2"]')).toContainText("5");

  await page.goto("/secretariat/schemes");
  await expect(page.getByTestId(`version-phone-${version}`).getByTestId("scheme-status")).toHaveText("proposed for comment");

  const res = await page.request.get(`/api/v1/schemes/phone/${version}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ id: "phone", version, category: "phone", status: "proposed", basedOn: "2026.1", publishedAt: null, inForce: false });
  expect(body.elements[0].items[0]).toMatchObject({ key: "asr_cer_quiet", thresholds: { L1: 10, L2: 5, L3: 4 } });
  await ctx.close();
});

test("every role reads published schemes, read-only; a vendor has no scheme management", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.vendor);
  const page = await ctx.newPage();
  expect((await page.goto("/secretariat/schemes"))?.status()).toBe(404);
  expect((await page.goto("/secretariat/schemes/phone/2026.1"))?.status()).toBe(404);

  await page.goto("/schemes/phone/2026.1");
  await expect(page.getByRole("heading", { name: /Smartphone\s+2026\.1/ })).toBeVisible();
  await expect(page.getByTestId("pilot-values")).toBeVisible();
  await expect(page.getByTestId("item-asr_cer_quiet").locator('[data-level="L1"]')).toContainText("≤ 10");
  await expect(page.getByTestId("item-asr_cer_quiet").locator('[data-level="L4"]')).toHaveText("reserved");
  await expect(page.getByRole("button", { name: "Save item" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Manage this scheme" })).toHaveCount(0);

  const list = await page.request.get("/api/v1/schemes");
  expect(list.status()).toBe(200);
  const { schemes } = (await list.json()) as { schemes: { schemeId: string; versions: { status: string }[] }[] };
  expect(schemes.map((s) => s.schemeId)).toEqual(expect.arrayContaining(["phone", "pc", "tv", "glasses", "car", "speaker", "earphone"]));
  // Drafts are the secretariat's; versions proposed for comment are open to every signed-in role.
  expect(schemes.flatMap((s) => s.versions).every((v) => v.status !== "draft")).toBe(true);
  await ctx.close();

  const zh = await contextAs(browser, ROLE_USERS.lab, "zh-CN");
  const zhPage = await zh.newPage();
  await zhPage.goto("/schemes/phone/2026.1");
  await expect(zhPage.getByRole("heading", { name: /智能手机/ })).toBeVisible();
  await expect(zhPage.getByTestId("pilot-values")).toContainText("试点值");
  await zh.close();
});

test("the schemes API answers anonymous callers with 401 in the API's error format", async ({ request }) => {
  for (const path of ["/api/v1/schemes", "/api/v1/schemes/phone/2026.1"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  }
});
