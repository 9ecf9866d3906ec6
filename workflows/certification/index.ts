// Public surface of the certification workflow: the machine, its rules, and persisted-snapshot helpers.
import { createActor, transition as pureTransition, type Snapshot, type SnapshotFrom, type StateValue } from "xstate";
import { certificationMachine } from "./machine";
import type { CaseContext, CaseEvent, CaseInput } from "./types";

export { certificationMachine, initialContext, DEFAULT_PANEL_SIZE, DEFAULT_VALIDITY_MONTHS } from "./machine";
export {
  checkEvent,
  checkPermitted,
  checkAllowed,
  allowedEvents,
  isEventAllowedIn,
  eventPayloadSchemas,
  EVENT_TYPES,
  EVENT_SOURCES,
  STATES,
  FINAL_STATES,
  addMonths,
  type StateString,
} from "./rules";
export * from "./policy";
export * from "./types";
export { tally } from "../review/tally";

/** The JSON-serialisable snapshot stored with a case. */
// xstate types getPersistedSnapshot() as a bare Snapshot<unknown>; these are the fields we rely on.
export type PersistedCaseSnapshot = Snapshot<unknown> & { value: StateValue; context: CaseContext };

/** 'draft', or 'review.voting' for `{ review: 'voting' }`. */
export function stateString(value: StateValue): string {
  if (typeof value === "string") return value;
  const [key] = Object.keys(value);
  const child = value[key];
  return child === undefined ? key : `${key}.${stateString(child as StateValue)}`;
}

export function createCaseSnapshot(input: CaseInput): PersistedCaseSnapshot {
  return createActor(certificationMachine, { input }).getPersistedSnapshot() as PersistedCaseSnapshot;
}

export type TransitionResult = {
  /** false when the event was refused (no guard passed or not handled here): nothing changed. */
  changed: boolean;
  snapshot: PersistedCaseSnapshot;
  state: string;
  context: CaseContext;
};

function restore(snapshot: PersistedCaseSnapshot): SnapshotFrom<typeof certificationMachine> {
  // The constructor restores the snapshot without starting the actor: nothing runs.
  // xstate's types demand `input` even when restoring; it is ignored when `snapshot` is given.
  return createActor(certificationMachine, { snapshot, input: undefined as unknown as CaseInput }).getSnapshot();
}

/** Applies one event to a persisted snapshot, purely (no actor is started, no action executed). */
export function transition(snapshot: PersistedCaseSnapshot, event: CaseEvent): TransitionResult {
  const current = restore(snapshot);
  const enabled = current.status === "active" && certificationMachine.getTransitionData(current, event).length > 0;
  const next = enabled ? pureTransition(certificationMachine, current, event)[0] : current;
  return {
    changed: enabled,
    snapshot: enabled ? (certificationMachine.getPersistedSnapshot(next) as PersistedCaseSnapshot) : snapshot,
    state: stateString(next.value),
    context: next.context,
  };
}

/** The dotted state and context of a persisted snapshot. */
export function readCase(snapshot: PersistedCaseSnapshot): { state: string; context: CaseContext } {
  const s = restore(snapshot);
  return { state: stateString(s.value), context: s.context };
}

