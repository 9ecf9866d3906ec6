// The ministry's due-process tasks from a real database: overdue suspensions (past the date to
// correct by, not those still within it), appeals to decide, and suspensions recommended by a
// complaint while the product is still certified; the same overdue suspensions and the complaint
// figures on the pilot dashboard; and the queues' paging bounds against hostile URL keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { MAX_PAGE_SIZE } from "@/lib/paging";
import { getPilotStats } from "@/lib/audit/get-pilot-stats";
import { clearStatsCache } from "@/lib/audit/stats-cache";
import { DAY_MS } from "@/lib/audit/stats";
import { getMinistryHome } from "./get-ministry-home";
import { getInbox } from "./get-inbox";
import { getLabHome } from "./get-lab-home";

let t: TestDatabase;
let w: World;
const c = {} as Record<"overdue" | "notYetDue" | "appealed" | "recommended" | "recommendedButSuspended" | "certified", string>;
const START = Date.now();
/** Five days on: the first suspension's date to correct by has passed, the second's has not. */
const LATER = new Date(START + 5 * DAY_MS);

async function suspend(caseId: string, correctBy: Date) {
  await send(w.users.ministry1, caseId, "SUSPEND", { reason: "Surveillance found the memory items regressed", correctBy: correctBy.toISOString() });
  // Case.correctBy is the column the door keeps from SUSPEND.correctBy; written here as well so that
  // this test checks the queries whatever the door's version.
  await db().case.update({ where: { id: caseId }, data: { correctBy } });
}

let complaintSeq = 0;
async function complaint(caseId: string, data: { state: string; outcome?: string; receivedAt: Date; closedAt?: Date }) {
  complaintSeq++;
  return db().complaint.create({
    data: {
      reference: `CMP-TEST-${complaintSeq}`,
      tokenHash: `hash-${complaintSeq}`,
      caseId,
      subject: `Complaint ${complaintSeq}`,
      text: "The product does not behave as its level says.",
      state: data.state,
      outcome: data.outcome ?? null,
      publicSummary: data.outcome ? "The handler recommends a suspension." : null,
      receivedAt: data.receivedAt,
      closedAt: data.closedAt ?? null,
    },
  });
}

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  const { users } = w;
  c.overdue = await caseIn(w, "certified", { level: "L3" });
  await suspend(c.overdue, new Date(START + 1 * DAY_MS));
  c.notYetDue = await caseIn(w, "certified", { level: "L3" });
  await suspend(c.notYetDue, new Date(START + 30 * DAY_MS));
  c.appealed = await caseIn(w, "decision");
  await send(users.ministry1, c.appealed, "DENY", { reason: "Panel was divided" });
  await send(users.vendorA, c.appealed, "APPEAL", { grounds: "The panel misread the latency results" });
  c.recommended = await caseIn(w, "certified", { level: "L3" });
  c.recommendedButSuspended = c.overdue;
  c.certified = await caseIn(w, "certified", { level: "L3" });

  // Closed after 2, 4 and 9 days: the median is 4 days. One recommendation on a certified case
  // (a task), one on a case already suspended (no longer a task), one still being investigated.
  await complaint(c.recommended, { state: "closed", outcome: "suspension_recommended", receivedAt: new Date(START - 4 * DAY_MS), closedAt: new Date(START) });
  await complaint(c.recommendedButSuspended, { state: "closed", outcome: "suspension_recommended", receivedAt: new Date(START - 9 * DAY_MS), closedAt: new Date(START) });
  await complaint(c.certified, { state: "closed", outcome: "no_action", receivedAt: new Date(START - 2 * DAY_MS), closedAt: new Date(START) });
  await complaint(c.certified, { state: "investigating", receivedAt: new Date(START - DAY_MS) });
}, 240_000);
afterAll(async () => t?.drop());

