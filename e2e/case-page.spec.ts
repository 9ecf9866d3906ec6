// The case page shows each role exactly the actions it may take now, and the server refuses the
// others even when they are forced (through the API, or a tampered server-action form).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, apiLogin } from "./fixtures";
import { sampleEnvelope } from "./api-driver";

async function as(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: "en-US" });
  const signedIn = await apiLogin(context.request, email);
  if (!signedIn.ok) throw new Error(`${email} could not sign in (status ${signedIn.status})`);
  return { context, page: await context.newPage(), request: context.request };
}
type Session = Awaited<ReturnType<typeof as>>;

const COMPLETE_APPLICATION = {
  onDeviceModel: "Pangu-Lite 3B int4",
  cloudModel: "none",
  declarations: { accurate: true, samplesAvailable: true, acceptsRules: true },
};

function phoneResults() {
  type Item = { key: string; unit: string; better: "higher" | "lower"; thresholds: Record<string, number> };
  const scheme = JSON.parse(fs.readFileSync(path.join(__dirname, "../lib/grading/schemes/phone.json"), "utf8")) as { elements: { items: Item[] }[] };
  return scheme.elements.flatMap((e) =>
    e.items.map((i) => {
      const t = [i.thresholds.L1, i.thresholds.L2].filter((v) => v !== undefined);
      return { item: i.key, value: i.better === "higher" ? Math.max(...t) : Math.min(...t), unit: i.unit };
    }),
  );
}

async function caseOf(request: APIRequestContext, id: string) {
  const res = await request.get(`/api/v1/cases/${id}`);
  expect(res.status()).toBe(200);
  return res.json() as Promise<{ state: string; version: number; allowedEvents: string[] }>;
}

async function send(request: APIRequestContext, id: string, type: string, payload: Record<string, unknown> = {}) {
  const { version } = await caseOf(request, id);
  const res = await request.post(`/api/v1/cases/${id}/events`, { data: { type, expectedVersion: version, ...payload } });
  expect(res.status(), `${type}: ${await res.text()}`).toBe(200);
}

type Cast = Record<"vendor" | "vendorB" | "secretariat" | "lab1" | "lab2" | "expert1" | "expert2" | "expert3" | "expert4" | "ministry", Session>;

