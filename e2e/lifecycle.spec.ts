// A certification case driven through its whole lifecycle in the UI, each role in its own browser
// context, plus a return-and-resubmit and a reject-and-appeal.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, apiLogin } from "./fixtures";
import { sampleEnvelope } from "./api-driver";

// Each context signs in for itself: sessions saved by a parallel run on another port would not be
// valid here (every data folder has its own session secret).
async function as(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "en-US" });
  const signedIn = await apiLogin(context.request, email);
  if (!signedIn.ok) throw new Error(`${email} could not sign in (status ${signedIn.status})`);
  return { context, page: await context.newPage(), request: context.request };
}

const unique = () => crypto.randomBytes(3).toString("hex");

type Item = { key: string; unit: string; better: "higher" | "lower"; thresholds: Record<string, number> };
type SchemeJson = { elements: { items: Item[] }[] };

/** CSV results for the phone scheme that meet every threshold up to `level` exactly (and no more). */
function phoneResultsCsv(level: "L1" | "L2" | "L3"): string {
  const scheme = JSON.parse(fs.readFileSync(path.join(__dirname, "../lib/grading/schemes/phone.json"), "utf8")) as SchemeJson;
  const upto = ["L1", "L2", "L3"].slice(0, ["L1", "L2", "L3"].indexOf(level) + 1);
  const rows = scheme.elements.flatMap((e) =>
    e.items.map((i) => {
      const needed = upto.map((l) => i.thresholds[l]).filter((v) => v !== undefined);
      const value = i.better === "higher" ? Math.max(...needed) : Math.min(...needed);
      return `${i.key},${value},${i.unit}`;
    }),
  );
  return ["item,value,unit", ...rows].join("\n") + "\n";
}

/** A small but real PDF, padded so that the upload takes a few progress events. */
function evidencePdf(): Buffer {
  const pad = "%" + "0".repeat(1022) + "\n";
  const body = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj",
    pad.repeat(2048),
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n");
  return Buffer.from(body, "latin1");
}

const state = (page: Page) => page.getByTestId("state-badge");
const form = (page: Page, type: string) => page.getByTestId(`event-form-${type}`);

async function openCase(page: Page, id: string) {
  await page.goto(`/cases/${id}`);
  await expect(page.getByTestId("case-page")).toBeVisible();
}

async function sendApi(request: APIRequestContext, id: string, type: string, payload: Record<string, unknown> = {}) {
  const current = await (await request.get(`/api/v1/cases/${id}`)).json();
  const res = await request.post(`/api/v1/cases/${id}/events`, { data: { type, expectedVersion: current.version, ...payload } });
  expect(res.status(), `${type}: ${await res.text()}`).toBe(200);
  return res.json();
}

const COMPLETE_APPLICATION = {
  onDeviceModel: "Pangu-Lite 3B int4",
  cloudModel: "none",
  declarations: { accurate: true, samplesAvailable: true, acceptsRules: true },
};

