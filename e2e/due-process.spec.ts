// Due process in the browser (docs/domain.md#due-process): a product that meets no level ends in a
// signed denial letter, the vendor appeals, another minister upholds, a new panel (none of the first)
// reviews a retest and the level is awarded; and a certified product complained about by an
// anonymous visitor is suspended with a deadline, corrected with the vendor's evidence, reinstated.
// Setup steps that are not the subject go through the API; the decisions are taken on the pages.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, apiLogin, unique } from "./fixtures";
import { driveCase, sampleEnvelope } from "./api-driver";

type Item = { key: string; unit: string; better: "higher" | "lower"; thresholds: Record<string, number> };
type SchemeJson = { elements: { items: Item[] }[] };
const phone = () => JSON.parse(fs.readFileSync(path.join(__dirname, "../lib/grading/schemes/phone.json"), "utf8")) as SchemeJson;

/** CSV results for the phone scheme meeting every threshold up to L1 exactly; `failOne` misses one L1 threshold. */
function phoneCsv(failOne: boolean): string {
  let failed = false;
  const rows = phone().elements.flatMap((e) =>
    e.items.map((i) => {
      const l1 = i.thresholds.L1;
      let value: number;
      if (l1 === undefined) {
        const next = i.thresholds.L2 ?? i.thresholds.L3;
        value = next === undefined ? 0 : i.better === "higher" ? Math.max(0, next - 1) : next + 1;
      } else if (failOne && !failed) {
        failed = true;
        const step = Math.max(1, Math.abs(l1) * 0.1);
        value = i.better === "higher" ? l1 - step : l1 + step;
      } else value = l1;
      return `${i.key},${value},${i.unit}`;
    }),
  );
  return ["item,value,unit", ...rows].join("\n") + "\n";
}

async function as(browser: Browser, email: string, locale = "en-US") {
  const context = await browser.newContext({ locale });
  const signedIn = await apiLogin(context.request, email);
  if (!signedIn.ok) throw new Error(`${email} could not sign in (status ${signedIn.status})`);
  return { context, page: await context.newPage(), request: context.request };
}

async function sendApi(request: APIRequestContext, id: string, type: string, payload: Record<string, unknown> = {}, expected = 200) {
  const current = await (await request.get(`/api/v1/cases/${id}`)).json();
  const res = await request.post(`/api/v1/cases/${id}/events`, { data: { type, expectedVersion: current.version, ...payload } });
  expect(res.status(), `${type}: ${await res.text()}`).toBe(expected);
  return res.json();
}

const meId = async (request: APIRequestContext) => (await (await request.get("/api/v1/me")).json()).id as string;
const state = (page: Page) => page.getByTestId("state-badge");
const form = (page: Page, type: string) => page.getByTestId(`event-form-${type}`);
async function openCase(page: Page, id: string) {
  await page.goto(`/cases/${id}`);
  await expect(page.getByTestId("case-page")).toBeVisible();
}

