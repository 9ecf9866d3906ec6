// Scheme governance end to end (docs/domain.md#scheme-governance): the secretariat proposes a draft,
// an expert and a vendor comment, the secretariat answers, the ministry approves (refused while the
// period runs), the secretariat publishes it effective today with the old version's transition; a
// vendor may still pin the old version during the transition and not after it. Time passing is
// simulated by moving the stored day back (the comment period's end, the transition's end), as the
// proficiency spec does: the portal has no clock to turn.
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { test, expect as baseExpect, contextAs, ROLE_USERS } from "./fixtures";

// Server actions re-render a whole version page: on a busy 2-core machine that takes several seconds.
const expect = baseExpect.configure({ timeout: 30_000 });

const DB_FILE = path.join(process.env.E2E_DATA_DIR ?? "data/e2e", "zhiji.db");
const beijingDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The stored end of a period moves to one second ago: the period has passed (or, with `clear`, has no end). */
function endNow(version: string, column: "commentsUntil" | "transitionUntil", clear = false) {
  const db = new Database(DB_FILE);
  try {
    if (clear) {
      const r = db.prepare(`UPDATE "SchemeVersion" SET "${column}" = NULL WHERE "schemeId" = 'earphone' AND "version" = ?`).run(version);
      expect(r.changes).toBe(1);
      return;
    }
    const past = new Date(Date.now() - 1000);
    // Prisma's SQLite adapter stores DateTime as milliseconds or ISO text: keep the form it used.
    const row = db.prepare(`SELECT "${column}" AS v FROM "SchemeVersion" WHERE "schemeId" = 'earphone' AND "version" = ?`).get(version) as { v: unknown };
    const value = typeof row.v === "number" ? past.getTime() : past.toISOString();
    const r = db.prepare(`UPDATE "SchemeVersion" SET "${column}" = ? WHERE "schemeId" = 'earphone' AND "version" = ?`).run(value, version);
    expect(r.changes).toBe(1);
  } finally {
    db.close();
  }
}

/** The inbox's governance task of this kind for this version: its row, to check or to follow. */
function schemeTask(page: Page, kind: string, version: string) {
  return page.getByTestId("inbox-scheme-tasks").locator(`tr[data-key="${kind}:earphone:${version}"]`);
}

