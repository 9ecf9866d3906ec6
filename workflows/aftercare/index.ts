// Public surface of the after-care workflow: the change machine and a pure transition over a stored
// state and context. Pure.
import { transition as pureTransition } from "xstate";
import { changeMachine, initialChangeContext } from "./machine";
import type { ChangeContext, ChangeEvent, ChangeKind, ChangeState } from "./types";

export { changeMachine, initialChangeContext } from "./machine";
export * from "./rules";
export * from "./types";

export type ChangeTransition = { changed: boolean; state: ChangeState; context: ChangeContext };

/** Where a new change case starts: a surveillance goes straight to its lab, any other change to classification. */
export function openChangeCase(kind: ChangeKind, labId: string | null, items: string[]): { state: ChangeState; context: ChangeContext } {
  if (kind === "surveillance") {
    return { state: "retesting", context: { ...initialChangeContext(kind, labId, items), classification: "major" } };
  }
  return { state: "classification", context: initialChangeContext(kind, labId, []) };
}

/** Applies one event to a change case in `state` with `context`, purely (no actor is started). */
export function transitionChange(state: ChangeState, context: ChangeContext, event: ChangeEvent): ChangeTransition {
  const current = changeMachine.resolveState({ value: state, context });
  const enabled = current.status === "active" && changeMachine.getTransitionData(current, event).length > 0;
  if (!enabled) return { changed: false, state, context };
  const [next] = pureTransition(changeMachine, current, event);
  return { changed: true, state: next.value as ChangeState, context: next.context };
}