test("a product that meets no level: denial letter, appeal, upheld by another minister, a new panel, a retest, the award", async ({ browser }) => {
  test.setTimeout(240_000);
  const vendor = await as(browser, "vendor-a@demo.zhiji");
  const secretariat = await as(browser, "secretariat@demo.zhiji");
  const lab = await as(browser, "lab-1@demo.zhiji");
  const first = await Promise.all(["expert-1", "expert-2", "expert-3"].map((e) => as(browser, `${e}@demo.zhiji`)));
  const second = await Promise.all(["expert-4", "expert-6", "expert-7"].map((e) => as(browser, `${e}@demo.zhiji`)));
  const ministry1 = await as(browser, "ministry-1@demo.zhiji");
  const ministry2 = await as(browser, "ministry-2@demo.zhiji");
  try {
    const created = await vendor.request.post("/api/v1/cases", {
      data: {
        schemeId: "phone",
        schemeVersion: "2026.1",
        product: { name: `Due process ${unique()}`, model: "DP-1", softwareVersion: "1.0" },
        claimedLevel: "L1",
        application: { onDeviceModel: "none", cloudModel: "none", declarations: { accurate: true, samplesAvailable: true, acceptsRules: true } },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const id = (await created.json()).id as string;
    await sendApi(vendor.request, id, "SUBMIT");
    const labOrg = (await (await lab.request.get("/api/v1/me")).json()).organization.id;
    await sendApi(secretariat.request, id, "ACCEPT", { labId: labOrg });

    // The lab's complete report meets no level, and is submitted like any other.
    const put = await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: phoneCsv(true), headers: { "content-type": "text/csv" } });
    expect(put.status(), await put.text()).toBe(200);
    expect((await put.json()).level).toBeNull();
    // The envelope beside the CSV (docs/domain.md#lab-evidence).
    expect((await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: sampleEnvelope("1.0") })).status()).toBe(200);
    await sendApi(lab.request, id, "SUBMIT_REPORT");
    const v = vendor.page;
    await openCase(v, id);
    await expect(state(v)).toHaveText("Forming panel");
    await expect(v.getByTestId("case-lab-level")).toContainText("not even L1");

    // The panel may only reject or retest: an approval is refused with its reason.
    const firstIds = await Promise.all(first.map((e) => meId(e.request)));
    await sendApi(secretariat.request, id, "ASSIGN_PANEL", { expertIds: firstIds });
    const approve = await sendApi(first[0].request, id, "VOTE", { verdict: "approve", level: "L1", rationale: "close" }, 422);
    expect(approve.error.reason).toBe("NO_LEVEL_MET");
    for (const e of first) await sendApi(e.request, id, "VOTE", { verdict: "reject", rationale: "Misses the L1 threshold" });

    // Ministry-1 denies on the page; the decision letter is issued and downloadable.
    const m1 = ministry1.page;
    await openCase(m1, id);
    await expect(form(m1, "AWARD")).toHaveCount(0);
    await form(m1, "DENY").getByLabel("Reason").fill("Does not meet L1: wake-word accuracy below threshold");
    await form(m1, "DENY").getByRole("button", { name: "Deny" }).click();
    await m1.getByRole("dialog").getByRole("button", { name: "Deny" }).click();
    await expect(state(m1)).toHaveText("Rejected");

    await expect(async () => {
      await v.reload();
      await expect(v.getByTestId("decision-letter-download")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(v.getByTestId("decision-letter-blocker").first()).toBeVisible();
    const letter = await vendor.request.get(`/api/v1/cases/${id}/decision-letter`);
    expect(letter.status()).toBe(200);
    expect(letter.headers()["content-type"]).toContain("application/pdf");
    expect((await letter.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expect(v.getByTestId("due-process-appeal-window")).toContainText("may be appealed until");

    // The vendor appeals; ministry-1 (who denied) is not offered the decision; ministry-2 upholds.
    await form(v, "APPEAL").getByLabel("Grounds for the appeal").fill("The wake-word test used the wrong noise corpus");
    await form(v, "APPEAL").getByRole("button", { name: "Lodge the appeal" }).click();
    await expect(state(v)).toHaveText("Appeal");
    await expect(v.getByTestId("due-process-grounds")).toContainText("wrong noise corpus");
    await m1.reload();
    await expect(form(m1, "UPHOLD_APPEAL")).toHaveCount(0);
    const m2 = ministry2.page;
    await openCase(m2, id);
    await form(m2, "UPHOLD_APPEAL").getByLabel("Reason").fill("The corpus was wrong: a new review is needed");
    await form(m2, "UPHOLD_APPEAL").getByRole("button", { name: "Uphold the appeal" }).click();
    await expect(state(m2)).toHaveText("Forming panel");

    // None of the first panel may sit again; a fresh panel asks for a retest, the lab re-measures.
    const again = await sendApi(secretariat.request, id, "ASSIGN_PANEL", { expertIds: [firstIds[0], ...(await Promise.all(second.slice(1).map((e) => meId(e.request))))] }, 422);
    expect(again.error.reason).toBe("EXPERT_ON_APPEALED_PANEL");
    const secondIds = await Promise.all(second.map((e) => meId(e.request)));
    await sendApi(secretariat.request, id, "ASSIGN_PANEL", { expertIds: secondIds });
    for (const e of second) await sendApi(e.request, id, "VOTE", { verdict: "retest", rationale: "Re-measure with the published corpus" });
    const retest = await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: phoneCsv(false), headers: { "content-type": "text/csv" } });
    expect((await retest.json()).level).toBe("L1");
    expect((await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: sampleEnvelope("1.0") })).status()).toBe(200);
    await sendApi(lab.request, id, "SUBMIT_REPORT");
    await sendApi(secretariat.request, id, "ASSIGN_PANEL", { expertIds: secondIds });
    for (const e of second) await sendApi(e.request, id, "VOTE", { verdict: "approve", level: "L1", rationale: "Meets L1 on the published corpus" });

    // Ministry-2 awards on the page.
    await m2.reload();
    await expect(state(m2)).toHaveText("Decision");
    await form(m2, "AWARD").getByRole("button", { name: "Award the level" }).click();
    await expect(state(m2)).toHaveText("Certified");
    await v.reload();
    await expect(state(v)).toHaveText("Certified");
    await expect(v.getByTestId("case-awarded-level")).toContainText("L1");
  } finally {
    for (const c of [vendor, secretariat, lab, ...first, ...second, ministry1, ministry2]) await c.context.close();
  }
});