test("a phone is applied for, tested, reviewed blind, awarded L3, and its certificate verifies", async ({ browser }) => {
  test.setTimeout(240_000);
  const vendor = await as(browser, "vendor-a@demo.zhiji");
  const secretariat = await as(browser, "secretariat@demo.zhiji");
  const lab = await as(browser, "lab-1@demo.zhiji");
  const experts = await Promise.all(["expert-1", "expert-2", "expert-3"].map((e) => as(browser, `${e}@demo.zhiji`)));
  const ministry = await as(browser, "ministry-1@demo.zhiji");
  const product = `Aurora E2E ${unique()}`;

  // The vendor applies through the wizard; each step checks its answers.
  const v = vendor.page;
  await v.goto("/apply");
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("error-category")).toHaveText("Choose a category.");
  // The category is named from the Category table (docs/domain.md#categories); the scheme keeps its title.
  await v.getByRole("radio", { name: /AI phone/ }).check();
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("apply-step-scheme")).toBeVisible();
  // Other specs may publish newer phone versions: choose the one the test results are made for.
  await v.getByRole("radio", { name: /Smartphone 2026\.1/ }).check();
  await expect(v.getByRole("radio", { name: /Smartphone 2026\.1/ })).toBeChecked();
  await expect(v.getByRole("link", { name: "Read the scheme" }).first()).toHaveAttribute("href", "/schemes/phone/2026.1");
  await v.getByRole("button", { name: "Next" }).click();
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("error-name")).toHaveText("Required.");
  await v.getByLabel("Product name").fill(product);
  await v.getByLabel("Model", { exact: true }).fill(`AX-${unique()}`);
  await v.getByLabel("Software version").fill("5.0.1");
  await v.getByRole("button", { name: "Next" }).click();
  // The models step (docs/domain.md#model-disclosure): a row to start with, its name required; a
  // second row for the cloud model, which needs its provider and a filing number of the right form.
  await expect(v.getByTestId("apply-step-models")).toBeVisible();
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("error-models[0].name")).toHaveText("Required.");
  const row = (i: number) => v.getByTestId("apply-model-row").nth(i);
  await row(0).getByLabel("Model name").fill("Pangu-Lite");
  await row(0).getByLabel("Version").fill("3B-int4-2026.03");
  await row(0).getByLabel("Parameters").fill("3B");
  await v.getByTestId("apply-add-model").click();
  await expect(v.getByTestId("apply-model-row")).toHaveCount(2);
  await row(1).getByLabel("Runs").selectOption("cloud");
  await row(1).getByLabel("Model name").fill("Hunyuan-Turbo");
  await row(1).getByLabel("Version").fill("2026-05");
  await row(1).getByLabel("Filing number").fill("Beijing-Hunyuan");
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("error-models[1].filingNumber")).toContainText("Not a filing number");
  await row(1).getByLabel("Filing number").fill("Beijing-HunYuan-20231103");
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("error-models[1].provider")).toHaveText("A cloud model needs its provider.");
  await row(1).getByLabel("Provider").fill("Tencent Cloud");
  await v.getByRole("button", { name: "Next" }).click();
  await v.getByRole("radio", { name: /L3 · Assistance/ }).check();
  await v.getByRole("button", { name: "Next" }).click();
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("error-accurate")).toHaveText("Required to apply.");
  for (const label of [/accurate and complete/, /samples will be available/, /accept the rules/]) await v.getByLabel(label).check();
  await v.getByRole("button", { name: "Next" }).click();
  await expect(v.getByTestId("apply-review")).toContainText(product);
  await expect(v.getByTestId("apply-review")).toContainText("Pangu-Lite 3B-int4-2026.03 (On the device) · Hunyuan-Turbo 2026-05 (In the cloud)");
  await v.getByRole("button", { name: "Create the draft application" }).click();
  await expect(v).toHaveURL(/\/cases\/[^/]+$/);
  const id = v.url().split("/").pop()!;
  await expect(state(v)).toHaveText("Draft");
  await expect(v.getByTestId("application-complete")).toBeVisible();
  await form(v, "SUBMIT").getByRole("button", { name: "Submit application" }).click();
  await expect(state(v)).toHaveText("Screening");

  // The secretariat accepts it with Lab One.
  const s = secretariat.page;
  await openCase(s, id);
  // The lab is chosen in a listbox (Radix Select): both accredited labs are offered.
  await form(s, "ACCEPT").getByRole("combobox", { name: "Test lab" }).click();
  await expect(s.getByRole("option", { name: /Lab Two/ })).toHaveCount(1);
  await s.getByRole("option", { name: /Lab One/ }).click();
  await form(s, "ACCEPT").getByRole("button", { name: "Accept and send to lab" }).click();
  await expect(state(s)).toHaveText("Testing");

  // Lab One uploads its results as CSV, sees the preview, saves, adds evidence and submits.
  const l = lab.page;
  await openCase(l, id);
  await expect(form(l, "SUBMIT_REPORT").getByTestId("report-status")).toContainText("No results are saved yet");
  await l.getByTestId("lab-results-file").setInputFiles({ name: "results.csv", mimeType: "text/csv", buffer: Buffer.from(phoneResultsCsv("L3")) });
  await expect(l.getByTestId("preview-complete")).toBeVisible();
  await expect(l.getByTestId("preview-determination-level")).toHaveAttribute("data-level", "L3");
  await l.getByTestId("save-lab-report").click();
  await expect(l.getByTestId("lab-save-result")).toContainText("The results are saved");
  await expect(form(l, "SUBMIT_REPORT").getByTestId("report-status")).toContainText("L3 · Assistance");
  // The envelope beside the CSV (docs/domain.md#lab-evidence): a sample of the version applied for.
  expect((await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: sampleEnvelope("5.0.1") })).status()).toBe(200);
  await l.reload();
  await expect(l.getByTestId("report-completeness")).toHaveAttribute("data-complete", "true");

  const pdf = evidencePdf();
  await l.getByTestId("evidence-file").setInputFiles({ name: "asr-test-log.pdf", mimeType: "application/pdf", buffer: pdf });
  await l.getByTestId("evidence-upload").click();
  await expect(l.getByTestId("evidence-uploaded")).toContainText(crypto.createHash("sha256").update(pdf).digest("hex"));
  await expect(l.getByTestId("evidence-progress")).toHaveAttribute("value", "100");
  await expect(l.getByTestId("evidence-list")).toContainText("asr-test-log.pdf");

  await form(l, "SUBMIT_REPORT").getByRole("button", { name: "Submit the lab report" }).click();
  await expect(state(l)).toHaveText("Forming panel");
  await expect(l.getByTestId("lab-determination-level")).toHaveAttribute("data-level", "L3");

  // The secretariat forms the panel: expert-5 works for Vendor A and cannot be chosen.
  await s.reload();
  const conflicted = s.locator('[data-testid="expert-option"][data-expert-name="Dr. Ma Lin"]');
  await expect(conflicted.getByTestId("expert-conflict")).toHaveText("Conflict: tied to the vendor");
  await expect(conflicted.getByRole("checkbox")).toBeDisabled();
  await expect(s.getByTestId("expert-load").first()).toBeVisible();
  const panelForm = form(s, "ASSIGN_PANEL");
  await panelForm.getByLabel(/Prof\. Sun Hao/).check();
  await panelForm.getByLabel(/Dr\. Zhou Min/).check();
  await panelForm.getByRole("button", { name: "Assign panel" }).click();
  await expect(s.getByTestId("event-message-ASSIGN_PANEL")).toContainText("Please correct the marked fields.");
  await expect(s.getByTestId("error-ASSIGN_PANEL-expertIds")).toHaveText("At least 3 experts are needed; 2 chosen.");
  await expect(state(s)).toHaveText("Forming panel");
  await panelForm.getByLabel(/Dr\. Wu Jie/).check();
  await panelForm.getByRole("button", { name: "Assign panel" }).click();
  await expect(state(s)).toHaveText("Panel voting");

  // Three experts vote; before the panel closes each sees only their own vote.
  const names = ["Prof. Sun Hao", "Dr. Zhou Min", "Dr. Wu Jie"];
  for (const [i, expert] of experts.entries()) {
    const p = expert.page;
    await openCase(p, id);
    await expect(p.getByTestId("vote")).toHaveCount(0);
    const vote = form(p, "VOTE");
    await vote.getByRole("radio", { name: "Approve" }).check();
    await vote.getByRole("combobox", { name: /^Level/ }).click();
    await p.getByRole("option", { name: /^L3/ }).click();
    await vote.getByLabel(/^Rationale/).fill(`All ${names[i]} checks meet L3 thresholds`);
    await vote.getByRole("button", { name: "Cast my vote" }).click();
    if (i < 2) {
      await expect(p.getByTestId("vote")).toHaveCount(1);
      await expect(p.getByTestId("vote")).toHaveAttribute("data-expert-name", names[i]);
      await expect(form(p, "VOTE")).toHaveCount(0);
      await expect(state(p)).toHaveText("Panel voting");
    } else {
      await expect(state(p)).toHaveText("Decision");
      await expect(p.getByTestId("vote")).toHaveCount(3);
    }
  }

  // The ministry awards the recommended level.
  const m = ministry.page;
  await openCase(m, id);
  await expect(m.getByTestId("recommendation")).toContainText("Approve L3");
  await expect(form(m, "AWARD").getByRole("combobox", { name: "Level to award" })).toHaveText("L3 · Assistance");
  await form(m, "AWARD").getByRole("button", { name: "Award the level" }).click();
  await expect(state(m)).toHaveText("Certified");

  // The vendor waits for the certificate, downloads it, and pdfsig finds its signature valid.
  await openCase(v, id);
  await expect(v.getByTestId("certificate-number")).toHaveText(/^AIT-\d{4}-PHONE-\d{6}$/, { timeout: 30_000 });
  await expect(v.getByTestId("certificate-status")).toHaveText("Valid");
  const [download] = await Promise.all([v.waitForEvent("download"), v.getByTestId("certificate-download").click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zhiji-e2e-")), "certificate.pdf");
  await download.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  const report = execFileSync("pdfsig", [file], { encoding: "utf8" });
  expect(report).toContain("Signature is Valid");
  expect(report).toContain("Total document signed");
  await expect(v.getByTestId("certificate-verify")).toHaveAttribute("href", /^\/verify\/[A-Za-z0-9_-]{22,}$/);
  // The certificate prints the disclosed models, and its verify page lists them.
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  expect(text).toContain("Pangu-Lite");
  expect(text).toContain("Beijing-HunYuan-20231103");
  const verifyHref = (await v.getByTestId("certificate-verify").getAttribute("href"))!;

  // The history tells the story in order.
  const types = await v.getByTestId("timeline-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-type")).reverse());
  expect(types.filter((t) => !["LAB_REPORT_SAVED", "EVIDENCE_ADDED", "CERTIFICATE_ISSUED"].includes(t!))).toEqual([
    "CASE_CREATED", "SUBMIT", "ACCEPT", "SUBMIT_REPORT", "ASSIGN_PANEL", "VOTE", "VOTE", "VOTE", "AWARD",
  ]);
  await v.goto(verifyHref);
  await expect(v.getByTestId("models-section").getByTestId("model-row")).toHaveCount(2);
  await expect(v.getByTestId("models-section")).toContainText("Hunyuan-Turbo");
  await expect(v.getByTestId("models-section")).toContainText("Tencent Cloud");
  for (const c of [vendor, secretariat, lab, ...experts, ministry]) await c.context.close();
});