test("propose → comment → answer → approve → publish, and the old version only until its transition ends", async ({ browser }) => {
  test.setTimeout(300_000);
  const version = `2026.${100 + Math.floor(Math.random() * 9000)}`;
  const at = `/schemes/earphone/${version}`;

  // The secretariat drafts and proposes it for comment.
  const sec = await contextAs(browser, ROLE_USERS.secretariat);
  const sp = await sec.newPage();
  await sp.goto("/secretariat/schemes/earphone/2026.1");
  await sp.getByLabel("New version (e.g. 2026.2)").fill(version);
  await sp.getByRole("button", { name: "New draft from 2026.1" }).click();
  await expect(sp).toHaveURL(new RegExp(`/secretariat/schemes/earphone/${version.replace(".", "\\.")}$`));
  const propose = sp.getByTestId("propose-form");
  await propose.getByLabel("Comments until").fill(beijingDay(7));
  await propose.getByRole("button", { name: "Propose for comment" }).click();
  await expect(sp.getByTestId("scheme-status").first()).toHaveText("proposed for comment");
  await expect(sp.getByTestId("draft-editor")).toHaveCount(0);

  // An expert comments on one item, a vendor on the whole scheme.
  const comments: [string, string, string | null][] = [
    [ROLE_USERS.expert, "The quiet-room CER threshold needs the test set's size.", "asr_cer_quiet"],
    [ROLE_USERS.vendor, "Please allow six months of transition.", null],
  ];
  for (const [who, text, target] of comments) {
    const ctx = await contextAs(browser, who);
    const page = await ctx.newPage();
    // The inbox names the version open for comment and leads to its page.
    await page.goto("/inbox");
    await schemeTask(page, "commentOnScheme", version).getByTestId("scheme-task-open").click();
    await expect(page).toHaveURL(new RegExp(`${at.replace(".", "\\.")}$`));
    const form = page.getByTestId("comment-form");
    if (target) await form.getByLabel("About").selectOption(target);
    await form.getByLabel(/^Comment/).fill(text);
    await form.getByRole("button", { name: "Send comment" }).click();
    await expect(page.getByTestId("comment-ok")).toBeVisible();
    await expect(page.getByTestId("comments")).toContainText(text);
    await ctx.close();
  }

  // The ministry may not approve while the period runs.
  const min = await contextAs(browser, ROLE_USERS.ministry);
  const mp = await min.newPage();
  await mp.goto(at);
  await mp.getByRole("button", { name: `Approve ${version}` }).click();
  await expect(mp.getByTestId("approve-error")).toContainText("The comment period runs until");

  // The period passes; still, every comment needs its answer first.
  endNow(version, "commentsUntil");
  await mp.getByRole("button", { name: `Approve ${version}` }).click();
  await expect(mp.getByTestId("approve-error")).toContainText("2 comment(s) have no answer yet");

  // The secretariat answers both: its inbox says so, and nothing is yet for the ministry to approve.
  await sp.goto("/inbox");
  await expect(schemeTask(sp, "answerComments", version)).toContainText("2 comments to answer");
  await mp.goto("/inbox");
  await expect(schemeTask(mp, "approveScheme", version)).toHaveCount(0);
  await sp.goto(`/secretariat/schemes/earphone/${version}`);
  const answerForms = sp.locator('[data-testid^="answer-form-"]');
  await expect(answerForms).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const form = answerForms.first();
    await form.getByLabel(/^Answer/).fill(`Answer ${i + 1}: taken into account.`);
    await form.getByRole("button", { name: "Send answer" }).click();
    await expect(answerForms).toHaveCount(1 - i);
  }
  await expect(sp.locator('[data-answered="true"]')).toHaveCount(2);

  // Now the ministry's inbox has it to approve, and leads to the version page.
  await mp.goto("/inbox");
  await schemeTask(mp, "approveScheme", version).getByTestId("scheme-task-open").click();
  await mp.getByRole("button", { name: `Approve ${version}` }).click();
  await expect(mp.getByTestId("scheme-status").first()).toHaveText("approved");
  await min.close();

  // The secretariat publishes it, effective today; 2026.1 may still be chosen for a week.
  await sp.goto("/inbox");
  await schemeTask(sp, "publishScheme", version).getByTestId("scheme-task-open").click();
  await expect(sp).toHaveURL(new RegExp(`/secretariat/schemes/earphone/${version.replace(".", "\\.")}$`));
  const publish = sp.getByTestId("publish-form");
  await expect(publish.getByLabel("In force from")).toHaveValue(beijingDay());
  await publish.getByRole("button", { name: `Publish ${version}` }).click();
  await expect(sp.getByTestId("error-transitionUntil")).toBeVisible();
  await publish.getByLabel("Applications may still choose 2026.1 until").fill(beijingDay(7));
  await publish.getByRole("button", { name: `Publish ${version}` }).click();
  await expect(sp.getByTestId("scheme-status").first()).toHaveText("published");
  await expect(sp.getByTestId("in-force")).toHaveText("yes");
  await sec.close();

  // Public: signed out, the list and the new version with its comparison.
  const anon = await browser.newContext();
  const ap = await anon.newPage();
  await ap.goto("/schemes");
  await expect(ap.getByTestId("default-earphone")).toHaveText(version);
  await ap.goto(at);
  await expect(ap.getByTestId("public-compare")).toBeVisible();
  await expect(ap.getByTestId("comment-form")).toHaveCount(0);
  await anon.close();

  // During the transition a vendor may still pin 2026.1, in the wizard and the API.
  const ven = await contextAs(browser, ROLE_USERS.vendor);
  const vp = await ven.newPage();
  const offered = async () => {
    await vp.goto("/apply");
    await vp.getByRole("radio", { name: /AI earphones/ }).check();
    await vp.getByRole("button", { name: "Next" }).click();
    await expect(vp.getByTestId("apply-step-scheme")).toBeVisible();
    await expect(vp.getByRole("radio", { name: new RegExp(`AI earphones ${version.replace(".", "\\.")}`) })).toBeVisible();
    return vp.getByRole("radio", { name: /AI earphones 2026\.1\b/ }).count();
  };
  expect(await offered()).toBe(1);
  const application = { schemeId: "earphone", schemeVersion: "2026.1", product: { name: "Transition buds", model: "TB-1", softwareVersion: "1.0" }, claimedLevel: "L1" };
  expect((await vp.request.post("/api/v1/cases", { data: application })).status()).toBe(201);

  // After the transition's last day 2026.1 is no longer offered, and the API refuses it by its code.
  endNow("2026.1", "transitionUntil");
  expect(await offered()).toBe(0);
  const refused = await vp.request.post("/api/v1/cases", { data: application });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.details.reason).toBe("SCHEME_VERSION_NOT_IN_FORCE");
  await ven.close();
});