describe(`the ministry's due-process tasks (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("lists a suspension once its date to correct by has passed, with its days overdue, and not before", async () => {
    const now = await getMinistryHome(w.users.ministry1);
    expect(now.overdueSuspensions.rows).toEqual([]);
    const later = await getMinistryHome(w.users.ministry1, LATER);
    expect(later.overdueSuspensions.rows.map((r) => [r.caseId, r.daysOverdue])).toEqual([[c.overdue, 4]]);
    expect(later.overdueSuspensions.rows[0]).toMatchObject({ state: "suspended", reason: "Surveillance found the memory items regressed", product: { name: "Aurora X" } });
    expect(later.tasks.overdueSuspensions).toBe(1);
    const muchLater = await getMinistryHome(w.users.ministry1, new Date(START + 40 * DAY_MS));
    // The longest overdue first.
    expect(muchLater.overdueSuspensions.rows.map((r) => [r.caseId, r.daysOverdue])).toEqual([
      [c.overdue, 39],
      [c.notYetDue, 10],
    ]);
  });

  it("lists the appeals to decide, with the decision appealed and its grounds", async () => {
    const home = await getMinistryHome(w.users.ministry2);
    expect(home.appeals.rows).toEqual([
      expect.objectContaining({ caseId: c.appealed, appealKind: "denial", appealReason: "The panel misread the latency results", mayDecide: true }),
    ]);
    expect(home.tasks.appeals).toBe(1);
    // ministry-1 denied: it sees the appeal but may not decide it.
    expect((await getMinistryHome(w.users.ministry1)).appeals.rows[0].mayDecide).toBe(false);
  });

  it("lists a complaint's suspension recommendation only while its case is still certified", async () => {
    const home = await getMinistryHome(w.users.ministry1);
    expect(home.recommendedSuspensions.rows.map((r) => [r.reference, r.case.caseId])).toEqual([[expect.stringMatching(/^CMP-TEST-/), c.recommended]]);
    expect(home.recommendedSuspensions.rows[0]).toMatchObject({ summary: "The handler recommends a suspension.", case: { state: "certified" } });
    expect(home.tasks.recommendedSuspensions).toBe(1);
  });

  it("shows the ministry's lists to the ministry only", async () => {
    await expect(getMinistryHome(w.users.admin)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the pilot dashboard's due-process figures", () => {
  it("counts overdue suspensions at the given time, and complaints received, open and the median days to close", async () => {
    clearStatsCache();
    const now = await getPilotStats(w.users.ministry1, w.pilot.id, {});
    expect(now.overdueSuspensions).toEqual({ total: 0, cases: [] });
    expect(now.complaints).toEqual({ received: 4, open: 1, closed: 3, medianCloseMs: 4 * DAY_MS, outcomes: { suspension_recommended: 2, no_action: 1 } });
    const later = await getPilotStats(w.users.ministry1, w.pilot.id, {}, LATER);
    expect(later.overdueSuspensions.total).toBe(1);
    expect(later.overdueSuspensions.cases).toEqual([{ caseId: c.overdue, product: expect.stringContaining("Aurora X"), correctBy: expect.any(String), daysOverdue: 4 }]);
    // Another category has none of these cases, hence no complaints.
    const other = await getPilotStats(w.users.ministry1, w.pilot.id, { category: "speaker" }, LATER);
    expect(other.complaints).toEqual({ received: 0, open: 0, closed: 0, medianCloseMs: null, outcomes: {} });
    expect(other.overdueSuspensions.total).toBe(0);
  });
});

describe("paging bounds on the queues", () => {
  it("clamps a hostile page, size and sort to the list's bounds and defaults", async () => {
    const hostile = { overduePage: "99999999999", overdueSize: "100000", overdueSort: "snapshot;drop", tasksPage: "-3", tasksSize: "1e3", tasksSort: "__proto__", queuePage: "0x10" };
    const m = await getMinistryHome(w.users.ministry1, new Date(START + 40 * DAY_MS), hostile);
    expect(m.overdueSuspensions).toMatchObject({ page: 1, size: 25, sort: "correctBy", dir: "asc", total: 2, from: 1, to: 2 });
    const inbox = await getInbox(w.users.ministry2, new Date(), hostile);
    expect(inbox.tasks).toMatchObject({ page: 1, size: MAX_PAGE_SIZE, sort: "due" });
    const lab = await getLabHome(w.users.lab1, new Date(), hostile);
    expect(lab.queue).toMatchObject({ page: 1, size: 25, sort: "since" });
  });

  it("never reads more than the largest page, and a page past the end is the last page", async () => {
    const big = await getMinistryHome(w.users.ministry1, new Date(START + 40 * DAY_MS), { overdueSize: String(MAX_PAGE_SIZE), overduePage: "7" });
    expect(big.overdueSuspensions).toMatchObject({ size: MAX_PAGE_SIZE, page: 1, pageCount: 1 });
    const one = await getMinistryHome(w.users.ministry1, new Date(START + 40 * DAY_MS), { overdueSize: "1", overduePage: "9" });
    expect(one.overdueSuspensions).toMatchObject({ size: 1, page: 2, pageCount: 2, from: 2, to: 2, total: 2 });
    expect(one.overdueSuspensions.rows.map((r) => r.caseId)).toEqual([c.notYetDue]);
    const sorted = await getMinistryHome(w.users.ministry1, new Date(START + 40 * DAY_MS), { overdueSort: "correctBy", overdueDir: "desc" });
    expect(sorted.overdueSuspensions.rows.map((r) => r.caseId)).toEqual([c.notYetDue, c.overdue]);
  });
});
