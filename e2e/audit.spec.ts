// The ministry's audit of a pilot, end to end: the dashboard's charts, the audit trail with the
// chain's verification and a signed checkpoint, findings recorded, answered and closed, and the
// audit area being invisible to everyone else.
import { test, expect, contextAs, ROLE_USERS } from "./fixtures";
import { driveCase, ApiSession, type DrivenCase } from "./api-driver";

test.describe.configure({ mode: "serial" });

let certified: DrivenCase;
let testing: DrivenCase;
const findingText = `Lab evidence list incomplete — e2e ${Date.now().toString(36)}`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  certified = await driveCase(browser, { until: "certified", level: "L2" });
  testing = await driveCase(browser, { until: "testing" });
});

test("the ministry sees the pilot dashboard with its charts, the same figures as the stats API", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.ministry);
  const page = await ctx.newPage();
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Pilot audit" })).toBeVisible();
  for (const chart of ["chart-states", "chart-stages", "chart-levels", "chart-elements", "chart-labs"]) {
    await expect(page.getByTestId(chart).locator("svg.recharts-surface").first()).toBeVisible();
  }
  await expect(page.getByTestId("state-counts").locator('li[data-state="certified"]')).toBeVisible();
  await expect(page.getByTestId("state-counts").locator('li[data-state="testing"]')).toBeVisible();
  await expect(page.getByTestId("stage-times").locator('[data-stage="screening"]')).toBeVisible();

  const pilots = (await (await ctx.request.get("/api/v1/pilots")).json()).pilots as { id: string; status: string }[];
  const pilot = pilots.find((p) => p.status === "open") ?? pilots[0];
  const stats = await (await ctx.request.get(`/api/v1/pilots/${pilot.id}/stats`)).json();
  expect(stats.totalCases).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("kpi-cases").locator("dd")).toHaveText(new Intl.NumberFormat("en").format(stats.totalCases));
  expect(stats.levels.byCategory.find((c: { category: string }) => c.category === "phone").L2).toBeGreaterThanOrEqual(1);

  // Filtering by a category with no cases empties the figures.
  await page.getByTestId("dashboard-filter").getByLabel("Category").selectOption("earphone");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/category=earphone/);
  await expect(page.getByTestId("kpi-cases").locator("dd")).toHaveText("0");
  await ctx.close();
});

test("the ministry explores the audit trail, verifies the chain, signs a checkpoint and exports", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.ministry);
  const page = await ctx.newPage();
  await page.goto("/audit/events");
  await page.getByLabel("Case id").fill(certified.id);
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`caseId=${certified.id}`));
  const rows = page.getByTestId("event-row");
  await expect(rows.first()).toBeVisible();
  for (const type of ["CASE_CREATED", "SUBMIT", "ACCEPT", "SUBMIT_REPORT", "VOTE", "AWARD"]) {
    await expect(page.locator(`[data-testid="event-row"][data-type="${type}"]`).first()).toBeVisible();
  }

  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByTestId("chain-result")).toContainText(/The chain is intact: \d+ events, head [0-9a-f]{64}\./);

  await page.getByRole("button", { name: "Sign a checkpoint now" }).click();
  await expect(page.getByTestId("checkpoint-result")).toContainText(/Checkpoint signed at event \d+\./);
  const seq = (await page.getByTestId("checkpoint-result").innerText()).match(/event (\d+)/)![1];
  const row = page.locator(`[data-testid="checkpoint"][data-seq="${seq}"]`).first();
  await expect(row).toContainText("valid");
  await expect(row).toContainText("matches");

  const exportHref = await page.getByTestId("export-events-csv").getAttribute("href");
  expect(exportHref).toContain(`caseId=${certified.id}`);
  const csv = await ctx.request.get(exportHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="zhiji-audit-events-.*\.csv"/);
  // UTF-8 with a byte order mark first, so spreadsheets read Chinese (trim() below drops the mark).
  expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("seq,caseId,actorId,actorRole,type,payload,at,prevHash,hash,redacted");
  expect(lines.length - 1).toBe(await rows.count());
  await ctx.close();
});

