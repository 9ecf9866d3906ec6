// Pilot management (docs/domain.md#pilots): the secretariat creates a draft, the ministry approves,
// the secretariat opens and closes, each an audit event; applications go only into an open pilot,
// inside its window, with the category in scope, and are refused by code otherwise. Runs on SQLite
// and, with TEST_DATABASE_URL, on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, COMPLETE_APPLICATION, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { createCase } from "@/lib/cases/create-case";
import { verifyAuditChain } from "@/lib/audit/chain";
import { createPilot } from "./create-pilot";
import { sendPilotEvent } from "./pilot-event";
import { listPilots } from "./list-pilots";
import { applicationRefusal, defaultPilot } from "./rules";
import { pilotsOpenForApplication } from "./application-pilot";

let t: TestDatabase;
let w: World;
const product = { name: "Scoped", model: "S-1", softwareVersion: "1.0" };
const DAY = 86_400_000;
const apply = (schemeId: string, extra: Record<string, unknown> = {}, at?: Date) =>
  createCase(w.users.vendorA, { schemeId, product, claimedLevel: "L2", application: COMPLETE_APPLICATION, ...extra }, at);

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
}, 120_000);
afterAll(async () => t?.drop());

describe("the window and scope rules (pure)", () => {
  const base = { name: "P", status: "open", scope: '["phone"]', applicationsFrom: new Date("2026-04-01T00:00:00+08:00"), applicationsUntil: new Date("2026-05-01T00:00:00+08:00") };
  it("takes an in-scope application inside the window", () => {
    expect(applicationRefusal(base, "phone", new Date("2026-04-15T00:00:00Z"))).toBeNull();
  });
  it.each([
    ["a draft", { status: "draft" }, "phone", "2026-04-15", "PILOT_NOT_OPEN"],
    ["an approved pilot not yet opened", { status: "approved" }, "phone", "2026-04-15", "PILOT_NOT_OPEN"],
    ["a closed pilot", { status: "closed" }, "phone", "2026-04-15", "PILOT_CLOSED"],
    ["before the window", {}, "phone", "2026-03-31", "PILOT_WINDOW_NOT_YET"],
    ["at the window's end (exclusive)", {}, "phone", "2026-05-01", "PILOT_WINDOW_CLOSED"],
    ["out of scope", {}, "tv", "2026-04-15", "PILOT_CATEGORY_OUT_OF_SCOPE"],
  ])("refuses %s", (_, change, category, day, reason) => {
    expect(applicationRefusal({ ...base, ...change }, category, new Date(`${day}T00:00:00+08:00`))?.reason).toBe(reason);
  });
  it("an empty scope takes every category, open ends take any time", () => {
    expect(applicationRefusal({ ...base, scope: "[]", applicationsFrom: null, applicationsUntil: null }, "glasses", new Date("2030-01-01"))).toBeNull();
  });
  it("the default pilot is the newest open one that takes the category", () => {
    const all = { ...base, name: "all", scope: "[]", applicationsFrom: null, applicationsUntil: null };
    const at = new Date("2026-04-15T00:00:00Z");
    expect(defaultPilot([base, all], "tv", at)).toEqual({ pilot: all });
    expect(defaultPilot([base, all], "phone", at)).toEqual({ pilot: base });
    expect(defaultPilot([base], "tv", at)).toMatchObject({ refusal: { reason: "NO_OPEN_PILOT_FOR_CATEGORY" } });
    expect(defaultPilot([], "tv", at)).toMatchObject({ refusal: { reason: "NO_OPEN_PILOT" } });
    expect(defaultPilot([base], "phone", new Date("2026-06-01"))).toMatchObject({ refusal: { reason: "PILOT_WINDOW_CLOSED", params: { until: "2026-04-30" } } });
  });
});