/** A Vendor A phone case driven through the API to `until`. */
async function caseUntil(cast: Cast, until: "draft" | "screening" | "review.voting" | "decision", models?: { name: string; version: string; deployment: string }[]) {
  const created = await cast.vendor.request.post("/api/v1/cases", {
    data: { schemeId: "phone", schemeVersion: "2026.1", product: { name: `Guard E2E ${crypto.randomBytes(3).toString("hex")}`, model: "GX-1", softwareVersion: "1.0", ...(models ? { models } : {}) }, claimedLevel: "L2", application: COMPLETE_APPLICATION },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;
  if (until === "draft") return id;
  await send(cast.vendor.request, id, "SUBMIT");
  if (until === "screening") return id;
  const labOne = (await (await cast.lab1.request.get("/api/v1/me")).json()).organization.id;
  await send(cast.secretariat.request, id, "ACCEPT", { labId: labOne });
  expect((await cast.lab1.request.put(`/api/v1/cases/${id}/lab-report`, { data: { ...sampleEnvelope("1.0"), results: phoneResults() } })).status()).toBe(200);
  await send(cast.lab1.request, id, "SUBMIT_REPORT");
  const panel = [cast.expert1, cast.expert2, cast.expert3];
  const expertIds = await Promise.all(panel.map(async (e) => (await (await e.request.get("/api/v1/me")).json()).id));
  await send(cast.secretariat.request, id, "ASSIGN_PANEL", { expertIds });
  if (until === "review.voting") return id;
  for (const e of panel) await send(e.request, id, "VOTE", { verdict: "approve", level: "L2", rationale: "Meets L2" });
  return id;
}

/** The event forms the page shows, in order. */
async function formsShown(page: Page, id: string) {
  await page.goto(`/cases/${id}`);
  await expect(page.getByTestId("case-page")).toBeVisible();
  return page.locator('[data-testid^="event-form-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.replace("event-form-", "")));
}

let cast: Cast;
test.beforeAll(async ({ browser }) => {
  const emails = {
    vendor: "vendor-a", vendorB: "vendor-b", secretariat: "secretariat", lab1: "lab-1", lab2: "lab-2",
    expert1: "expert-1", expert2: "expert-2", expert3: "expert-3", expert4: "expert-4", ministry: "ministry-1",
  } as const;
  const entries = await Promise.all(Object.entries(emails).map(async ([k, e]) => [k, await as(browser, `${e}@demo.zhiji`)] as const));
  cast = Object.fromEntries(entries) as Cast;
});
test.afterAll(async () => {
  for (const s of Object.values(cast ?? {})) await s.context.close();
});

test("each role sees exactly the actions it may take now, as the server computes them", async () => {
  const voting = await caseUntil(cast, "review.voting");
  const expected: [keyof Cast, string[]][] = [
    ["vendor", ["WITHDRAW"]],
    ["lab1", []],
    ["expert1", ["RECUSE", "VOTE"]],
    ["secretariat", []],
    ["ministry", []],
  ];
  for (const [who, events] of expected) {
    expect(await formsShown(cast[who].page, voting), who).toEqual(events);
    expect((await caseOf(cast[who].request, voting)).allowedEvents, who).toEqual(events);
  }
  await expect(cast.lab1.page.getByTestId("no-actions")).toBeVisible();

  const decision = await caseUntil(cast, "decision");
  expect(await formsShown(cast.ministry.page, decision)).toEqual(["AWARD", "DENY", "REMAND"]);
  expect(await formsShown(cast.vendor.page, decision)).toEqual(["WITHDRAW"]);
  await expect(cast.vendor.page.getByTestId("event-form-AWARD")).toHaveCount(0);
  // The vendor sees the outcome and the rationales, never the panelists' names.
  await expect(cast.vendor.page.getByTestId("vote")).toHaveCount(3);
  await expect(cast.vendor.page.getByTestId("panel-member")).toHaveCount(0);
  await expect(cast.vendor.page.locator('[data-testid="vote"][data-expert-name=""]')).toHaveCount(3);
});

test("after a recusal the votes stay sealed, and the recused expert is not offered again (nor accepted)", async () => {
  const id = await caseUntil(cast, "review.voting");
  await send(cast.expert1.request, id, "VOTE", { verdict: "reject", rationale: "Sealed E2E rationale" });
  await send(cast.expert3.request, id, "RECUSE", { reason: "Advised the vendor" });
  expect((await caseOf(cast.secretariat.request, id)).state).toBe("review.forming");
  // The other panelist and the vendor read nothing of the vote, on the page or through the API.
  for (const who of ["expert2", "vendor"] as const) {
    const view = await (await cast[who].request.get(`/api/v1/cases/${id}`)).json();
    expect(view.votes, who).toEqual([]);
    const events = await (await cast[who].request.get(`/api/v1/cases/${id}/events`)).text();
    expect(events, who).not.toContain("Sealed E2E rationale");
    await cast[who].page.goto(`/cases/${id}`);
    await expect(cast[who].page.getByTestId("case-page")).toBeVisible();
    await expect(cast[who].page.getByTestId("case-page")).not.toContainText("Sealed E2E rationale");
  }
  await expect(cast.expert2.page.getByTestId("timeline")).toContainText("The vote itself stays sealed to you");

  // The secretariat's panel form shows the recused expert as conflicted and unselectable.
  const page = cast.secretariat.page;
  await page.goto(`/cases/${id}`);
  const recused = page.locator('[data-testid="expert-option"][data-expert-name="Dr. Wu Jie"]');
  await expect(recused.getByTestId("expert-conflict")).toHaveText("Conflict: recused from this case");
  await expect(recused.getByRole("checkbox")).toBeDisabled();
  // Forced through the API, the server refuses it by name and reason.
  const ids = await Promise.all([cast.expert1, cast.expert3, cast.expert4].map(async (e) => (await (await e.request.get("/api/v1/me")).json()).id as string));
  const before = await caseOf(cast.secretariat.request, id);
  const res = await cast.secretariat.request.post(`/api/v1/cases/${id}/events`, { data: { type: "ASSIGN_PANEL", expectedVersion: before.version, expertIds: ids } });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.error.details).toMatchObject({ reason: "EXPERT_RECUSED" });
  expect(body.error.details["expertIds.1"]).toContain(ids[1]);
  expect(await caseOf(cast.secretariat.request, id)).toMatchObject({ state: "review.forming", version: before.version });
});

test("forcing an action the page does not offer is refused by the server and changes nothing", async () => {
  const id = await caseUntil(cast, "decision");
  const before = await caseOf(cast.ministry.request, id);

  // The vendor posts AWARD anyway: forbidden by role.
  const award = await cast.vendor.request.post(`/api/v1/cases/${id}/events`, { data: { type: "AWARD", expectedVersion: before.version, level: "L2" } });
  expect(award.status()).toBe(403);
  expect((await award.json()).error.code).toBe("FORBIDDEN");
  // Another vendor's staff cannot even learn the case exists.
  const other = await cast.vendorB.request.post(`/api/v1/cases/${id}/events`, { data: { type: "WITHDRAW", expectedVersion: before.version } });
  expect(other.status()).toBe(404);
  // The ministry with a stale version: conflict.
  const stale = await cast.ministry.request.post(`/api/v1/cases/${id}/events`, { data: { type: "DENY", expectedVersion: before.version - 1, reason: "x" } });
  expect(stale.status()).toBe(409);
  // An event not possible in this state: conflict.
  const early = await cast.ministry.request.post(`/api/v1/cases/${id}/events`, { data: { type: "SUSPEND", expectedVersion: before.version, reason: "x", correctBy: new Date(Date.now() + 30 * 86_400_000).toISOString() } });
  expect(early.status()).toBe(409);

  const after = await caseOf(cast.ministry.request, id);
  expect(after).toMatchObject({ state: "decision", version: before.version });
});

test("a tampered server-action form is refused: the vendor's SUBMIT form re-labelled as AWARD", async () => {
  const id = await caseUntil(cast, "draft");
  const page = cast.vendor.page;
  await page.goto(`/cases/${id}`);
  const submit = page.getByTestId("event-form-SUBMIT");
  await submit.locator('input[name="type"]').evaluate((el: HTMLInputElement) => (el.value = "AWARD"));
  await submit.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByTestId("event-message-SUBMIT")).toContainText("You may not do this");
  await expect(page.getByTestId("state-badge")).toHaveText("Draft");
  expect(await caseOf(cast.vendor.request, id)).toMatchObject({ state: "draft", version: 1 });
});

test("a lab that is not assigned, and an expert not on the panel, get 404 for the case", async () => {
  const id = await caseUntil(cast, "review.voting");
  for (const who of ["lab2", "expert4", "vendorB"] as const) {
    const res = await cast[who].page.goto(`/cases/${id}`);
    expect(res?.status(), who).toBe(404);
    expect((await cast[who].request.get(`/api/v1/cases/${id}`)).status(), who).toBe(404);
  }
  // Lab Two cannot put results on Lab One's case either.
  const put = await cast.lab2.request.put(`/api/v1/cases/${id}/lab-report`, { data: { results: phoneResults() } });
  expect(put.status()).toBe(404);
  expect((await caseOf(cast.lab1.request, id)).state).toBe("review.voting");
});

test("acting on an out-of-date page says the case changed and offers a reload", async () => {
  const id = await caseUntil(cast, "screening");
  const page = cast.secretariat.page;
  await page.goto(`/cases/${id}`);
  await expect(page.getByTestId("event-form-ACCEPT")).toBeVisible();
  // Meanwhile the vendor withdraws the application.
  await send(cast.vendor.request, id, "WITHDRAW", { reason: "Product cancelled" });
  const reject = page.getByTestId("event-form-REJECT_APPLICATION");
  await reject.getByLabel("Reason").fill("Out of scope");
  await reject.getByRole("button", { name: "Reject application" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reject application" }).click();
  await expect(page.getByTestId("event-message-REJECT_APPLICATION")).toContainText("The case changed since you opened this page");
  await page.getByTestId("reload-case").click();
  await expect(page.getByTestId("state-badge")).toHaveText("Withdrawn");
  await expect(page.getByTestId("no-actions")).toBeVisible();
  expect((await caseOf(cast.secretariat.request, id)).state).toBe("withdrawn");
});

test("the lifecycle diagram is drawn from the machine with the current state and the viewer's events marked", async () => {
  const id = await caseUntil(cast, "review.voting");
  const page = cast.expert1.page;
  await page.goto(`/cases/${id}`);
  const svg = page.getByRole("img", { name: /Lifecycle of a certification case/ });
  await expect(svg).toBeVisible();
  await expect(svg).toHaveAccessibleName(/The case is in Panel voting\. You may now: Recuse, Vote\./);
  await expect(page.locator("[data-testid=lifecycle-diagram] [data-state]")).toHaveCount(13);
  await expect(page.locator("[data-testid=lifecycle-diagram] [data-current]")).toHaveAttribute("data-state", "review.voting");
  const emphasised = await page.locator("[data-testid=lifecycle-diagram] [data-allowed]").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-edge")))].sort());
  expect(emphasised).toEqual(["RECUSE", "VOTE"]);
  // The secretariat may do nothing here: no edge is emphasised for it.
  await cast.secretariat.page.goto(`/cases/${id}`);
  await expect(cast.secretariat.page.locator("[data-testid=lifecycle-diagram] [data-allowed]")).toHaveCount(0);
});

test("the case page and the application wizard have no serious accessibility problems", async () => {
  const id = await caseUntil(cast, "screening");
  await send(cast.secretariat.request, id, "ACCEPT", { labId: (await (await cast.lab1.request.get("/api/v1/me")).json()).organization.id });
  const check = async (page: Page) => {
    const result = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  };
  await cast.lab1.page.goto(`/cases/${id}`);
  await expect(cast.lab1.page.getByTestId("lab-workbench")).toBeVisible();
  await check(cast.lab1.page);
  await cast.lab1.page.getByRole("tab", { name: "Fill in the form" }).click();
  await check(cast.lab1.page);
  await cast.secretariat.page.goto(`/cases/${id}`);
  await check(cast.secretariat.page);
  await cast.vendor.page.goto("/apply");
  await check(cast.vendor.page);
});

test("the lab's results are checked row by row: errors show in the preview and the server saves nothing", async () => {
  // It discloses one on-device model: the sample's models are checked against it.
  const id = await caseUntil(cast, "screening", [{ name: "Aurora-Nano", version: "3B-int4-2026.03", deployment: "on_device" }]);
  await send(cast.secretariat.request, id, "ACCEPT", { labId: (await (await cast.lab1.request.get("/api/v1/me")).json()).organization.id });
  const page = cast.lab1.page;
  await page.goto(`/cases/${id}`);
  const rows = phoneResults();
  // A wrong unit on the first row, and the last item left out.
  const csv = ["item,value,unit", `${rows[0].item},${rows[0].value},percent`, ...rows.slice(1, -1).map((r) => `${r.item},${r.value},${r.unit}`)].join("\n");
  await page.getByTestId("lab-results-file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("preview-missing")).toContainText(`${rows.length - 2} of ${rows.length} items measured`);
  // Rendered by code from messages/en/labReport.json with the expected unit (not the lib's English sentence).
  await expect(page.getByTestId("lab-preview").getByTestId("row-errors")).toContainText(`Row 2: unit "percent" for ${rows[0].item}; expected "${rows[0].unit}".`);
  await page.getByTestId("save-lab-report").click();
  const result = page.getByTestId("lab-save-result");
  await expect(result).toContainText("The results were not saved: 2 problems.");
  await expect(result).toContainText(`${rows[rows.length - 1].item}`);
  await expect(page.getByTestId("event-form-SUBMIT_REPORT").getByTestId("report-status")).toContainText("No results are saved yet");

  // Submitting the report without saved results is refused with the reason.
  await page.getByTestId("event-form-SUBMIT_REPORT").getByRole("button", { name: "Submit the lab report" }).click();
  await expect(page.getByTestId("event-message-SUBMIT_REPORT")).toContainText("No complete lab report is saved for this round yet.");
  expect((await caseOf(cast.lab1.request, id)).state).toBe("testing");

  // Typing the values in the form instead: the preview follows as the lab types.
  await page.getByRole("tab", { name: "Fill in the form" }).click();
  await page.getByLabel(new RegExp(`^.*${rows[0].item}$`)).fill("not a number");
  await expect(page.getByText("Not a number: use digits and a decimal point.")).toBeVisible();
  for (const r of rows) await page.getByLabel(new RegExp(`^.*${r.item}$`)).fill(String(r.value));
  await expect(page.getByTestId("preview-complete")).toBeVisible();
  await expect(page.getByTestId("preview-determination-level")).toHaveAttribute("data-level", "L2");
  await page.getByTestId("save-lab-report").click();
  await expect(page.getByTestId("lab-save-result")).toContainText("The results are saved");
  await expect(page.getByTestId("event-form-SUBMIT_REPORT").getByTestId("report-status")).toContainText("L2 · Tool");
  await expect(page.getByTestId("preview-verdicts")).toContainText("meets L2");

  // The envelope: the completeness list names what is still missing until the lab fills it in
  // (docs/domain.md#lab-evidence); the sample's version must be the version applied for.
  const list = page.getByTestId("report-completeness");
  await expect(list).toHaveAttribute("data-complete", "false");
  await expect(page.getByTestId("completeness-results")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("completeness-reportNumber")).toHaveAttribute("data-ok", "false");
  await page.getByTestId("event-form-SUBMIT_REPORT").getByRole("button", { name: "Submit the lab report" }).click();
  await expect(page.getByTestId("event-message-SUBMIT_REPORT")).toContainText("The report cannot be submitted yet");
  const env = page.getByTestId("envelope-form");
  await env.getByLabel("Report number").fill("TR-E2E-ROWS");
  await env.getByLabel("Signatory").fill("E2E Signatory");
  await env.getByLabel("Software version tested").fill("9.9");
  await env.getByLabel("Sample serial numbers").fill("SN-1\nSN-2");
  await env.getByLabel("Build fingerprint").fill("zhiji/e2e/rows:1.0/REL/1:user/release-keys");
  await env.getByLabel("Tested from").fill("2026-01-01");
  await env.getByLabel("Tested until").fill("2026-01-05");
  await env.getByLabel("Test environment").fill("23 °C, 45 % RH");
  // The sample's models (docs/domain.md#lab-evidence): the disclosed one is shown beside the rows; a
  // row added keeps what was typed; another version than the disclosed one is refused.
  await expect(env.getByTestId("sample-models-disclosed")).toContainText("Aurora-Nano 3B-int4-2026.03 (On the device)");
  await expect(env.getByTestId("sample-model-row")).toHaveCount(0);
  await env.getByTestId("sample-add-model").click();
  const sampleRow = env.getByTestId("sample-model-row");
  await expect(sampleRow).toHaveCount(1);
  await expect(env.getByLabel("Report number")).toHaveValue("TR-E2E-ROWS");
  await expect(env.getByLabel("Test environment")).toHaveValue("23 °C, 45 % RH");
  await sampleRow.getByLabel("Model name").fill("Aurora-Nano");
  await sampleRow.getByLabel("Version").fill("3B-int4-2026.01");
  await page.getByTestId("save-envelope").click();
  await expect(page.getByTestId("envelope-message")).toContainText("The envelope is saved.");
  await expect(page.getByTestId("completeness-sample.softwareVersion")).toContainText("but the application is for 1.0");
  await expect(page.getByTestId("completeness-sample.models")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("completeness-sample.models")).toContainText("but the application discloses Aurora-Nano 3B-int4-2026.03 (on_device)");
  await env.getByLabel("Software version tested").fill("1.0");
  await page.getByTestId("save-envelope").click();
  await expect(page.getByTestId("completeness-sample.softwareVersion")).toHaveAttribute("data-ok", "true");
  await expect(list).toHaveAttribute("data-complete", "false");
  await page.getByTestId("event-form-SUBMIT_REPORT").getByRole("button", { name: "Submit the lab report" }).click();
  await expect(page.getByTestId("event-message-SUBMIT_REPORT")).toContainText("but the application discloses");
  await env.getByTestId("sample-model-row").getByLabel("Version").fill("3B-int4-2026.03");
  await page.getByTestId("save-envelope").click();
  await expect(page.getByTestId("completeness-sample.models")).toHaveAttribute("data-ok", "true");
  await expect(list).toHaveAttribute("data-complete", "true");
  await page.getByTestId("event-form-SUBMIT_REPORT").getByRole("button", { name: "Submit the lab report" }).click();
  await expect.poll(async () => (await caseOf(cast.lab1.request, id)).state).toBe("review.forming");
  await page.reload();
  await expect(page.getByTestId("lab-report-pdf")).toBeVisible();
  const pdf = await cast.lab1.request.get(`/api/v1/cases/${id}/lab-report/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
});
