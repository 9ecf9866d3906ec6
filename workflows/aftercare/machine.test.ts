// The change machine, model-based: xstate/graph walks every transition with events the rules
// accept; then every event in every state, allowed ones moving on, the others refused with no
// change; then each guard both ways.
import { describe, expect, it } from "vitest";
import { getShortestPaths } from "xstate/graph";
import {
  CHANGE_EVENT_TYPES,
  CHANGE_STATES,
  changeMachine,
  checkChangeEvent,
  initialChangeContext,
  openChangeCase,
  suggestedItems,
  transitionChange,
  type ChangeContext,
  type ChangeEvent,
  type ChangeState,
} from "./index";

const at = "2026-12-01T10:00:00.000Z";
const LAB = "lab-org-1";
const secretariat = { id: "sec-1", role: "secretariat", orgId: "wg" };
const lab = { id: "lab-1", role: "lab", orgId: LAB };
const ministry = { id: "min-1", role: "ministry", orgId: "miit" };
const vendor = { id: "ven-1", role: "vendor", orgId: "v-org" };
const system = { id: "system", role: "system", orgId: null };
const SCHEME_ITEMS = ["asr_cer_quiet", "intent_accuracy", "tokens_per_second", "first_token_latency", "e2e_latency_p90"];

const classify = (over: Partial<Extract<ChangeEvent, { type: "CLASSIFY" }>> = {}): ChangeEvent => ({
  type: "CLASSIFY", actor: secretariat, at, classification: "major", items: ["intent_accuracy", "tokens_per_second"], reason: "New on-device model", schemeItems: SCHEME_ITEMS, ...over,
});
const submit = (over: Partial<Extract<ChangeEvent, { type: "SUBMIT_REPORT" }>> = {}): ChangeEvent => ({
  type: "SUBMIT_REPORT", actor: lab, at,
  report: { complete: true, items: ["intent_accuracy", "tokens_per_second"], level: "L2", failing: ["tokens_per_second"] }, ...over,
});
const conclude = (over: Partial<Extract<ChangeEvent, { type: "CONCLUDE" }>> = {}): ChangeEvent => ({
  type: "CONCLUDE", actor: ministry, at, outcome: "downgraded", level: "L2", reason: "Generation speed fell below L3", awardedLevel: "L3", overdue: false, ...over,
});
const withdraw = (over: Partial<Extract<ChangeEvent, { type: "WITHDRAW" }>> = {}): ChangeEvent => ({ type: "WITHDRAW", actor: vendor, at, ...over });

const base = initialChangeContext("on_device_model", LAB);
const contextIn = (state: ChangeState): ChangeContext => {
  switch (state) {
    case "classification":
      return base;
    case "retesting":
      return { ...base, classification: "major", items: ["intent_accuracy", "tokens_per_second"], classifiedBy: secretariat.id, classifyReason: "x" };
    case "evaluation":
      return { ...contextIn("retesting"), retestLevel: "L2", failing: ["tokens_per_second"], reportedAt: at };
    default:
      return { ...contextIn("evaluation"), outcome: state === "withdrawn" ? null : (state as "amended"), concludedBy: ministry.id, reason: "done" };
  }
};

/** One event of each type that the rules accept in a state where it is allowed. */
const eventFor = (type: string): ChangeEvent =>
  type === "CLASSIFY" ? classify() : type === "SUBMIT_REPORT" ? submit() : type === "CONCLUDE" ? conclude() : withdraw();