test("the public scheme pages: signed out, in Chinese, at 375 px, linked from the home page", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 375, height: 800 } });
  const page = await ctx.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "查看分级方案" }).click();
  await expect(page).toHaveURL(/\/schemes$/);
  await expect(page.getByRole("heading", { name: "分级方案" })).toBeVisible();
  await page.getByTestId("version-phone-2026.1").getByRole("link", { name: "2026.1" }).click();
  await expect(page.getByRole("heading", { name: /智能手机/ })).toBeVisible();
  await expect(page.getByTestId("levels")).toContainText("L1");
  await expect(page.getByTestId("item-asr_cer_quiet").locator('[data-level="L1"]')).toContainText("≤ 10");
  // Tables scroll inside their card; the page itself does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await ctx.close();
});

test("the secretariat sets the end of a proposal that has none, then extends it; bad days are refused by their codes", async ({ browser }) => {
  test.setTimeout(240_000);
  const version = `2026.${100 + Math.floor(Math.random() * 9000)}`;
  const page375 = { width: 375, height: 800 };
  const sec = await contextAs(browser, ROLE_USERS.secretariat);
  const sp = await sec.newPage();
  await sp.goto("/secretariat/schemes/earphone/2026.1");
  await sp.getByLabel("New version (e.g. 2026.2)").fill(version);
  await sp.getByRole("button", { name: "New draft from 2026.1" }).click();
  await expect(sp).toHaveURL(new RegExp(`/secretariat/schemes/earphone/${version.replace(".", "\\.")}$`));
  await sp.getByTestId("propose-form").getByLabel("Comments until").fill(beijingDay(5));
  await sp.getByTestId("propose-form").getByRole("button", { name: "Propose for comment" }).click();
  await expect(sp.getByTestId("scheme-status").first()).toHaveText("proposed for comment");

  // A proposal made outside the propose step has no end: the inbox asks the secretariat to set one.
  endNow(version, "commentsUntil", true);
  await sp.goto("/inbox");
  await schemeTask(sp, "setCommentPeriod", version).getByTestId("scheme-task-open").click();
  const form = sp.getByTestId("comment-period-form");
  await expect(form.getByRole("heading", { name: "Set the end of the comment period" })).toBeVisible();
  await expect(sp.getByTestId("date-commentsUntil")).toHaveText("—");
  // A day before the proposal (made today) is refused by its code, on the field.
  await form.getByLabel("Comments until").fill(beijingDay(-1));
  await form.getByRole("button", { name: "Set the end" }).click();
  await expect(sp.getByTestId("error-commentsUntil")).toContainText("cannot end before the version was proposed");
  await form.getByLabel("Comments until").fill(beijingDay(3));
  await form.getByRole("button", { name: "Set the end" }).click();
  await expect(sp.getByTestId("comment-period-ok")).toBeVisible();
  await expect(sp.getByTestId("date-commentsUntil")).not.toHaveText("—");

  // Extending: never to an earlier or the same day.
  const extend = sp.getByTestId("comment-period-form");
  await expect(extend.getByRole("heading", { name: "Extend the comment period" })).toBeVisible();
  await extend.getByLabel("Comments until").fill(beijingDay(2));
  await extend.getByRole("button", { name: "Extend" }).click();
  await expect(sp.getByTestId("error-commentsUntil")).toContainText("it may only be extended to a later day");
  await extend.getByLabel("Comments until").fill(beijingDay(10));
  await extend.getByRole("button", { name: "Extend" }).click();
  await expect(sp.getByTestId("comment-period-ok")).toBeVisible();
  await sec.close();

  // The API step: the same rule, by its code.
  const api = await contextAs(browser, ROLE_USERS.secretariat);
  const res = await api.request.post(`/api/v1/schemes/earphone/${version}/comment-period`, { data: { commentsUntil: beijingDay(4) } });
  expect(res.status()).toBe(422);
  expect((await res.json()).error.fields.commentsUntil.reason).toBe("SCHEME_COMMENTS_UNTIL_NOT_LATER");
  await api.close();

  // In Chinese at 375 px: the lab's inbox task and the secretariat's form fit the screen.
  for (const [who, url, testId] of [
    [ROLE_USERS.lab, "/inbox", "inbox-scheme-tasks-card"],
    [ROLE_USERS.secretariat, `/secretariat/schemes/earphone/${version}`, "comment-period-form"],
  ] as const) {
    const ctx = await contextAs(browser, who, "zh-CN");
    const page = await ctx.newPage();
    await page.setViewportSize(page375);
    await page.goto(url);
    await expect(page.getByTestId(testId)).toBeVisible();
    if (testId === "inbox-scheme-tasks-card") await expect(schemeTask(page, "commentOnScheme", version)).toContainText("征求意见中");
    else await expect(page.getByTestId(testId)).toContainText("延长征求意见期");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await ctx.close();
  }
});
