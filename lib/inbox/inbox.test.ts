import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, COMPLETE_APPLICATION, resultsReaching, type World } from "@/test/world";
import { createCase } from "@/lib/cases/create-case";
import { saveLabReport } from "@/lib/cases/save-lab-report";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { listTasks, countTasks, type TaskKind } from "./list-tasks";
import { listUpdates } from "./list-updates";
import { getVendorHome } from "./get-vendor-home";
import { listVendorProducts } from "./list-vendor-products";
import { getLabHome } from "./get-lab-home";
import { getExpertHome } from "./get-expert-home";
import { getSecretariatHome } from "./get-secretariat-home";
import { getMinistryHome } from "./get-ministry-home";

const DAY = 24 * 60 * 60 * 1000;

let t: TestDatabase;
let w: World;
// One case in each situation an inbox must tell apart.
const c = {} as Record<
  | "draft" | "returned" | "screening" | "testing" | "testingLabTwo" | "forming" | "voting" | "decision"
  | "denied" | "deniedLongAgo" | "appealed" | "certified" | "vendorBDraft" | "recused",
  string
>;

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
  const { users } = w;

  c.draft = await caseIn(w, "draft");
  c.returned = await caseIn(w, "screening");
  await send(users.secretariat, c.returned, "RETURN", { reasons: ["Declare the cloud model"] });
  c.screening = await caseIn(w, "screening");
  c.testing = await caseIn(w, "testing");
  c.testingLabTwo = await caseIn(w, "screening");
  await send(users.secretariat, c.testingLabTwo, "ACCEPT", { labId: w.orgs["Lab Two"].id });
  c.forming = await caseIn(w, "review.forming");
  c.voting = await caseIn(w, "review.voting");
  await send(users.expert1, c.voting, "VOTE", { verdict: "approve", level: "L3", rationale: "All thresholds met" });
  c.decision = await caseIn(w, "decision");
  c.denied = await caseIn(w, "decision");
  await send(users.ministry1, c.denied, "DENY", { reason: "Evidence of the memory items is thin" });
  c.deniedLongAgo = await caseIn(w, "decision");
  await send(users.ministry1, c.deniedLongAgo, "DENY", { reason: "Old denial" }, new Date(Date.now() - 40 * DAY));
  c.appealed = await caseIn(w, "decision");
  await send(users.ministry1, c.appealed, "DENY", { reason: "Panel was divided" });
  await send(users.vendorA, c.appealed, "APPEAL", { grounds: "The panel misread the latency results" });
  c.certified = await caseIn(w, "certified", { level: "L2" });
  c.recused = await caseIn(w, "review.voting");
  await send(users.expert2, c.recused, "RECUSE", { reason: "I advised on this product line" });
  const b = await createCase(users.vendorB, {
    schemeId: "phone",
    product: { name: "Borealis", model: "B-1", softwareVersion: "1.0" },
    claimedLevel: "L2",
    application: COMPLETE_APPLICATION,
  });
  c.vendorBDraft = b.id;
}, 180_000);
afterAll(async () => t?.drop());

async function taskMap(user: SessionUser) {
  const tasks = await listTasks(user);
  return Object.fromEntries(tasks.map((x) => [x.caseId, x.kind])) as Record<string, TaskKind>;
}

