// The outbox's dead-letter list: a job that failed for good is shown to the administrator with its
// kind, key, attempts, last error and time, at 375 and 1366 px in both languages (screenshots in
// e2e/artifacts/screenshots/), and "Run again" puts it back in the queue, where it is done.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { test, expect, contextAs, ROLE_USERS } from "./fixtures";

test.describe.configure({ mode: "serial" });

const DIR = path.join(__dirname, "artifacts", "screenshots");
const DB_FILE = path.join(process.env.E2E_DATA_DIR ?? "data/e2e", "zhiji.db");

/** As the worker leaves a job after its last try (the e2e portal runs on SQLite). */
function insertFailedJob(): string {
  const id = `e2e${crypto.randomBytes(8).toString("hex")}`;
  const db = new Database(DB_FILE);
  try {
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "OutboxJob" ("id", "kind", "dedupeKey", "payload", "status", "attempts", "lastError", "createdAt", "failedAt")
       VALUES (?, 'mail', ?, ?, 'failed', 10, ?, ?, ?)`,
    ).run(id, `mail:e2e-${id}`, JSON.stringify({ to: "vendor-a@demo.zhiji", subject: "Outbox e2e", text: "Hello" }), "SMTP: connect ECONNREFUSED 127.0.0.1:25", now, now);
  } finally {
    db.close();
  }
  return id;
}

function jobStatus(id: string): string | undefined {
  const db = new Database(DB_FILE, { readonly: true });
  try {
    return (db.prepare(`SELECT "status" FROM "OutboxJob" WHERE "id" = ?`).get(id) as { status: string } | undefined)?.status;
  } finally {
    db.close();
  }
}

test("the admin sees failed jobs on the home page and the outbox list, at 375 and 1366 px, in English and Chinese", async ({ browser }) => {
  fs.mkdirSync(DIR, { recursive: true });
  const id = insertFailedJob();
  for (const [lang, locale] of [["en", "en-US"], ["zh-CN", "zh-CN"]] as const) {
    const ctx = await contextAs(browser, ROLE_USERS.admin, locale);
    const page = await ctx.newPage();
    for (const width of [1366, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/admin");
      const card = page.locator('a[href="/admin/outbox"]');
      await expect(card).toContainText(lang === "en" ? /\d+ failed/ : /\d+ 项失败/);
      await card.click();
      await expect(page).toHaveURL(/\/admin\/outbox$/);
      const row = page.getByTestId(`dead-letter-${id}`);
      await expect(row).toContainText("mail");
      await expect(row).toContainText(`mail:e2e-${id}`);
      await expect(row).toContainText("ECONNREFUSED");
      await expect(row).toContainText("10");
      await expect(row.getByRole("button", { name: lang === "en" ? `Run again: mail mail:e2e-${id}` : `重新运行：mail mail:e2e-${id}` })).toBeVisible();
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(DIR, `admin-outbox-${lang}-${width}.png`), fullPage: true });
    }
    await ctx.close();
  }
});

test("Run again puts the job back in the queue and the worker completes it", async ({ browser }) => {
  const id = insertFailedJob();
  const ctx = await contextAs(browser, ROLE_USERS.admin, "en-US");
  const page = await ctx.newPage();
  await page.goto("/admin/outbox");
  const row = page.getByTestId(`dead-letter-${id}`);
  await row.getByRole("button", { name: /Run again/ }).click();
  await expect(page.getByTestId("outbox-retried")).toHaveText("The job is queued again and runs within moments.");
  await expect(page.getByTestId(`dead-letter-${id}`)).toHaveCount(0);
  // Without SMTP_URL the portal logs the mail instead of sending it; the job is done.
  await expect.poll(() => jobStatus(id), { timeout: 15_000 }).toBe("done");
  await ctx.close();
});

test("other roles may not open the outbox list", async ({ browser }) => {
  const ctx = await contextAs(browser, ROLE_USERS.secretariat, "en-US");
  const page = await ctx.newPage();
  const res = await page.goto("/admin/outbox");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId(/^dead-letter-/)).toHaveCount(0);
  await ctx.close();
});
