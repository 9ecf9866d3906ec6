// Public surface of the complaint workflow: the machine and a pure transition over a stored state. Pure.
import { transition as pureTransition } from "xstate";
import { complaintMachine } from "./machine";
import type { ComplaintContext, ComplaintEvent, ComplaintState } from "./types";

export { complaintMachine, initialComplaintContext } from "./machine";
export * from "./rules";
export * from "./types";

export type ComplaintTransition = { changed: boolean; state: ComplaintState; context: ComplaintContext };

/**
 * Applies one event to a complaint in `state` with `context`, purely (no actor is started). The
 * complaint's row holds its state and the context's columns, so the machine is resolved from them.
 */
export function transitionComplaint(state: ComplaintState, context: ComplaintContext, event: ComplaintEvent): ComplaintTransition {
  const current = complaintMachine.resolveState({ value: state, context });
  const enabled = current.status === "active" && complaintMachine.getTransitionData(current, event).length > 0;
  if (!enabled) return { changed: false, state, context };
  const [next] = pureTransition(complaintMachine, current, event);
  return { changed: true, state: next.value as ComplaintState, context: next.context };
}