describe("change machine (model-based)", () => {
  it("reaches every state along paths of accepted events", () => {
    const events = [
      classify(),
      classify({ classification: "minor", items: [] }),
      submit(),
      conclude(),
      conclude({ outcome: "amended", level: null, awardedLevel: "L2" }),
      conclude({ outcome: "suspended", level: null, correctBy: "2027-01-15" }),
      withdraw(),
    ];
    const fromState = changeMachine.resolveState({ value: "classification", context: base });
    const paths = getShortestPaths(changeMachine, { events, fromState });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual([...CHANGE_STATES].sort());
  });

  it("reaches every transition: each (state, event, target) of the machine is taken by some accepted event", () => {
    const taken = new Set<string>();
    const tries: [ChangeState, ChangeContext, ChangeEvent][] = [
      ["classification", contextIn("classification"), classify({ classification: "minor", items: [] })],
      ["classification", contextIn("classification"), classify()],
      ["classification", contextIn("classification"), withdraw()],
      ["retesting", contextIn("retesting"), submit()],
      ["retesting", { ...contextIn("retesting"), kind: "surveillance" }, conclude({ actor: system, outcome: "suspended", overdue: true, level: null })],
      ["retesting", contextIn("retesting"), withdraw()],
      ["evaluation", contextIn("evaluation"), conclude({ outcome: "amended", awardedLevel: "L2", level: null })],
      ["evaluation", contextIn("evaluation"), conclude()],
      ["evaluation", contextIn("evaluation"), conclude({ outcome: "suspended", level: null, correctBy: "2027-01-15" })],
    ];
    for (const [state, ctx, event] of tries) {
      const r = transitionChange(state, ctx, event);
      expect(r.changed, `${event.type} in ${state}`).toBe(true);
      taken.add(`${state}:${event.type}:${r.state}`);
    }
    // Every transition the machine defines, read from its definition.
    const defined = new Set<string>();
    for (const [name, node] of Object.entries(changeMachine.states)) {
      for (const [type, list] of node.transitions) {
        for (const t of list) for (const target of t.target ?? []) defined.add(`${name}:${type}:${target.key}`);
      }
    }
    expect([...taken].sort()).toEqual([...defined].sort());
  });

  const allowed: Record<ChangeState, string[]> = {
    classification: ["CLASSIFY", "WITHDRAW"],
    retesting: ["SUBMIT_REPORT", "WITHDRAW"],
    evaluation: ["CONCLUDE"],
    amended: [],
    downgraded: [],
    suspended: [],
    withdrawn: [],
  };
  for (const state of CHANGE_STATES) {
    for (const type of CHANGE_EVENT_TYPES) {
      const event = eventFor(type);
      if (allowed[state].includes(type)) {
        it(`${type} in ${state} moves on`, () => {
          expect(transitionChange(state, contextIn(state), event).changed).toBe(true);
        });
      } else {
        it(`${type} in ${state} is refused and changes nothing`, () => {
          const ctx = contextIn(state);
          expect(transitionChange(state, ctx, event)).toEqual({ changed: false, state, context: ctx });
          expect(checkChangeEvent(state, ctx, event).ok).toBe(false);
        });
      }
    }
  }
});

