// Pilot management and the pilot report (docs/domain.md#pilots, #pilot-report): the secretariat
// creates a pilot scoped to one category, a ministry user approves it on the ministry's home, the
// secretariat opens it; a vendor applying into it for another category is refused by code
// (PILOT_CATEGORY_OUT_OF_SCOPE); the ministry downloads the pilot report (PDF and CSV). Screenshots
// of the pilot report section in both languages go to e2e/artifacts/screenshots.
import fs from "node:fs";
import path from "node:path";
import { test, expect, contextAs, ROLE_USERS, unique } from "./fixtures";
import { ApiSession, COMPLETE_APPLICATION } from "./api-driver";

const DIR = path.join(__dirname, "artifacts", "screenshots");

test("a pilot from draft to open; an out-of-scope application is refused; the ministry downloads the report", async ({ browser }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(DIR, { recursive: true });
  const name = `E2E glasses pilot ${unique()}`;

  // The secretariat creates the pilot (a draft). It starts before the demo pilot, so applications
  // without a chosen pilot keep going to the demo pilot (the newest open one) while this spec runs.
  const sec = await contextAs(browser, ROLE_USERS.secretariat);
  const secPage = await sec.newPage();
  await secPage.goto("/secretariat/pilots");
  await secPage.getByTestId("pilot-name").fill(name);
  await secPage.getByTestId("pilot-name-zh").fill(`端到端眼镜试点 ${name.slice(-6)}`);
  await secPage.getByTestId("pilot-scope-glasses").check();
  await secPage.getByTestId("pilot-starts").fill("2026-01-01");
  await secPage.getByTestId("pilot-create").click();
  const row = secPage.getByTestId("pilots").locator("tr", { hasText: name });
  await expect(row.getByTestId("pilot-status")).toHaveAttribute("data-status", "draft");
  const secApi = await ApiSession.open(browser, ROLE_USERS.secretariat);
  const pilots = (await (await secApi.request.get("/api/v1/pilots")).json()) as { pilots: { id: string; name: string; scope: string[] }[] };
  const pilot = pilots.pilots.find((p) => p.name === name)!;
  expect(pilot.scope).toEqual(["glasses"]);

  // A ministry user approves it on the ministry's home.
  const min = await contextAs(browser, ROLE_USERS.ministry);
  const minPage = await min.newPage();
  await minPage.goto("/ministry");
  const card = minPage.locator(`[data-testid="ministry-pilot"][data-pilot="${pilot.id}"]`);
  await card.getByTestId("pilot-approve-open").click();
  await minPage.getByTestId("pilot-approve-confirm").click();
  await expect(card).toHaveCount(0);

  // The secretariat opens it.
  await secPage.reload();
  await row.getByTestId("pilot-open-open").click();
  await secPage.getByTestId("pilot-open-confirm").click();
  await expect(row.getByTestId("pilot-status")).toHaveAttribute("data-status", "open");

  // A vendor applies into it for a phone: refused by code, naming the pilot field.
  const vendor = await ApiSession.open(browser, ROLE_USERS.vendor);
  const refused = await vendor.request.post("/api/v1/cases", {
    data: { schemeId: "phone", pilotId: pilot.id, product: { name: "Out of scope", model: `OOS-${unique()}`, softwareVersion: "1.0.0" }, claimedLevel: "L2", application: COMPLETE_APPLICATION },
  });
  expect(refused.status()).toBe(422);
  const body = (await refused.json()) as { error: { details?: { reason?: string } } };
  expect(body.error.details?.reason).toBe("PILOT_CATEGORY_OUT_OF_SCOPE");

  // The ministry downloads the pilot report of the demo pilot and of this one.
  const minApi = await ApiSession.open(browser, ROLE_USERS.ministry);
  const pdf = await minApi.request.get(`/api/v1/pilots/${pilot.id}/report?format=pdf&from=2026-01-01&to=2026-12-31`);
  expect(pdf.ok()).toBe(true);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const csv = await minApi.request.get(`/api/v1/pilots/${pilot.id}/report?format=csv`);
  expect(csv.ok()).toBe(true);
  expect(await csv.text()).toContain("cases,total,,0");

  // The pilot report section, in both languages, at desktop and phone width.
  for (const [locale, lang, width] of [["en-US", "en", 1366], ["zh-CN", "zh-CN", 375]] as const) {
    const ctx = await contextAs(browser, ROLE_USERS.ministry, locale);
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/secretariat/pilots");
    const section = page.getByTestId("pilot-report");
    await expect(section.locator(`[data-pilot="${pilot.id}"]`)).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), section.locator(`[data-pilot="${pilot.id}"]`).getByTestId("pilot-report-pdf").click()]);
    expect(download.suggestedFilename()).toMatch(/^pilot-report-.*\.pdf$/);
    await section.screenshot({ path: path.join(DIR, `pilot-report-${lang}-${width}.png`) });
    await page.screenshot({ path: path.join(DIR, `pilots-page-${lang}-${width}.png`), fullPage: true });
    await ctx.close();
  }

  // Closing: new applications are refused (leaves no open pilot behind for other specs).
  await secPage.reload();
  await row.getByTestId("pilot-close-open").click();
  await secPage.getByTestId("pilot-close-confirm").click();
  await expect(row.getByTestId("pilot-status")).toHaveAttribute("data-status", "closed");
  const closed = await vendor.request.post("/api/v1/cases", {
    data: { schemeId: "glasses", pilotId: pilot.id, product: { name: "Too late", model: `TL-${unique()}`, softwareVersion: "1.0.0" }, claimedLevel: "L2", application: COMPLETE_APPLICATION },
  });
  expect(((await closed.json()) as { error: { details?: { reason?: string } } }).error.details?.reason).toBe("PILOT_CLOSED");

  for (const s of [vendor, secApi, minApi]) await s.close();
  await sec.close();
  await min.close();
});
