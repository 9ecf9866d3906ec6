// Each role's home shows its work, for cases created through the HTTP API during the test; the
// inbox lists what awaits each user. Rows are found by case id, so other specs' cases do not matter.
import type { Browser, Locator, Page } from "@playwright/test";
import { test, expect, contextAs, apiLogin } from "./fixtures";
import { ApiSession, driveCase, USERS } from "./api-driver";

/**
 * A demo user's saved session, or a fresh sign-in when the saved one belongs to another test
 * server (e2e/.auth is shared by runs that go side by side).
 */
async function signedIn(browser: Browser, email: string, locale = "en-US") {
  const ctx = await contextAs(browser, email, locale);
  if ((await ctx.request.get("/api/v1/me")).ok()) return ctx;
  await ctx.clearCookies();
  const r = await apiLogin(ctx.request, email);
  if (!r.ok) throw new Error(`${email} could not sign in (status ${r.status})`);
  return ctx;
}

async function open(browser: Browser, email: string, path: string, locale = "en-US") {
  const ctx = await signedIn(browser, email, locale);
  const page = await ctx.newPage();
  const res = await page.goto(path);
  expect(res?.status()).toBe(200);
  return { page, close: () => ctx.close() };
}

// Rows are keyed by case id (panels by case id and round, hence the prefix match).
const row = (page: Page | Locator, table: string, caseId: string) => page.locator(`[data-testid="${table}-row"][data-key^="${caseId}"]`);

