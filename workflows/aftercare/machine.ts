// A change case (docs/domain.md#after-care): one pure XState v5 machine, guards and assign only.
//   classification —CLASSIFY minor→ amended | —CLASSIFY major→ retesting —SUBMIT_REPORT→ evaluation
//   evaluation —CONCLUDE→ amended | downgraded | suspended; retesting —CONCLUDE (system, surveillance overdue)→ suspended
//   classification, retesting —WITHDRAW (vendor)→ withdrawn
// A surveillance opens in `retesting` (openChangeCase); every other change in `classification`.
import { assign, setup } from "xstate";
import { checkChangeEvent } from "./rules";
import type { ChangeContext, ChangeEvent, ChangeEventOf, ChangeEventType, ChangeKind } from "./types";

export function initialChangeContext(kind: ChangeKind = "software", labId: string | null = null, items: string[] = []): ChangeContext {
  return {
    kind,
    labId,
    classification: null,
    items,
    classifiedBy: null,
    classifyReason: null,
    retestLevel: null,
    failing: [],
    reportedAt: null,
    outcome: null,
    level: null,
    reason: null,
    concludedBy: null,
  };
}

function narrow<T extends ChangeEventType>(event: ChangeEvent, type: T): ChangeEventOf<T> {
  if (event.type !== type) throw new Error(`Expected ${type}, got ${event.type}`);
  return event as ChangeEventOf<T>;
}

const ok = (state: string) => ({ context, event }: { context: ChangeContext; event: ChangeEvent }) => checkChangeEvent(state, context, event).ok;

export const changeMachine = setup({
  types: {
    context: {} as ChangeContext,
    events: {} as ChangeEvent,
  },
  guards: {
    canClassifyMinor: ({ context, event }) => ok("classification")({ context, event }) && narrow(event, "CLASSIFY").classification === "minor",
    canClassifyMajor: ({ context, event }) => ok("classification")({ context, event }) && narrow(event, "CLASSIFY").classification === "major",
    canSubmitReport: ok("retesting"),
    canConcludeAmended: ({ context, event }) => ok("evaluation")({ context, event }) && narrow(event, "CONCLUDE").outcome === "amended",
    canConcludeDowngraded: ({ context, event }) => ok("evaluation")({ context, event }) && narrow(event, "CONCLUDE").outcome === "downgraded",
    canConcludeSuspended: ({ context, event }) => ok("evaluation")({ context, event }) && narrow(event, "CONCLUDE").outcome === "suspended",
    canLapse: ({ context, event }) => ok("retesting")({ context, event }) && narrow(event, "CONCLUDE").outcome === "suspended",
    canWithdrawClassification: ok("classification"),
    canWithdrawRetesting: ok("retesting"),
  },
  actions: {
    recordClassification: assign(({ event }) => {
      const e = narrow(event, "CLASSIFY");
      return {
        classification: e.classification,
        items: e.classification === "major" ? e.items.map((i) => i.trim()) : [],
        classifiedBy: e.actor.id,
        classifyReason: e.reason.trim(),
        // A minor change is the amendment itself: nothing else will conclude it.
        ...(e.classification === "minor" ? { outcome: "amended" as const, reason: e.reason.trim(), concludedBy: e.actor.id } : {}),
      };
    }),
    recordReport: assign(({ event }) => {
      const e = narrow(event, "SUBMIT_REPORT");
      return { retestLevel: e.report?.level ?? null, failing: e.report?.failing ?? [], reportedAt: e.at };
    }),
    recordConclusion: assign(({ event }) => {
      const e = narrow(event, "CONCLUDE");
      return { outcome: e.outcome, level: e.outcome === "downgraded" ? (e.level ?? null) : null, reason: e.reason.trim(), concludedBy: e.actor.id };
    }),
    recordWithdrawal: assign(({ event }) => {
      const e = narrow(event, "WITHDRAW");
      return { reason: e.reason?.trim() || null, concludedBy: e.actor.id };
    }),
  },
}).createMachine({
  id: "change",
  initial: "classification",
  context: () => initialChangeContext(),
  states: {
    classification: {
      on: {
        CLASSIFY: [
          { guard: "canClassifyMinor", target: "amended", actions: "recordClassification" },
          { guard: "canClassifyMajor", target: "retesting", actions: "recordClassification" },
        ],
        WITHDRAW: { guard: "canWithdrawClassification", target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    retesting: {
      on: {
        SUBMIT_REPORT: { guard: "canSubmitReport", target: "evaluation", actions: "recordReport" },
        CONCLUDE: { guard: "canLapse", target: "suspended", actions: "recordConclusion" },
        WITHDRAW: { guard: "canWithdrawRetesting", target: "withdrawn", actions: "recordWithdrawal" },
      },
    },
    evaluation: {
      on: {
        CONCLUDE: [
          { guard: "canConcludeAmended", target: "amended", actions: "recordConclusion" },
          { guard: "canConcludeDowngraded", target: "downgraded", actions: "recordConclusion" },
          { guard: "canConcludeSuspended", target: "suspended", actions: "recordConclusion" },
        ],
      },
    },
    amended: { type: "final" },
    downgraded: { type: "final" },
    suspended: { type: "final" },
    withdrawn: { type: "final" },
  },
});