test("the secretariat returns an application with reasons; the vendor sees them, corrects and resubmits", async ({ browser }) => {
  const vendor = await as(browser, "vendor-a@demo.zhiji");
  const secretariat = await as(browser, "secretariat@demo.zhiji");
  const created = await vendor.request.post("/api/v1/cases", {
    data: { schemeId: "phone", schemeVersion: "2026.1", product: { name: `Return E2E ${unique()}`, model: "RX-1", softwareVersion: "1.0" }, claimedLevel: "L2", application: COMPLETE_APPLICATION },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;

  const v = vendor.page;
  await openCase(v, id);
  await form(v, "SUBMIT").getByRole("button", { name: "Submit application" }).click();
  await expect(state(v)).toHaveText("Screening");

  const s = secretariat.page;
  await openCase(s, id);
  const ret = form(s, "RETURN");
  await ret.getByRole("button", { name: "Return to vendor" }).click();
  // The form checks before sending: the empty reasons are named and focused, nothing is sent.
  await expect(s.getByTestId("error-RETURN-reasons")).toHaveText("Required.");
  await expect(ret.getByLabel("What must be corrected")).toBeFocused();
  await expect(state(s)).toHaveText("Screening");
  await ret.getByLabel("What must be corrected").fill("Software version must be the shipping build\nName the cloud model in full");
  await ret.getByRole("button", { name: "Return to vendor" }).click();
  await expect(state(s)).toHaveText("Draft");

  await v.reload();
  await expect(state(v)).toHaveText("Draft");
  const reasons = v.getByTestId("return-reasons");
  await expect(reasons.getByRole("listitem")).toHaveText(["Software version must be the shipping build", "Name the cloud model in full"]);
  const app = v.getByTestId("application-form");
  await app.getByLabel("Software version").fill("1.0.7 (build 2211)");
  // The models are the wizard's rows (docs/domain.md#model-disclosure): made through the API without
  // any, the draft offers one row; a cloud model needs its provider before anything is sent.
  const row = app.getByTestId("draft-model-row");
  await expect(row).toHaveCount(1);
  await row.getByLabel("Runs").selectOption("cloud");
  await row.getByLabel("Model name").fill("Hunyuan-Lite");
  await row.getByLabel("Version").fill("2026-05");
  await app.getByRole("button", { name: "Save the draft" }).click();
  await expect(app.getByTestId("error-models[0].provider")).toHaveText("A cloud model needs its provider.");
  await expect(v.getByTestId("case-version")).toHaveText("3");
  // A second row added keeps what was typed, and is removed again.
  await app.getByTestId("draft-add-model").click();
  await expect(row).toHaveCount(2);
  await expect(row.nth(0).getByLabel("Model name")).toHaveValue("Hunyuan-Lite");
  await expect(app.getByLabel("Software version")).toHaveValue("1.0.7 (build 2211)");
  await app.getByRole("button", { name: "Remove model 2" }).click();
  await expect(row).toHaveCount(1);
  await row.getByLabel("Provider").fill("Vendor cloud");
  await app.getByRole("button", { name: "Save the draft" }).click();
  await expect(v.getByTestId("application-message")).toHaveText("The application is saved.");
  await expect(v.getByTestId("case-version")).toHaveText("4");
  await expect(v.getByTestId("application-models")).toContainText("Hunyuan-Lite");
  await form(v, "SUBMIT").getByRole("button", { name: "Submit application" }).click();
  await expect(state(v)).toHaveText("Screening");

  await s.reload();
  await expect(s.getByTestId("application")).toContainText("1.0.7 (build 2211)");
  await expect(s.locator('[data-testid="timeline-event"][data-type="RETURN"]')).toContainText("Software version must be the shipping build");
  await vendor.context.close();
  await secretariat.context.close();
});

test("ministry-1 denies, the vendor appeals within 30 days, and ministry-2 (not ministry-1) dismisses the appeal", async ({ browser }) => {
  test.setTimeout(120_000);
  const vendor = await as(browser, "vendor-a@demo.zhiji");
  const secretariat = await as(browser, "secretariat@demo.zhiji");
  const lab = await as(browser, "lab-1@demo.zhiji");
  const experts = await Promise.all(["expert-1", "expert-2", "expert-3"].map((e) => as(browser, `${e}@demo.zhiji`)));
  const ministry1 = await as(browser, "ministry-1@demo.zhiji");
  const ministry2 = await as(browser, "ministry-2@demo.zhiji");

  // Up to the decision through the API: this test is about what follows.
  const created = await vendor.request.post("/api/v1/cases", {
    data: { schemeId: "phone", schemeVersion: "2026.1", product: { name: `Appeal E2E ${unique()}`, model: "AP-2", softwareVersion: "2.0" }, claimedLevel: "L3", application: COMPLETE_APPLICATION },
  });
  const id = (await created.json()).id as string;
  await sendApi(vendor.request, id, "SUBMIT");
  const labOrg = (await (await lab.request.get("/api/v1/me")).json()).organization.id;
  await sendApi(secretariat.request, id, "ACCEPT", { labId: labOrg });
  const put = await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: phoneResultsCsv("L2"), headers: { "content-type": "text/csv" } });
  expect(put.status(), await put.text()).toBe(200);
  expect((await lab.request.put(`/api/v1/cases/${id}/lab-report`, { data: sampleEnvelope("2.0") })).status()).toBe(200);
  await sendApi(lab.request, id, "SUBMIT_REPORT");
  const expertIds = await Promise.all(experts.map(async (e) => (await (await e.request.get("/api/v1/me")).json()).id));
  await sendApi(secretariat.request, id, "ASSIGN_PANEL", { expertIds });
  for (const e of experts) await sendApi(e.request, id, "VOTE", { verdict: "reject", rationale: "Noise robustness below what L2 users expect" });

  const m1 = ministry1.page;
  await openCase(m1, id);
  await expect(state(m1)).toHaveText("Decision");
  await form(m1, "DENY").getByLabel("Reason").fill("Panel unanimously recommends rejection");
  await form(m1, "DENY").getByRole("button", { name: "Deny" }).click();
  // Denying cannot be taken back: a dialog asks first.
  await m1.getByRole("dialog").getByRole("button", { name: "Deny" }).click();
  await expect(state(m1)).toHaveText("Rejected");

  const v = vendor.page;
  await openCase(v, id);
  await expect(v.getByTestId("appeal-deadline")).toContainText("30 days after the rejection");
  await form(v, "APPEAL").getByLabel("Grounds for the appeal").fill("The 65 dB noise test used the wrong babble corpus");
  await form(v, "APPEAL").getByRole("button", { name: "Lodge the appeal" }).click();
  await expect(state(v)).toHaveText("Appeal");

  // The officer who denied may not decide the appeal; another one may.
  await m1.reload();
  await expect(state(m1)).toHaveText("Appeal");
  await expect(form(m1, "UPHOLD_APPEAL")).toHaveCount(0);
  await expect(form(m1, "DISMISS_APPEAL")).toHaveCount(0);
  const m2 = ministry2.page;
  await openCase(m2, id);
  await expect(form(m2, "UPHOLD_APPEAL")).toBeVisible();
  await form(m2, "DISMISS_APPEAL").getByLabel("Reason").fill("The corpus matches the published method");
  await form(m2, "DISMISS_APPEAL").getByRole("button", { name: "Dismiss the appeal" }).click();
  await expect(state(m2)).toHaveText("Rejected");

  // A case is appealed once.
  await v.reload();
  await expect(state(v)).toHaveText("Rejected");
  await expect(form(v, "APPEAL")).toHaveCount(0);
  await expect(v.getByTestId("no-actions")).toBeVisible();
  for (const c of [vendor, secretariat, lab, ...experts, ministry1, ministry2]) await c.context.close();
});
