// The complaint machine, model-based: xstate/graph walks every transition with events the rules
// accept; then every event in every state, allowed ones moving on, the others refused with no change.
import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { getShortestPaths } from "xstate/graph";
import {
  checkComplaintEvent,
  COMPLAINT_EVENT_TYPES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATES,
  complaintMachine,
  HANDLER_BAR_REASONS,
  initialComplaintContext,
  transitionComplaint,
  type ComplaintContext,
  type ComplaintEvent,
  type ComplaintState,
} from "./index";

const at = "2026-12-01T10:00:00.000Z";
const secretariat = { id: "sec-1", role: "secretariat" };
const handler = { id: "min-2", role: "ministry" };
const triage = (over: Partial<Extract<ComplaintEvent, { type: "TRIAGE" }>> = {}): ComplaintEvent => ({
  type: "TRIAGE", actor: secretariat, at, handlerId: handler.id, handlerBars: [], ...over,
});
const close = (over: Partial<Extract<ComplaintEvent, { type: "CLOSE" }>> = {}): ComplaintEvent => ({
  type: "CLOSE", actor: handler, at, outcome: "surveillance", publicSummary: "We asked the lab to re-test the product.", ...over,
});
const contextIn = (state: ComplaintState): ComplaintContext =>
  state === "received" ? initialComplaintContext()
  : state === "investigating" ? { ...initialComplaintContext(), handlerId: handler.id, triagedBy: secretariat.id }
  : { handlerId: handler.id, triagedBy: secretariat.id, outcome: "no_action", publicSummary: "Nothing found.", closedBy: handler.id };

describe("complaint machine (model-based)", () => {
  it("reaches every state along paths of accepted events", () => {
    const paths = getShortestPaths(complaintMachine, { events: [triage(), ...COMPLAINT_OUTCOMES.map((outcome) => close({ outcome }))] });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual([...COMPLAINT_STATES].sort());
    for (const p of paths) {
      // Each step of each path is one the rules accept in the state it leaves.
      for (const step of p.steps.slice(1)) expect(step.event.type).toMatch(/TRIAGE|CLOSE/);
    }
  });

  it("runs received → investigating → closed, keeping the handler, outcome and summary", () => {
    const a = createActor(complaintMachine).start();
    a.send(triage());
    expect(a.getSnapshot().value).toBe("investigating");
    expect(a.getSnapshot().context.handlerId).toBe(handler.id);
    a.send(close({ publicSummary: "  Re-tested: fine.  " }));
    expect(a.getSnapshot().value).toBe("closed");
    expect(a.getSnapshot().context).toMatchObject({ outcome: "surveillance", publicSummary: "Re-tested: fine.", closedBy: handler.id });
    expect(a.getSnapshot().status).toBe("done");
  });

  const allowed: Record<ComplaintState, string[]> = { received: ["TRIAGE"], investigating: ["CLOSE"], closed: [] };
  for (const state of COMPLAINT_STATES) {
    for (const type of COMPLAINT_EVENT_TYPES) {
      const event = type === "TRIAGE" ? triage() : close();
      if (allowed[state].includes(type)) {
        it(`${type} in ${state} moves on`, () => {
          const r = transitionComplaint(state, contextIn(state), event);
          expect(r.changed).toBe(true);
          expect(r.state).toBe(type === "TRIAGE" ? "investigating" : "closed");
        });
      } else {
        it(`${type} in ${state} is refused and changes nothing`, () => {
          const ctx = contextIn(state);
          const r = transitionComplaint(state, ctx, event);
          expect(r).toEqual({ changed: false, state, context: ctx });
          expect(checkComplaintEvent(state, ctx, event)).toMatchObject({ ok: false, reason: "COMPLAINT_EVENT_NOT_ALLOWED" });
        });
      }
    }
  }
});

describe("complaint guards, both ways", () => {
  it("TRIAGE only by the secretariat", () => {
    for (const role of ["ministry", "vendor", "lab", "expert", "admin", "public"]) {
      const e = triage({ actor: { id: "x", role } });
      expect(transitionComplaint("received", contextIn("received"), e).changed).toBe(false);
      expect(checkComplaintEvent("received", contextIn("received"), e)).toMatchObject({ ok: false, reason: "ROLE_MAY_NOT_SEND" });
    }
  });

  it("TRIAGE refuses a handler with any bar, naming it, and one whose facts were not looked up", () => {
    for (const bar of HANDLER_BAR_REASONS) {
      const e = triage({ handlerBars: [bar] });
      expect(transitionComplaint("received", contextIn("received"), e).changed).toBe(false);
      expect(checkComplaintEvent("received", contextIn("received"), e)).toEqual({ ok: false, reason: bar, params: { handlerId: handler.id } });
    }
    const noFacts = { ...triage(), handlerBars: undefined } as unknown as ComplaintEvent;
    expect(transitionComplaint("received", contextIn("received"), noFacts).changed).toBe(false);
  });

  it("CLOSE only by the assigned handler, with a known outcome and a summary", () => {
    const ctx = contextIn("investigating");
    expect(checkComplaintEvent("investigating", ctx, close({ actor: { id: "min-1", role: "ministry" } }))).toMatchObject({ ok: false, reason: "NOT_COMPLAINT_HANDLER" });
    expect(checkComplaintEvent("investigating", ctx, close({ actor: secretariat }))).toMatchObject({ ok: false, reason: "NOT_COMPLAINT_HANDLER" });
    expect(checkComplaintEvent("investigating", ctx, close({ actor: { id: handler.id, role: "vendor" } }))).toMatchObject({ ok: false, reason: "ROLE_MAY_NOT_SEND" });
    expect(checkComplaintEvent("investigating", ctx, close({ outcome: "fined" as never }))).toMatchObject({ ok: false, reason: "INVALID_REQUEST" });
    expect(checkComplaintEvent("investigating", ctx, close({ publicSummary: "  " }))).toMatchObject({ ok: false, reason: "INVALID_REQUEST" });
    expect(checkComplaintEvent("investigating", ctx, close({ publicSummary: "x".repeat(2001) }))).toMatchObject({ ok: false, reason: "INVALID_REQUEST" });
    for (const outcome of COMPLAINT_OUTCOMES) expect(checkComplaintEvent("investigating", ctx, close({ outcome })).ok).toBe(true);
  });

  it("an unknown event and one without an actor are refused", () => {
    const ctx = contextIn("received");
    expect(checkComplaintEvent("received", ctx, { type: "REOPEN" } as unknown as ComplaintEvent)).toMatchObject({ reason: "UNKNOWN_EVENT" });
    expect(checkComplaintEvent("received", ctx, { ...triage(), actor: undefined } as unknown as ComplaintEvent)).toMatchObject({ reason: "NO_ACTOR" });
    expect(transitionComplaint("received", ctx, { type: "REOPEN" } as unknown as ComplaintEvent).changed).toBe(false);
  });
});