describe("change guards, both ways", () => {
  it("each event only by its role", () => {
    const byRole = { CLASSIFY: "secretariat", SUBMIT_REPORT: "lab", CONCLUDE: "ministry", WITHDRAW: "vendor" } as const;
    const states = { CLASSIFY: "classification", SUBMIT_REPORT: "retesting", CONCLUDE: "evaluation", WITHDRAW: "classification" } as const;
    for (const type of CHANGE_EVENT_TYPES) {
      for (const role of ["vendor", "lab", "expert", "secretariat", "ministry", "admin"]) {
        const event = { ...eventFor(type), actor: { id: "u", role, orgId: LAB } } as ChangeEvent;
        const r = checkChangeEvent(states[type], contextIn(states[type]), event);
        if (role === byRole[type]) expect(r.ok, `${role} ${type}`).toBe(true);
        else expect(r, `${role} ${type}`).toMatchObject({ ok: false, reason: "ROLE_MAY_NOT_SEND" });
      }
    }
  });

  it("CLASSIFY: a major change lists known items, once each; a minor one lists none", () => {
    const ctx = contextIn("classification");
    expect(checkChangeEvent("classification", ctx, classify({ items: [] }))).toMatchObject({ reason: "CHANGE_ITEMS_REQUIRED" });
    expect(checkChangeEvent("classification", ctx, classify({ items: ["nope"] }))).toMatchObject({ reason: "CHANGE_ITEM_UNKNOWN", params: { item: "nope" } });
    expect(checkChangeEvent("classification", ctx, classify({ items: ["intent_accuracy", "intent_accuracy"] }))).toMatchObject({ reason: "CHANGE_ITEM_REPEATED" });
    expect(checkChangeEvent("classification", ctx, classify({ classification: "minor" }))).toMatchObject({ reason: "CHANGE_ITEMS_NOT_FOR_MINOR" });
    expect(checkChangeEvent("classification", ctx, classify({ reason: "  " }))).toMatchObject({ reason: "INVALID_REQUEST" });
    // A minor change is concluded by its classification: amended, with the reason.
    const minor = transitionChange("classification", ctx, classify({ classification: "minor", items: [] }));
    expect(minor).toMatchObject({ state: "amended", context: { outcome: "amended", classification: "minor", items: [], concludedBy: secretariat.id } });
  });

  it("SUBMIT_REPORT: only the case's lab, with a complete report over exactly the listed items", () => {
    const ctx = contextIn("retesting");
    expect(checkChangeEvent("retesting", ctx, submit({ actor: { ...lab, orgId: "other-lab" } }))).toMatchObject({ reason: "LAB_NOT_ASSIGNED" });
    expect(checkChangeEvent("retesting", ctx, submit({ report: null }))).toMatchObject({ reason: "CHANGE_REPORT_MISSING" });
    expect(checkChangeEvent("retesting", ctx, submit({ report: { complete: true, items: ["intent_accuracy"], level: "L3", failing: [] } }))).toMatchObject({
      reason: "CHANGE_REPORT_ITEM_MISSING", params: { item: "tokens_per_second" },
    });
    expect(
      checkChangeEvent("retesting", ctx, submit({ report: { complete: true, items: ["intent_accuracy", "tokens_per_second", "asr_cer_quiet"], level: "L3", failing: [] } })),
    ).toMatchObject({ reason: "CHANGE_REPORT_ITEM_NOT_LISTED", params: { item: "asr_cer_quiet" } });
    const r = transitionChange("retesting", ctx, submit());
    expect(r).toMatchObject({ state: "evaluation", context: { retestLevel: "L2", failing: ["tokens_per_second"], reportedAt: at } });
  });

  it("CONCLUDE: amended only when the re-test holds the level; a downgrade below the award and within the re-test; a suspension with a date", () => {
    const ctx = contextIn("evaluation"); // re-test supports L2, L3 awarded
    expect(checkChangeEvent("evaluation", ctx, conclude({ outcome: "amended", level: null }))).toMatchObject({ reason: "RETEST_BELOW_AWARDED" });
    expect(checkChangeEvent("evaluation", { ...ctx, retestLevel: "L3" }, conclude({ outcome: "amended", level: null })).ok).toBe(true);
    expect(checkChangeEvent("evaluation", ctx, conclude({ level: null }))).toMatchObject({ reason: "CHANGE_LEVEL_REQUIRED" });
    expect(checkChangeEvent("evaluation", ctx, conclude({ level: "L3" }))).toMatchObject({ reason: "LEVEL_NOT_BELOW_AWARDED" });
    expect(checkChangeEvent("evaluation", { ...ctx, retestLevel: "L1" }, conclude({ level: "L2" }))).toMatchObject({ reason: "LEVEL_ABOVE_RETEST" });
    expect(checkChangeEvent("evaluation", { ...ctx, retestLevel: null }, conclude({ level: "L1" }))).toMatchObject({ reason: "LEVEL_ABOVE_RETEST" });
    expect(checkChangeEvent("evaluation", ctx, conclude({ outcome: "suspended", level: null }))).toMatchObject({ reason: "CORRECT_BY_REQUIRED" });
    expect(checkChangeEvent("evaluation", ctx, conclude()).ok).toBe(true);
    // The ministry concludes only after the re-test.
    expect(checkChangeEvent("retesting", contextIn("retesting"), conclude())).toMatchObject({ reason: "CHANGE_EVENT_NOT_ALLOWED" });
  });

  it("CONCLUDE by the system: only an overdue surveillance, only by suspending", () => {
    const surv = { ...contextIn("retesting"), kind: "surveillance" as const };
    const lapse = (over: Partial<Extract<ChangeEvent, { type: "CONCLUDE" }>>) => conclude({ actor: system, outcome: "suspended", level: null, overdue: true, ...over });
    expect(checkChangeEvent("retesting", surv, lapse({})).ok).toBe(true);
    expect(checkChangeEvent("retesting", surv, lapse({ overdue: false }))).toMatchObject({ reason: "CHANGE_NOT_OVERDUE" });
    expect(checkChangeEvent("retesting", contextIn("retesting"), lapse({}))).toMatchObject({ reason: "CHANGE_NOT_OVERDUE" });
    expect(checkChangeEvent("retesting", surv, lapse({ outcome: "amended" }))).toMatchObject({ reason: "ROLE_MAY_NOT_SEND" });
    expect(transitionChange("retesting", surv, lapse({}))).toMatchObject({ changed: true, state: "suspended" });
  });

  it("WITHDRAW: the vendor's own changes, never a surveillance", () => {
    const surv = { ...contextIn("retesting"), kind: "surveillance" as const };
    expect(checkChangeEvent("retesting", surv, withdraw())).toMatchObject({ reason: "SURVEILLANCE_NOT_WITHDRAWABLE" });
    expect(transitionChange("retesting", contextIn("retesting"), withdraw({ reason: " no longer shipping " }))).toMatchObject({
      state: "withdrawn", context: { reason: "no longer shipping", concludedBy: vendor.id },
    });
  });

  it("opens a surveillance in retesting with its items, any other change in classification", () => {
    expect(openChangeCase("surveillance", LAB, ["intent_accuracy"])).toMatchObject({ state: "retesting", context: { kind: "surveillance", items: ["intent_accuracy"], labId: LAB } });
    expect(openChangeCase("software", LAB, ["ignored"])).toMatchObject({ state: "classification", context: { kind: "software", items: [] } });
  });

  it("suggests the items the scheme's elements name for a kind of change, once each", () => {
    const elements = [
      { items: [{ key: "a" }, { key: "b" }], changeImpact: { on_device_model: ["a", "b"], software: ["a"] } },
      { items: [{ key: "c" }], changeImpact: { on_device_model: ["c", "a"] } },
      { items: [{ key: "d" }] },
    ];
    expect(suggestedItems(elements, "on_device_model")).toEqual(["a", "b", "c"]);
    expect(suggestedItems(elements, "software")).toEqual(["a"]);
    expect(suggestedItems(elements, "hardware")).toEqual([]);
  });
});