describe(`the inbox: what awaits each user's action (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("a vendor is asked to submit drafts, answer returns and appeal recent adverse decisions of its own organisation only", async () => {
    // The certified case was awarded L2 of the L3 it claimed: an award below the claim may be appealed too.
    expect(await taskMap(w.users.vendorA)).toEqual({ [c.draft]: "submit", [c.returned]: "answerReturn", [c.denied]: "appeal", [c.certified]: "appeal" });
    expect(await taskMap(w.users.vendorB)).toEqual({ [c.vendorBDraft]: "submit" });
    const appeal = (await listTasks(w.users.vendorA)).find((x) => x.caseId === c.denied)!;
    // The appeal window (30 days from the denial) is the due date.
    expect(appeal.dueAt!.getTime() - Date.now()).toBeGreaterThan(29 * DAY);
    expect(appeal.dueAt!.getTime() - Date.now()).toBeLessThanOrEqual(30 * DAY);
    expect(appeal.events).toContain("APPEAL");
  });

  it("a lab sees the reports due from its own lab, due by the pilot's testing limit", async () => {
    expect(await taskMap(w.users.lab1)).toEqual({ [c.testing]: "report" });
    expect(await taskMap(w.users.lab2)).toEqual({ [c.testingLabTwo]: "report" });
    const [task] = await listTasks(w.users.lab1);
    // The demo pilot allows 45 days of testing.
    expect(task.dueAt!.getTime() - task.since.getTime()).toBe(45 * DAY);
    expect(task.overdue).toBe(false);
    expect(task.vendor).toBe("Vendor A");
  });

  it("an expert sees a vote due only where it is an active panelist that has not voted yet", async () => {
    // expert1 voted; on the panel expert2 left, nobody votes until a new panel is formed.
    expect(await taskMap(w.users.expert1)).toEqual({});
    expect(await taskMap(w.users.expert2)).toEqual({ [c.voting]: "vote" });
    expect(await taskMap(w.users.expert3)).toEqual({ [c.voting]: "vote" });
    expect(await taskMap(w.users.expert4)).toEqual({});
  });

  it("the secretariat screens applications and forms panels, including a panel short after a recusal", async () => {
    expect(await taskMap(w.users.secretariat)).toEqual({
      [c.screening]: "screen",
      [c.forming]: "assignPanel",
      [c.recused]: "assignPanel",
    });
    expect(await countTasks(w.users.secretariat)).toBe(3);
  });

  it("the ministry decides; an appeal goes only to a ministry user other than the one who denied", async () => {
    expect(await taskMap(w.users.ministry1)).toEqual({ [c.decision]: "decide" });
    expect(await taskMap(w.users.ministry2)).toEqual({ [c.decision]: "decide", [c.appealed]: "decideAppeal" });
  });

  it("an administrator has no case inbox", async () => {
    const e = await listTasks(w.users.admin).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("FORBIDDEN");
  });

  it("recent updates are the role's milestones on its own cases, by others, with no panelist's vote in them", async () => {
    const vendor = await listUpdates(w.users.vendorA);
    const types = (caseId: string) => vendor.filter((u) => u.caseId === caseId).map((u) => u.type);
    expect(types(c.returned)).toContain("RETURN");
    expect(vendor.find((u) => u.caseId === c.returned && u.type === "RETURN")!.reason).toBe("Declare the cloud model");
    expect(types(c.denied)).toEqual(expect.arrayContaining(["DENY", "PANEL_CLOSED", "ACCEPT"]));
    expect(types(c.certified)).toContain("AWARD");
    expect(vendor.some((u) => u.caseId === c.vendorBDraft)).toBe(false);
    expect(vendor.every((u) => u.type !== "VOTE" && u.type !== "RECUSE" && u.type !== "ASSIGN_PANEL")).toBe(true);
    const closed = vendor.find((u) => u.type === "PANEL_CLOSED")!;
    expect(closed.level).toBeNull();
    expect(closed.to).toBe("decision");

    // Nobody is told about what they did themselves.
    const secretariat = await listUpdates(w.users.secretariat);
    expect(secretariat.some((u) => u.type === "SUBMIT")).toBe(true);
    expect(secretariat.some((u) => u.type === "ACCEPT" || u.type === "RETURN")).toBe(false);

    const ministry2 = await listUpdates(w.users.ministry2);
    expect(ministry2.some((u) => u.caseId === c.appealed && u.type === "APPEAL")).toBe(true);
    expect(ministry2.some((u) => u.caseId === c.denied && u.type === "DENY")).toBe(true);
    expect((await listUpdates(w.users.ministry1)).some((u) => u.type === "DENY")).toBe(false);

    // An expert hears of the panels it was put on, and of nothing on cases it never sat on.
    const expert4 = await listUpdates(w.users.expert4);
    expect(expert4).toEqual([]);
    const expert1 = await listUpdates(w.users.expert1);
    expect(expert1.filter((u) => u.type === "ASSIGN_PANEL").map((u) => u.caseId)).toEqual(expect.arrayContaining([c.voting, c.recused]));
  });

  it("old updates fall out of the list", async () => {
    const later = new Date(Date.now() + 31 * DAY);
    expect(await listUpdates(w.users.vendorA, later)).toEqual([]);
  });
});

describe("the role homes", () => {
  it("the vendor's home groups its cases by state with the next step of each", async () => {
    const home = await getVendorHome(w.users.vendorA);
    const step = (id: string) => home.groups.flatMap((g) => g.cases.rows).find((x) => x.caseId === id)?.step;
    expect(step(c.draft)).toBe("submit");
    expect(step(c.returned)).toBe("answerReturn");
    expect(step(c.screening)).toBe("awaitScreening");
    expect(step(c.testing)).toBe("awaitTesting");
    expect(step(c.voting)).toBe("awaitReview");
    expect(step(c.decision)).toBe("awaitDecision");
    expect(step(c.denied)).toBe("appeal");
    expect(step(c.deniedLongAgo)).toBe("rejected");
    expect(step(c.appealed)).toBe("awaitAppeal");
    expect(step(c.certified)).toBe("certificateBeingIssued");
    expect(step(c.vendorBDraft)).toBeUndefined();
    expect(home.groups.map((g) => g.state)[0]).toBe("draft");
    expect(home.groups.find((g) => g.state === "draft")!.cases.rows.find((x) => x.caseId === c.returned)!.returnReasons).toEqual([
      "Declare the cloud model",
    ]);
    // Two drafts, the recent denial, and the award below the claimed level (still open to appeal).
    expect(home.actionCount).toBe(4);
    expect(home.groups.flatMap((g) => g.cases.rows).find((x) => x.caseId === c.certified)!.appealBy).not.toBeNull();

    await runOutboxOnce();
    const after = await getVendorHome(w.users.vendorA);
    const certified = after.groups.find((g) => g.state === "certified")!.cases.rows[0];
    expect(certified.step).toBe("downloadCertificate");
    expect(certified.certificate).toMatchObject({ status: "valid" });
    expect(certified.certificate!.number).toMatch(/^AIT-\d{4}-PHONE-\d{6}$/);
  });

  it("the vendor's products list their cases and certificates, and only its own", async () => {
    const products = await listVendorProducts(w.users.vendorA);
    const withCert = products.find((p) => p.cases.some((x) => x.id === c.certified))!;
    expect(withCert.cases[0].certificates[0]).toMatchObject({ level: "L2", status: "valid" });
    expect(products.some((p) => p.name === "Borealis")).toBe(false);
    expect((await listVendorProducts(w.users.vendorB)).map((p) => p.name)).toEqual(["Borealis"]);
    await expect(listVendorProducts(w.users.lab1)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the lab's home queues its cases in testing with their due date and report progress, then what it submitted", async () => {
    const before = await getLabHome(w.users.lab1);
    expect(before.queue.rows.map((q) => q.caseId)).toEqual([c.testing]);
    expect(before.queue.rows[0].report).toBeNull();
    expect(before.queue.rows[0].dueAt).not.toBeNull();
    await saveLabReport(w.users.lab1, c.testing, { results: resultsReaching("phone", "L2") });
    const after = await getLabHome(w.users.lab1);
    expect(after.queue.rows[0].report).toMatchObject({ complete: true, level: "L2" });
    expect(after.submitted.map((s) => s.caseId)).toEqual(expect.arrayContaining([c.forming, c.voting, c.decision]));
    expect(after.submitted.some((s) => s.caseId === c.testingLabTwo)).toBe(false);
    expect((await getLabHome(w.users.lab2)).queue.rows.map((q) => q.caseId)).toEqual([c.testingLabTwo]);
  });

  it("the expert's home separates votes due, votes cast and recusals, showing only its own vote", async () => {
    const e1 = await getExpertHome(w.users.expert1);
    expect(e1.due.rows).toEqual([]);
    // The panel that lost a member is dissolved: closed without this expert's vote.
    expect(e1.done.rows.find((x) => x.caseId === c.recused)).toMatchObject({ status: "closed", panelOpen: false, vote: null });
    const voting = e1.done.rows.find((x) => x.caseId === c.voting)!;
    expect(voting).toMatchObject({ status: "voted", panelOpen: true, vote: { verdict: "approve", level: "L3" } });
    expect(e1.done.rows.find((x) => x.caseId === c.decision)).toMatchObject({ status: "voted", panelOpen: false });
    const e2 = await getExpertHome(w.users.expert2);
    expect(e2.due.rows.map((x) => x.caseId)).toEqual([c.voting]);
    expect(e2.recused.rows).toHaveLength(1);
    expect(e2.recused.rows[0]).toMatchObject({ caseId: c.recused, recuseReason: "I advised on this product line" });
    const none = await getExpertHome(w.users.expert4);
    expect([none.due, none.done, none.recused].map((p) => [p.rows, p.total])).toEqual([[[], 0], [[], 0], [[], 0]]);
  });

  it("the secretariat's home lists screening oldest first, panels to form, testing per lab and counts", async () => {
    const home = await getSecretariatHome(w.users.secretariat);
    expect(home.screening.rows.map((x) => x.caseId)).toEqual([c.screening]);
    expect(home.screening).toMatchObject({ total: 1, page: 1, from: 1, to: 1 });
    expect(home.forming.rows.map((x) => [x.caseId, x.reformed])).toEqual([
      [c.forming, false],
      [c.recused, true],
    ]);
    expect(home.testingByLab.map((l) => [l.lab.name, l.cases.map((x) => x.caseId)])).toEqual([
      ["Lab One", [c.testing]],
      ["Lab Two", [c.testingLabTwo]],
    ]);
    const count = (state: string) => home.counts.find((x) => x.state === state)!.count;
    expect(count("draft")).toBe(3);
    expect(count("rejected")).toBe(2);
    expect(count("review.voting")).toBe(1);
    expect(count("review.forming")).toBe(2);
    expect(home.total).toBe(Object.keys(c).length);
  });

  it("the secretariat's queues page and sort on the server, each by its own URL keys, hostile keys ignored", async () => {
    const second = await getSecretariatHome(w.users.secretariat, new Date(), { formingSize: "1", formingPage: "2" });
    expect(second.forming).toMatchObject({ total: 2, page: 2, pageCount: 2, from: 2, to: 2, size: 1 });
    expect(second.forming.rows.map((x) => x.caseId)).toEqual([c.recused]);
    // The screening queue reads its own keys, not the forming queue's.
    expect(second.screening).toMatchObject({ total: 1, page: 1, size: 25 });
    const newestFirst = await getSecretariatHome(w.users.secretariat, new Date(), { formingSort: "since", formingDir: "desc" });
    expect(newestFirst.forming.rows.map((x) => x.caseId)).toEqual([c.recused, c.forming]);
    const hostile = await getSecretariatHome(w.users.secretariat, new Date(), { formingSort: "snapshot", formingSize: "-1", formingPage: "1e9" });
    expect(hostile.forming).toMatchObject({ sort: "since", dir: "asc", size: 25, page: 1 });
    expect(hostile.forming.rows.map((x) => x.caseId)).toEqual([c.forming, c.recused]);
  });

  it("the ministry's home shows the recommendation to decide on, appeals it may or may not decide, certificates and decisions", async () => {
    const m1 = await getMinistryHome(w.users.ministry1);
    expect(m1.decisions.rows.map((d) => d.caseId)).toEqual([c.decision]);
    expect(m1.decisions.rows[0].recommendation).toMatchObject({ verdict: "approve", level: "L3", approve: 3, reject: 0, retest: 0 });
    expect(m1.decisions.rows[0].labLevel).toBe("L3");
    expect(m1.appeals.rows).toEqual([expect.objectContaining({ caseId: c.appealed, mayDecide: false, appealReason: "The panel misread the latency results" })]);
    const m2 = await getMinistryHome(w.users.ministry2);
    expect(m2.appeals.rows[0].mayDecide).toBe(true);
    expect(m1.certified.rows.map((x) => x.caseId)).toEqual([c.certified]);
    expect(m1.certified.rows[0].certificate?.status).toBe("valid");
    const deny = m1.recentDecisions.find((d) => d.caseId === c.denied)!;
    expect(deny).toMatchObject({ type: "DENY", reason: "Evidence of the memory items is thin", decidedBy: expect.any(String) });
    expect(m1.recentDecisions[0].type).toBe("AWARD");
  });
});