async function as<T>(browser: Browser, email: string, fn: (s: ApiSession) => Promise<T>) {
  const s = await ApiSession.open(browser, email);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

test("vendor: a draft asks to be submitted, a returned application shows the secretariat's reasons", async ({ browser }) => {
  const draft = await driveCase(browser, { until: "draft" });
  const returned = await driveCase(browser, { until: "screening" });
  await as(browser, USERS.secretariat, (s) => s.event(returned.id, "RETURN", { reasons: ["Name the cloud model you use"] }));

  const { page, close } = await open(browser, USERS.vendor, "/vendor");
  await expect(page.getByTestId("new-application")).toHaveAttribute("href", "/apply");
  const draftRow = row(page, "vendor-cases", draft.id);
  await expect(draftRow.getByTestId("next-step")).toHaveAttribute("data-step", "submit");
  await expect(draftRow.getByRole("link", { name: draft.product.name })).toHaveAttribute("href", `/cases/${draft.id}`);
  const returnedRow = row(page, "vendor-cases", returned.id);
  await expect(returnedRow.getByTestId("next-step")).toHaveAttribute("data-step", "answerReturn");
  await expect(returnedRow).toContainText("Returned — answer the secretariat and submit again");
  await expect(returnedRow).toContainText("Name the cloud model you use");
  await expect(page.getByTestId("group-draft").getByRole("heading")).toContainText("Draft");

  await page.goto("/inbox");
  await expect(row(page, "inbox-tasks", draft.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "submit");
  await expect(row(page, "inbox-tasks", returned.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "answerReturn");
  // The return is news on the inbox's updates, with its reason.
  await expect(page.getByTestId("inbox-updates")).toContainText("Name the cloud model you use");
  await close();
});

test("secretariat: screening oldest first, panels to form, and cases in testing per lab", async ({ browser }) => {
  const screening = await driveCase(browser, { until: "screening" });
  const forming = await driveCase(browser, { until: "review.forming" });
  const testing = await driveCase(browser, { until: "testing" });

  const { page, close } = await open(browser, USERS.secretariat, "/secretariat");
  await expect(row(page, "secretariat-screening", screening.id)).toContainText("Vendor A");
  await expect(row(page, "secretariat-screening", screening.id)).toContainText("under a day");
  await expect(row(page, "secretariat-forming", forming.id)).toContainText("3 experts at least");
  const lab = page.getByTestId("testing-lab").filter({ has: page.getByRole("heading", { name: /Lab One/ }) });
  await expect(row(lab, "secretariat-testing", testing.id)).toBeVisible();
  const screeningCount = page.locator('[data-testid="state-count"][data-state="screening"] dd');
  expect(Number(await screeningCount.textContent())).toBeGreaterThanOrEqual(1);

  await page.goto("/inbox");
  await expect(row(page, "inbox-tasks", screening.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "screen");
  await expect(row(page, "inbox-tasks", forming.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "assignPanel");
  await close();
});

test("lab: its testing queue shows the due date from the pilot's limit and the report's progress", async ({ browser }) => {
  const testing = await driveCase(browser, { until: "testing" });
  const { page, close } = await open(browser, USERS.lab, "/lab");
  const r = row(page, "lab-queue", testing.id);
  await expect(r).toContainText(testing.product.name);
  await expect(r.getByTestId("report-progress")).toContainText("Not started");
  // 45 days of testing in the demo pilot.
  await expect(r).toContainText("in 45 days");
  await page.goto("/inbox");
  await expect(row(page, "inbox-tasks", testing.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "report");
  await close();

  // Another lab never sees it.
  const other = await open(browser, "lab-2@demo.zhiji", "/lab");
  await expect(row(other.page, "lab-queue", testing.id)).toHaveCount(0);
  await other.close();
});

test("expert: a vote due moves to the voted panels with the expert's own vote once cast", async ({ browser }) => {
  const voting = await driveCase(browser, { until: "review.voting" });
  const { page, close } = await open(browser, USERS.experts[0], "/expert");
  const due = row(page, "expert-due", voting.id);
  await expect(due.getByRole("link", { name: `Vote on ${voting.product.name}` })).toHaveAttribute("href", `/cases/${voting.id}`);
  await page.goto("/inbox");
  await expect(row(page, "inbox-tasks", voting.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "vote");

  await as(browser, USERS.experts[0], (s) => s.event(voting.id, "VOTE", { verdict: "approve", level: "L2", rationale: "Meets L2 on every item" }));
  await page.goto("/expert");
  await expect(row(page, "expert-due", voting.id)).toHaveCount(0);
  const done = row(page, "expert-done", voting.id);
  await expect(done.getByTestId("own-vote")).toContainText("Approve · L2");
  await expect(done).toContainText("Still voting");
  await close();

  // expert-2 still has it due; expert-4, not on the panel, never sees it.
  const second = await open(browser, USERS.experts[1], "/expert");
  await expect(row(second.page, "expert-due", voting.id)).toBeVisible();
  await second.close();
  const outsider = await open(browser, "expert-4@demo.zhiji", "/expert");
  await expect(outsider.page.locator(`[data-key="${voting.id}"]`)).toHaveCount(0);
  await outsider.close();
});

test("ministry: the decision queue shows the recommendation; appeals go to the other ministry user", async ({ browser }) => {
  const decision = await driveCase(browser, { until: "decision", level: "L2" });
  const { page, close } = await open(browser, USERS.ministry, "/ministry");
  const r = row(page, "ministry-decisions", decision.id);
  await expect(r.getByTestId("recommendation")).toContainText("Approve · L2");
  await expect(r.getByTestId("recommendation")).toContainText("3 approve · 0 reject · 0 retest");
  await expect(r.getByRole("link", { name: `Decide on ${decision.product.name}` })).toBeVisible();

  await as(browser, USERS.ministry, (s) => s.event(decision.id, "DENY", { reason: "Memory evidence is insufficient" }));
  const vendor = await open(browser, USERS.vendor, "/inbox");
  await expect(row(vendor.page, "inbox-tasks", decision.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "appeal");
  await vendor.page.goto("/vendor");
  await expect(row(vendor.page, "vendor-cases", decision.id)).toContainText("Rejected — you may appeal");
  await vendor.close();
  await as(browser, USERS.vendor, (s) => s.event(decision.id, "APPEAL", { grounds: "The memory results were misread" }));

  await page.goto("/ministry");
  await expect(row(page, "ministry-appeals", decision.id).getByTestId("appeal-not-yours")).toBeVisible();
  await close();
  const other = await open(browser, "ministry-2@demo.zhiji", "/ministry");
  await expect(row(other.page, "ministry-appeals", decision.id).getByRole("link", { name: `Decide the appeal on ${decision.product.name}` })).toBeVisible();
  await other.page.goto("/inbox");
  await expect(row(other.page, "inbox-tasks", decision.id).getByTestId("task-kind")).toHaveAttribute("data-kind", "decideAppeal");
  await other.close();
});

test("certified: the vendor downloads its certificate; products and the ministry list it", async ({ browser }) => {
  const certified = await driveCase(browser, { until: "certified", level: "L2" });
  const number = certified.certificate!.number;
  const { page, close } = await open(browser, USERS.vendor, "/vendor");
  const r = row(page, "vendor-cases", certified.id);
  await expect(r.getByTestId("next-step")).toHaveAttribute("data-step", "downloadCertificate");
  const pdf = r.getByRole("link", { name: `Download certificate ${number} (PDF)` });
  const res = await page.request.get((await pdf.getAttribute("href"))!);
  expect(res.headers()["content-type"]).toContain("application/pdf");

  await page.goto("/vendor/products");
  const product = page.getByTestId("product").filter({ hasText: certified.product.model });
  await expect(product.getByTestId("certificate")).toContainText(number);
  await expect(product.getByTestId("certificate-status")).toHaveText("Valid");
  await close();

  const ministry = await open(browser, USERS.ministry, "/ministry");
  await expect(row(ministry.page, "ministry-certified", certified.id)).toContainText(number);
  await expect(ministry.page.getByTestId("ministry-recent")).toContainText(certified.product.name);
  await ministry.close();
});

test("the homes speak Chinese to a Chinese browser, with dates in Chinese", async ({ browser }) => {
  const draft = await driveCase(browser, { until: "draft" });
  const { page, close } = await open(browser, USERS.vendor, "/vendor", "zh-CN");
  await expect(page.getByTestId("new-application")).toHaveText("新建申请");
  const r = row(page, "vendor-cases", draft.id);
  await expect(r).toContainText("草稿 — 请完善申请并提交");
  await expect(r.locator("time")).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
  await page.goto("/inbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("待办");
  await close();
});

test("the inbox is not a page for an administrator, and another role's home is not found", async ({ browser }) => {
  const ctx = await signedIn(browser, "admin@demo.zhiji");
  const page = await ctx.newPage();
  expect((await page.goto("/inbox"))?.status()).toBe(404);
  expect((await page.goto("/vendor/products"))?.status()).toBe(404);
  await ctx.close();
});

test("the header's navigation, once placed, shows the role's links and the inbox count", async ({ browser }) => {
  await driveCase(browser, { until: "screening" });
  const { page, close } = await open(browser, USERS.secretariat, "/secretariat");
  const nav = page.getByTestId("nav-links");
  test.skip((await nav.count()) === 0, "NavLinks is not in the header yet (the lead places it)");
  await expect(nav.getByRole("link", { name: "Screening" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Schemes" })).toHaveAttribute("href", "/secretariat/schemes");
  await expect(nav.getByRole("link", { name: "Audit" })).toHaveAttribute("href", "/audit");
  await expect(nav.getByRole("link", { name: "New application" })).toHaveCount(0);
  const badge = nav.getByTestId("inbox-badge");
  expect(Number(await badge.getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
  await close();
});
