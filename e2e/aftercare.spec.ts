// After-care in the browser (docs/domain.md#after-care): a MINOR change end to end. The vendor of a
// certified product reports a new software version on the case page, the secretariat classifies it
// minor on the change page (amended at once), and the ministry sees the change concluded on the
// case page with the certificate reissued as revision R1 (issued by the outbox after the commit).
// The certified case is this spec's own (driveCase through the API), so no other spec's data moves.
import fs from "node:fs";
import path from "node:path";
import { test, expect, unique } from "./fixtures";
import { contextAs } from "./fixtures";
import { driveCase, USERS } from "./api-driver";

const SHOTS = path.join(__dirname, "artifacts", "screenshots");

test("a minor software change: reported by the vendor, classified minor, the certificate reissued as R1", async ({ browser }) => {
  test.setTimeout(240_000);
  const certified = await driveCase(browser, { until: "certified", level: "L2", productName: `Aftercare ${unique()}` });
  expect(certified.certificate).not.toBeNull();
  const casePath = `/cases/${certified.id}`;
  const newVersion = `${certified.product.softwareVersion}-hotfix.${unique()}`;

  // The vendor reports the change on the case page and lands on the change case's page.
  const vendor = await contextAs(browser, USERS.vendor);
  let changeUrl: string;
  try {
    const page = await vendor.newPage();
    await page.goto(casePath);
    const card = page.getByTestId("case-changes");
    await expect(card).toBeVisible();
    await expect(card.getByTestId("case-changes-table-empty")).toBeVisible();
    const form = card.getByTestId("report-change-form");
    await expect(form.getByTestId("report-change-kind")).toHaveValue("software");
    // The version the certificate covers is filled in.
    await expect(form.getByTestId("report-change-from")).toHaveValue(certified.product.softwareVersion);
    await form.getByTestId("report-change-to").fill(newVersion);
    await form.getByTestId("report-change-description").fill("Security patch of the camera driver; no change to the models.");
    await form.getByRole("button", { name: "Report the change" }).click();
    await expect(page).toHaveURL(/\/changes\/[^/]+$/);
    const changePage = page.getByTestId("change-page");
    await expect(changePage).toHaveAttribute("data-state", "classification");
    await expect(page.getByTestId("change-from-to").first()).toContainText(newVersion);
    // The vendor may withdraw while it is classified; nothing else.
    await expect(page.getByTestId("change-form-WITHDRAW")).toBeVisible();
    await expect(page.getByTestId("change-form-CLASSIFY")).toHaveCount(0);
    changeUrl = new URL(page.url()).pathname;
  } finally {
    await vendor.close();
  }
  const changeId = changeUrl.split("/").pop()!;

  // The secretariat finds it in its queue and classifies it minor.
  const secretariat = await contextAs(browser, USERS.secretariat);
  try {
    const page = await secretariat.newPage();
    await page.goto("/secretariat/changes");
    const row = page.getByTestId("changes-classify").locator(`[data-change="${changeId}"]`);
    await expect(row).toBeVisible();
    await row.getByTestId("change-link").click();
    await expect(page).toHaveURL(new RegExp(`/changes/${changeId}$`));
    const form = page.getByTestId("change-form-CLASSIFY");
    await form.getByTestId("classify-minor").check();
    await form.getByTestId("classify-reason").fill("A driver fix that leaves every measured capability as it was.");
    await form.getByTestId("change-submit-CLASSIFY").click();
    await expect(page.getByTestId("change-page")).toHaveAttribute("data-state", "amended");
    await expect(page.getByTestId("change-state")).toHaveAttribute("title", "amended");
    await expect(page.getByTestId("change-no-actions")).toBeVisible();
    // The diagram marks where the change case is now.
    await expect(page.getByTestId("lifecycle-diagram").locator('[data-state="amended"][data-current]')).toHaveCount(1);
  } finally {
    await secretariat.close();
  }

  // The ministry sees the change concluded on the case page and the certificate reissued as R1.
  const ministry = await contextAs(browser, USERS.ministry);
  try {
    const page = await ministry.newPage();
    await page.goto(casePath);
    const row = page.getByTestId("case-changes-table").locator(`[data-change="${changeId}"]`);
    await expect(row).toHaveAttribute("data-state", "amended");
    await expect(row.getByTestId("change-outcome")).toHaveAttribute("data-outcome", "amended");
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("certificate-revision")).toHaveText(/R1/, { timeout: 1_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
    await expect(page.getByTestId("certificate-number")).toContainText(certified.certificate!.number);
    await expect(page.getByTestId("certificate-status")).toHaveText("Valid");

    // The change page at 375 px: nothing scrolls the page sideways.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(changeUrl);
    await expect(page.getByTestId("change-page")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, "change-page-375-en.png"), fullPage: true });
  } finally {
    await ministry.close();
  }
});
