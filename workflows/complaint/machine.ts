// The complaint's handling (docs/domain.md#complaints): one pure XState v5 machine, guards and assign only.
//   received —TRIAGE { handlerId } (secretariat)→ investigating —CLOSE { outcome, publicSummary } (the handler)→ closed
import { assign, setup } from "xstate";
import { checkComplaintEvent } from "./rules";
import type { ComplaintContext, ComplaintEvent, ComplaintEventOf, ComplaintEventType } from "./types";

export function initialComplaintContext(): ComplaintContext {
  return { handlerId: null, triagedBy: null, outcome: null, publicSummary: null, closedBy: null };
}

function narrow<T extends ComplaintEventType>(event: ComplaintEvent, type: T): ComplaintEventOf<T> {
  if (event.type !== type) throw new Error(`Expected ${type}, got ${event.type}`);
  return event as ComplaintEventOf<T>;
}

export const complaintMachine = setup({
  types: {
    context: {} as ComplaintContext,
    events: {} as ComplaintEvent,
  },
  guards: {
    canTriage: ({ context, event }) => checkComplaintEvent("received", context, event).ok,
    canClose: ({ context, event }) => checkComplaintEvent("investigating", context, event).ok,
  },
  actions: {
    assignHandler: assign(({ event }) => {
      const e = narrow(event, "TRIAGE");
      return { handlerId: e.handlerId.trim(), triagedBy: e.actor.id };
    }),
    recordOutcome: assign(({ event }) => {
      const e = narrow(event, "CLOSE");
      return { outcome: e.outcome, publicSummary: e.publicSummary.trim(), closedBy: e.actor.id };
    }),
  },
}).createMachine({
  id: "complaint",
  initial: "received",
  context: initialComplaintContext,
  states: {
    received: { on: { TRIAGE: { guard: "canTriage", target: "investigating", actions: "assignHandler" } } },
    investigating: { on: { CLOSE: { guard: "canClose", target: "closed", actions: "recordOutcome" } } },
    closed: { type: "final" },
  },
});