test("certified, complained about by an anonymous visitor, suspended with a deadline, corrected and reinstated", async ({ browser }) => {
  test.setTimeout(240_000);
  const cert = await driveCase(browser, { until: "certified", level: "L2" });
  const publicId = cert.certificate!.publicId;
  const visitor = await browser.newContext({ locale: "en-US" });
  const secretariat = await as(browser, "secretariat@demo.zhiji");
  const ministry1 = await as(browser, "ministry-1@demo.zhiji");
  const ministry2 = await as(browser, "ministry-2@demo.zhiji");
  const vendor = await as(browser, "vendor-a@demo.zhiji");
  try {
    // An anonymous visitor complains from the verify page.
    const page = await visitor.newPage();
    await page.goto(`/verify/${publicId}`);
    const complaint = page.getByTestId("complaint-form");
    await complaint.getByLabel("Subject").fill("Wake word stops working after the update");
    await complaint.getByLabel("What is wrong?").fill("Since software 5.0.2 the assistant no longer wakes in a quiet room.");
    await page.getByTestId("complaint-submit").click();
    await expect(page.getByTestId("complaint-filed")).toBeVisible();
    const reference = (await page.getByTestId("complaint-reference").textContent())!.trim();
    const token = (await page.getByTestId("complaint-token").textContent())!.trim();

    // The secretariat gives it to ministry-2 (not involved in the case), who recommends a suspension.
    const sp = secretariat.page;
    await sp.goto("/secretariat/complaints");
    await sp.locator(`[data-testid="complaints-row"][data-reference="${reference}"]`).getByTestId("complaint-link").click();
    const handler = sp.getByLabel("Handler");
    await handler.selectOption((await handler.locator("option", { hasText: "He Ping" }).getAttribute("value"))!);
    await sp.getByTestId("triage-submit").click();
    await expect(sp.getByTestId("complaint-page")).toHaveAttribute("data-state", "investigating");
    const hp = ministry2.page;
    await hp.goto("/secretariat/complaints?mine=1");
    await hp.locator(`[data-testid="complaints-row"][data-reference="${reference}"]`).getByTestId("complaint-link").click();
    await hp.getByLabel("Outcome").selectOption("suspension_recommended");
    await hp.getByLabel("Public summary").fill("Confirmed on two samples; a suspension is recommended.");
    await hp.getByTestId("close-submit").click();
    await expect(hp.getByTestId("complaint-page")).toHaveAttribute("data-state", "closed");
    const status = await visitor.request.get(`/api/v1/complaints/${reference}?token=${encodeURIComponent(token)}`);
    expect(await status.json()).toMatchObject({ state: "closed", outcome: "suspension_recommended" });

    // Ministry-1 suspends on the page with a date to correct by.
    const m1 = ministry1.page;
    await openCase(m1, cert.id);
    const correctBy = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
    await form(m1, "SUSPEND").getByLabel("Reason").fill("Wake word fails after update 5.0.2 (complaint " + reference + ")");
    await form(m1, "SUSPEND").getByLabel("Correct by").fill(correctBy);
    await form(m1, "SUSPEND").getByRole("button", { name: "Suspend the certificate" }).click();
    await m1.getByRole("dialog").getByRole("button", { name: "Suspend the certificate" }).click();
    await expect(state(m1)).toHaveText("Suspended");
    await expect(m1.getByTestId("due-process-correct-by")).toBeVisible();
    // Reinstating without evidence: nothing to choose, and the refusal is named.
    await expect(m1.getByTestId("no-corrective-evidence")).toBeVisible();

    // The vendor uploads its corrective evidence on the case page.
    const v = vendor.page;
    await openCase(v, cert.id);
    await expect(v.getByTestId("due-process-correct-by")).toContainText("must correct the cause by");
    await v.getByTestId("corrective-file").setInputFiles({ name: "firmware-5.0.3-retest.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% retest of the wake word\n%%EOF\n") });
    await v.getByRole("region", { name: "Corrective evidence" }).getByRole("button", { name: "Upload" }).click();
    await expect(v.getByTestId("corrective-uploaded")).toBeVisible();

    // Ministry-1 reinstates, citing it.
    await m1.reload();
    await m1.getByTestId("corrective-evidence").getByRole("checkbox").first().check();
    await form(m1, "REINSTATE").getByLabel("Reason").fill("Firmware 5.0.3 fixes the wake word; the lab's retest log attached");
    await form(m1, "REINSTATE").getByRole("button", { name: "Reinstate the certificate" }).click();
    await expect(state(m1)).toHaveText("Certified");
    await page.goto(`/verify/${publicId}`);
    await expect(page.getByTestId("certificate-banner")).toHaveAttribute("data-status", "valid");
  } finally {
    for (const c of [secretariat, ministry1, ministry2, vendor]) await c.context.close();
    await visitor.close();
  }
});