describe("a pilot's life", () => {
  it("draft → approved → open → closed, each by its role and audited; applications only while open, in window and scope", async () => {
    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * DAY).toISOString();
    const pilot = await createPilot(w.users.secretariat, {
      name: "Phones 2027",
      nameZh: "2027 手机试点",
      scope: ["phone"],
      startsAt: day(-10),
      endsAt: day(300),
      applicationsFrom: day(-5),
      applicationsUntil: day(100),
      stageLimits: { screening: 7 },
    });
    expect(pilot.status).toBe("draft");
    expect(JSON.parse(pilot.scope)).toEqual(["phone"]);

    // Into a draft: refused by code, nothing written.
    const before = await db().case.count();
    await expect(apply("phone", { pilotId: pilot.id })).rejects.toMatchObject({ reason: "PILOT_NOT_OPEN", fields: { pilotId: { reason: "PILOT_NOT_OPEN" } } });
    expect(await db().case.count()).toBe(before);

    // Who may send what.
    await expect(sendPilotEvent(w.users.secretariat, pilot.id, { type: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sendPilotEvent(w.users.ministry1, pilot.id, { type: "OPEN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sendPilotEvent(w.users.vendorA, pilot.id, { type: "CLOSE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sendPilotEvent(w.users.secretariat, pilot.id, { type: "OPEN" })).rejects.toMatchObject({ reason: "PILOT_EVENT_NOT_ALLOWED", params: { event: "OPEN", status: "draft" } });
    await expect(createPilot(w.users.ministry1, { name: "x", nameZh: "x", startsAt: day(0) })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const approved = await sendPilotEvent(w.users.ministry1, pilot.id, { type: "APPROVE" });
    expect(approved).toMatchObject({ status: "approved", approvedById: w.users.ministry1.id });
    await expect(apply("phone", { pilotId: pilot.id })).rejects.toMatchObject({ reason: "PILOT_NOT_OPEN" });
    const open = await sendPilotEvent(w.users.secretariat, pilot.id, { type: "OPEN" });
    expect(open.status).toBe("open");
    expect(open.openedAt).not.toBeNull();

    // Open: in scope and window goes in; out of scope, before or after the window is refused.
    const c = await apply("phone", { pilotId: pilot.id });
    expect(c.pilotId).toBe(pilot.id);
    await expect(apply("tv", { pilotId: pilot.id })).rejects.toMatchObject({ reason: "PILOT_CATEGORY_OUT_OF_SCOPE", params: { category: "tv" } });
    await expect(apply("phone", { pilotId: pilot.id }, new Date(now - 6 * DAY))).rejects.toMatchObject({ reason: "PILOT_WINDOW_NOT_YET" });
    await expect(apply("phone", { pilotId: pilot.id }, new Date(now + 101 * DAY))).rejects.toMatchObject({ reason: "PILOT_WINDOW_CLOSED" });
    // Without a pilot: the newest open pilot that takes the category (the demo pilot takes every one).
    expect((await apply("phone")).pilotId).toBe(pilot.id);
    expect((await apply("tv")).pilotId).toBe(w.pilot.id);
    // What the wizard offers: the pilots that take the category now, the default first.
    const offered = await pilotsOpenForApplication(["phone", "tv"], new Date());
    expect(offered.phone.map((p) => p.id)).toEqual([pilot.id, w.pilot.id]);
    expect(offered.tv.map((p) => p.id)).toEqual([w.pilot.id]);
    expect((await pilotsOpenForApplication(["phone"], new Date(now + 101 * DAY))).phone.map((p) => p.id)).toEqual([w.pilot.id]);

    // Close: new applications refused, a running case goes on.
    await send(w.users.vendorA, c.id, "SUBMIT");
    const closed = await sendPilotEvent(w.users.secretariat, pilot.id, { type: "CLOSE" });
    expect(closed.status).toBe("closed");
    await expect(apply("phone", { pilotId: pilot.id })).rejects.toMatchObject({ reason: "PILOT_CLOSED" });
    expect((await apply("phone")).pilotId).toBe(w.pilot.id);
    await expect(sendPilotEvent(w.users.secretariat, pilot.id, { type: "CLOSE" })).rejects.toMatchObject({ reason: "PILOT_EVENT_NOT_ALLOWED" });
    const running = await db().case.findUniqueOrThrow({ where: { id: c.id } });
    expect(running.pilotId).toBe(pilot.id);

    const events = await db().auditEvent.findMany({ where: { type: { in: ["PILOT_CREATED", "PILOT_APPROVED", "PILOT_OPENED", "PILOT_CLOSED"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["PILOT_CREATED", "PILOT_APPROVED", "PILOT_OPENED", "PILOT_CLOSED"]);
    expect(events.every((e) => JSON.parse(e.payload).pilotId === pilot.id)).toBe(true);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    const listed = (await listPilots(w.users.ministry1)).find((p) => p.id === pilot.id);
    expect(listed).toMatchObject({ status: "closed", scope: ["phone"] });
  });

  it.each([
    ["an unknown category", { scope: ["toaster"] }, "PILOT_CATEGORY_UNKNOWN", "scope"],
    ["an end before the start", { endsAt: "2026-01-01" }, "PILOT_DATES_ORDER", "endsAt"],
    ["a window outside the period", { applicationsFrom: "2026-01-01" }, "PILOT_WINDOW_OUTSIDE", "applicationsFrom"],
    ["a taken name", { name: "2026 National Pilot" }, "PILOT_NAME_TAKEN", "name"],
  ])("refuses %s", async (_, change, reason, field) => {
    const e = await createPilot(w.users.secretariat, { name: `Refused ${reason}`, nameZh: "拒绝", startsAt: "2026-06-01", ...change }).catch((x) => x);
    expect(e).toMatchObject({ reason, fields: { [field]: { reason } } });
  });

  it("refuses malformed input by field code (bounded names, dates in range, unknown keys)", async () => {
    const e = await createPilot(w.users.secretariat, { name: "x".repeat(200), nameZh: "a\nb", startsAt: "1900-01-01", extra: 1 }).catch((x) => x);
    expect(e).toMatchObject({ code: "INVALID_INPUT", reason: "INVALID_REQUEST" });
  });
});
