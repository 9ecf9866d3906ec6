// One source per rule and constant: the level order (null lowest), who sends each event, the report
// round, the appeal deadline the rule and the pages share, stage limits; and the refusals' codes.
import { describe, expect, it } from "vitest";
import {
  APPEAL_WINDOW_DAYS,
  DAY_MS,
  EVENT_ROLES,
  EVENT_TYPES,
  ROLES,
  USER_ROLES,
  appealDeadline,
  checkAllowed,
  checkEvent,
  createCaseSnapshot,
  levelRank,
  levelsUpTo,
  mayRoleSend,
  parseStageLimits,
  readCase,
  reportRound,
  stageDue,
  transition,
  type CaseEvent,
  type PersistedCaseSnapshot,
} from "./index";
import { AUDIT_EVENT_TYPES } from "../audit-events";
import { actors, ev, expertActor, expertFacts, input, LAB_ORG, T0 } from "@/test/fixtures/certification";

function run(events: CaseEvent[], from: PersistedCaseSnapshot = createCaseSnapshot(input)): PersistedCaseSnapshot {
  let snap = from;
  for (const e of events) {
    const r = transition(snap, e);
    if (!r.changed) throw new Error(`setup event ${e.type} refused in ${r.state}`);
    snap = r.snapshot;
  }
  return snap;
}
const ids = ["e1", "e2", "e3"];
const decision = () =>
  run([
    ev("SUBMIT", actors.vendor, { applicationComplete: true }),
    ev("ACCEPT", actors.secretariat, { labId: LAB_ORG, lab: { accreditedForCategory: true } }),
    ev("SUBMIT_REPORT", actors.lab, { report: { complete: true, level: "L2", profile: { vision: "L2" } } }),
    ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ids, experts: expertFacts(ids) }),
    ...ids.map((id) => ev("VOTE", expertActor(id), { verdict: "approve", level: "L2", rationale: "ok" })),
  ]);

describe("levels", () => {
  it("rank L1…L4 as 1…4 and null below every level; levelsUpTo never passes the lab level", () => {
    expect([null, "L1", "L2", "L3", "L4"].map((l) => levelRank(l as never))).toEqual([0, 1, 2, 3, 4]);
    expect(levelsUpTo("L2")).toEqual(["L1", "L2"]);
    expect(levelsUpTo(null)).toEqual([]);
  });
});

describe("who sends each event", () => {
  it("has one role list per event; the system sends only SUSPEND (surveillance overdue) and EXPIRE, and no person role is missing from ROLES", () => {
    expect(Object.keys(EVENT_ROLES).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES.filter((t) => mayRoleSend("system", t))).toEqual(["SUSPEND", "EXPIRE"]);
    expect(ROLES).toEqual([...USER_ROLES, "system"]);
  });

  it("a role outside the table is refused ROLE_MAY_NOT_SEND, by the rules and by checkAllowed alike", () => {
    const snap = decision();
    const { state, context } = readCase(snap);
    const r = checkEvent(state, context, ev("AWARD", actors.vendor, { level: "L2" }));
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN", reason: "ROLE_MAY_NOT_SEND", params: { role: "vendor", event: "AWARD" } });
    expect(checkAllowed(state, context, actors.vendor, "AWARD")).toMatchObject({ ok: false, reason: "ROLE_MAY_NOT_SEND" });
    expect(checkAllowed(state, context, actors.ministry, "AWARD")).toEqual({ ok: true });
    expect(checkAllowed(state, context, actors.lab, "SUBMIT_REPORT")).toMatchObject({ ok: false, code: "CONFLICT", reason: "EVENT_NOT_ALLOWED_IN_STATE", params: { state: "decision" } });
  });
});

describe("refusals carry a code and parameters", () => {
  it("an award above the lab level is LEVEL_ABOVE_LAB { level, labLevel } on the level field", () => {
    const { state, context } = readCase(decision());
    const r = checkEvent(state, context, ev("AWARD", actors.ministry, { level: "L4", justification: "x" }));
    expect(r).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      reason: "LEVEL_ABOVE_LAB",
      params: { level: "L4", labLevel: "L2" },
      fields: { level: { reason: "LEVEL_ABOVE_LAB", params: { level: "L4", labLevel: "L2" } } },
      details: { reason: "LEVEL_ABOVE_LAB" },
    });
  });

  it("a zod refusal names the field, keeps zod's English in details and never overwrites a field called reason", () => {
    const { state, context } = readCase(decision());
    const r = checkEvent(state, context, ev("DENY", actors.ministry, { reason: "" }));
    expect(r).toMatchObject({ ok: false, reason: "INVALID_REQUEST", fields: { reason: { reason: "FIELD_REQUIRED" } } });
    if (!r.ok) expect(r.details?.reason).not.toBe("INVALID_REQUEST");
  });
});

describe("the appeal deadline", () => {
  const rejected = () => run([ev("DENY", actors.ministry, { reason: "weak" })], decision());

  it("is the rule's: appealing at the deadline passes, a millisecond later is APPEAL_WINDOW_CLOSED naming it", () => {
    const { state, context } = readCase(rejected());
    const deadline = appealDeadline(context)!;
    expect(Date.parse(deadline) - Date.parse(T0)).toBe(APPEAL_WINDOW_DAYS * DAY_MS);
    expect(checkEvent(state, context, ev("APPEAL", actors.vendor, { grounds: "x" }, deadline))).toEqual({ ok: true });
    const late = new Date(Date.parse(deadline) + 1).toISOString();
    expect(checkEvent(state, context, ev("APPEAL", actors.vendor, { grounds: "x" }, late))).toMatchObject({
      ok: false,
      code: "CONFLICT",
      reason: "APPEAL_WINDOW_CLOSED",
      params: { deadline, days: APPEAL_WINDOW_DAYS },
    });
    expect(appealDeadline({ rejectedAt: null, deniedBy: null, appealed: false })).toBeNull();
    expect(appealDeadline({ adverse: null, rejectedAt: T0, deniedBy: null, appealed: false })).toBeNull();
  });
});

describe("report round and stage limits", () => {
  it("the lab fills round + 1", () => {
    expect(reportRound({ round: 0 })).toBe(1);
    expect(reportRound({ round: 2 })).toBe(3);
  });

  it("parse only positive days of the four stages; both review states count against review", () => {
    expect(parseStageLimits('{"screening":5,"review":10,"testing":0,"decision":"7","draft":3}')).toEqual({ screening: 5, review: 10 });
    expect(parseStageLimits("not json")).toEqual({});
    expect(parseStageLimits("[1,2]")).toEqual({});
    expect(parseStageLimits(null)).toEqual({});
    const entered = new Date(T0);
    expect(stageDue('{"review":10}', "review.voting", entered)?.getTime()).toBe(entered.getTime() + 10 * DAY_MS);
    expect(stageDue('{"review":10}', "certified", entered)).toBeNull();
  });
});

describe("audit event types", () => {
  it("are one list without repeats that holds every lifecycle event", () => {
    expect(new Set(AUDIT_EVENT_TYPES).size).toBe(AUDIT_EVENT_TYPES.length);
    for (const t of EVENT_TYPES) expect(AUDIT_EVENT_TYPES).toContain(t);
  });
});