test("findings: the ministry records one, the secretariat answers, the ministry closes it", async ({ browser }) => {
  const ministry = await contextAs(browser, ROLE_USERS.ministry);
  const m = await ministry.newPage();
  await m.goto("/audit/findings");
  const form = m.getByTestId("findings-record");
  await form.getByLabel("Case id").fill(testing.id);
  await form.getByLabel("Severity").selectOption("high");
  await form.getByLabel("Finding").fill(findingText);
  await form.getByRole("button", { name: "Record a finding" }).click();
  await expect(form.getByTestId("record-finding-outcome")).toHaveText("Finding recorded.");
  const mine = m.getByTestId("finding").filter({ hasText: findingText });
  await expect(mine.getByTestId("finding-status")).toHaveText("Open");
  await expect(mine).toContainText("Can be closed once the secretariat answers.");
  await expect(mine.getByRole("button", { name: "Close the finding" })).toHaveCount(0);

  // Closing before an answer is refused by the server too, with a clear message.
  const findingId = await mine.getAttribute("data-finding-id");
  const early = await ministry.request.post(`/api/v1/findings/${findingId}/close`);
  expect(early.status()).toBe(409);
  expect((await early.json()).error.message).toContain("not been answered");

  const secretariat = await contextAs(browser, ROLE_USERS.secretariat);
  const s = await secretariat.newPage();
  await s.goto("/audit/findings");
  const theirs = s.getByTestId("finding").filter({ hasText: findingText });
  await theirs.getByLabel("Answer").fill("The lab has been asked to upload the missing logs.");
  await theirs.getByRole("button", { name: "Send the answer" }).click();
  await expect(theirs.getByTestId("finding-status")).toHaveText("Answered");
  await expect(theirs.getByTestId("finding-answer")).toHaveText("The lab has been asked to upload the missing logs.");
  await expect(theirs.getByRole("button", { name: "Close the finding" })).toHaveCount(0);
  await secretariat.close();

  await m.reload();
  await expect(mine.getByTestId("finding-status")).toHaveText("Answered");
  await mine.getByRole("button", { name: "Close the finding" }).click();
  await expect(m.getByTestId("finding").filter({ hasText: findingText })).toHaveCount(0);
  await m.getByTestId("findings-status-closed").click();
  await expect(m.getByTestId("finding").filter({ hasText: findingText }).getByTestId("finding-status")).toHaveText("Closed");

  // Each step is in the audit trail of the case.
  await m.goto(`/audit/events?caseId=${testing.id}`);
  for (const type of ["FINDING_RECORDED", "FINDING_ANSWERED", "FINDING_CLOSED"]) {
    await expect(m.locator(`[data-testid="event-row"][data-type="${type}"]`)).toHaveCount(1);
  }
  await ministry.close();
});

test("the secretariat sets a pilot's stage limits; the ministry may read but not set them", async ({ browser }) => {
  const secretariat = await ApiSession.open(browser, ROLE_USERS.secretariat);
  const pilots = (await (await secretariat.request.get("/api/v1/pilots")).json()).pilots as { id: string; status: string; stageLimits: Record<string, number> }[];
  const pilot = pilots.find((p) => p.status === "open") ?? pilots[0];
  const page = await secretariat.ctx.newPage();
  try {
    await page.goto(`/audit?pilot=${pilot.id}`);
    const form = page.getByTestId("stage-limits-form");
    // The server refuses what the browser's own checks would let through (the form sends 0 here).
    await form.getByLabel("Testing").evaluate((el: HTMLInputElement) => el.removeAttribute("min"));
    await form.getByLabel("Testing").fill("0");
    await form.getByRole("button", { name: "Save limits" }).click();
    await expect(form.getByTestId("error-limit-testing")).toHaveText("At least 1 day");
    await form.getByLabel("Testing").fill("44");
    await form.getByRole("button", { name: "Save limits" }).click();
    await expect(form.getByTestId("stage-limits-outcome")).toHaveText("Limits saved.");
    await expect(page.getByTestId("stage-times").locator('[data-stage="testing"] td').last()).toHaveText("44");
    const ministry = await ApiSession.open(browser, ROLE_USERS.ministry);
    expect((await ministry.request.put(`/api/v1/pilots/${pilot.id}/stage-limits`, { data: { testing: 1 } })).status()).toBe(403);
    await ministry.close();
  } finally {
    // Other specs share this server's demo pilot: put its limits back.
    await secretariat.request.put(`/api/v1/pilots/${pilot.id}/stage-limits`, { data: pilot.stageLimits });
    await secretariat.close();
  }
});

test("a vendor and a lab get 404 on the audit pages and 403 from the audit API", async ({ browser }) => {
  for (const email of [ROLE_USERS.vendor, ROLE_USERS.lab]) {
    const ctx = await contextAs(browser, email);
    const page = await ctx.newPage();
    for (const path of ["/audit", "/audit/events", "/audit/findings"]) {
      const res = await page.goto(path);
      expect(res?.status(), `${email} ${path}`).toBe(404);
    }
    for (const path of ["/api/v1/audit/export?what=events&format=csv", "/api/v1/audit/events", "/api/v1/audit/checkpoints", "/api/v1/findings"]) {
      const res = await ctx.request.get(path);
      expect(res.status(), `${email} ${path}`).toBe(403);
    }
    await ctx.close();
  }
});
