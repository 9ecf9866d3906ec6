// Model-based tests: traverse the machine with xstate/graph, driving it with events the rules
// accept, and check every state is reached, every defined transition taken, everything else refused.
import { describe, expect, it } from "vitest";
import type { AnyStateNode, AnyTransitionDefinition, SnapshotFrom } from "xstate";
import { getAdjacencyMap, getShortestPaths, getStateNodes } from "xstate/graph";
import {
  allowedEvents,
  checkEvent,
  createCaseSnapshot,
  EVENT_SOURCES,
  EVENT_TYPES,
  FINAL_STATES,
  STATES,
  stateString,
  transition,
  type CaseEvent,
  type PersistedCaseSnapshot,
} from "./index";
import { certificationMachine } from "./machine";
import { acceptedEvents, input, sampleEvent } from "@/test/fixtures/certification";

type Snap = SnapshotFrom<typeof certificationMachine>;

/** Abstract state: enough to tell apart every situation the rules distinguish, small enough to be finite. */
const serializeState = (s: Snap) =>
  JSON.stringify([
    s.value,
    s.context.panel.map((p) => p.active),
    s.context.votes.map((v) => v.verdict).sort(),
    s.context.recommendation?.verdict ?? null,
    s.context.appealed,
    s.context.adverse?.kind ?? null,
    s.context.adverse?.appealed ?? null,
    s.context.pendingAppeal?.kind ?? null,
    s.context.pendingAppeal?.from ?? null,
    s.context.awardedLevel,
    s.context.needsFreshPanel,
    s.context.labLevel,
    s.context.deniedBy,
  ]);

const traversal = {
  input,
  events: (s: Snap) => acceptedEvents(stateString(s.value), s.context),
  serializeState,
  serializeEvent: (e: CaseEvent) => JSON.stringify(e),
};

const adjacency = getAdjacencyMap(certificationMachine, traversal);
const steps = Object.values(adjacency).flatMap((v) =>
  // AdjacencyValue keys are branded strings, so Object.values loses the value type.
  (Object.values(v.transitions) as { event: CaseEvent; state: Snap }[]).map((t) => ({ state: v.state, event: t.event, next: t.state })),
);
const paths = getShortestPaths(certificationMachine, traversal);

/** Every transition the machine defines, from its own definition (not a hand-kept list). */
function definedTransitions(): Map<AnyTransitionDefinition, string> {
  const all = new Map<AnyTransitionDefinition, string>();
  const nodes: AnyStateNode[] = [certificationMachine.root, ...getStateNodes(certificationMachine.root)];
  for (const node of nodes) {
    for (const [eventType, list] of node.transitions as Map<string, AnyTransitionDefinition[]>) {
      list.forEach((t, i) => {
        const guard = typeof t.guard === "object" && t.guard ? (t.guard as { type: string }).type : String(t.guard);
        const target = t.target?.map((n) => n.id).join(",") ?? "(self)";
        all.set(t, `${node.id} --${eventType}[${i}:${guard}]--> ${target}`);
      });
    }
  }
  return all;
}

/** The event types each leaf state handles, including those inherited from its parent. */
function machineEventTable(): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const state of STATES) {
    const types = new Set<string>();
    let node: AnyStateNode | undefined = certificationMachine.getStateNodeById(`certification.${state}`);
    while (node) {
      for (const t of (node.transitions as Map<string, unknown>).keys()) types.add(t);
      node = node.parent;
    }
    table[state] = [...types].sort();
  }
  return table;
}

function snapshotIn(state: string): Snap {
  const path = paths.find((p) => stateString(p.state.value) === state);
  if (!path) throw new Error(`state ${state} not reached`);
  return path.state;
}

describe("certification machine (model-based)", () => {
  it("reaches every state", () => {
    const reached = new Set(paths.map((p) => stateString(p.state.value)));
    expect([...reached].sort()).toEqual([...STATES].sort());
  });

  it("takes every transition the machine defines", () => {
    const defined = definedTransitions();
    const taken = new Set<AnyTransitionDefinition>();
    for (const { state, event } of steps) {
      for (const t of certificationMachine.getTransitionData(state, event)) taken.add(t);
    }
    const missed = [...defined].filter(([t]) => !taken.has(t)).map(([, label]) => label);
    expect(missed).toEqual([]);
    expect(defined.size).toBeGreaterThan(EVENT_TYPES.length);
  });

  it("accepts every generated event, per the rules and the machine alike", () => {
    expect(steps.length).toBeGreaterThan(1000);
    for (const { state, event } of steps) {
      const where = stateString(state.value);
      expect(checkEvent(where, state.context, event), `${where} ${event.type}`).toEqual({ ok: true });
      expect(certificationMachine.getTransitionData(state, event).length, `${where} ${event.type}`).toBe(1);
      expect(allowedEvents(where, state.context, event.actor, event.at)).toContain(event.type);
    }
  });

  it("replays every shortest path through the persisted-snapshot transition", () => {
    for (const path of paths) {
      let snapshot: PersistedCaseSnapshot = createCaseSnapshot(input);
      for (const step of path.steps.filter((st) => (st.event.type as string) !== "xstate.init")) {
        // JSON round trip: what the database stores is what the next request restores.
        snapshot = JSON.parse(JSON.stringify(snapshot));
        const result = transition(snapshot, step.event);
        expect(result.changed).toBe(true);
        expect(result.state).toBe(stateString(step.state.value));
        snapshot = result.snapshot;
      }
      const last = transition(snapshot, { type: "NOPE" } as unknown as CaseEvent);
      expect(last.changed).toBe(false);
      expect(last.state).toBe(stateString(path.state.value));
      // Path states are representatives of an abstract state: the replay must land in the same one.
      const replayed = certificationMachine.resolveState({ value: last.snapshot.value, context: last.context });
      expect(serializeState(replayed)).toBe(serializeState(path.state));
    }
  });

  it("handles in each state exactly the events of the rules' table", () => {
    const fromRules: Record<string, string[]> = Object.fromEntries(STATES.map((s) => [s, [] as string[]]));
    for (const type of EVENT_TYPES) for (const s of EVENT_SOURCES[type]) fromRules[s].push(type);
    for (const s of STATES) fromRules[s].sort();
    expect(machineEventTable()).toEqual(fromRules);
  });

  it("marks withdrawn and expired final, and only those (a revocation may still be appealed)", () => {
    const finals = STATES.filter((s) => certificationMachine.getStateNodeById(`certification.${s}`).type === "final");
    expect(finals.sort()).toEqual([...FINAL_STATES].sort());
    expect(certificationMachine.getStateNodeById("certification.rejected").type).not.toBe("final");
  });

  describe.each(STATES)("in %s", (state) => {
    const refused = EVENT_TYPES.filter((t) => !EVENT_SOURCES[t].includes(state));
    it.each(refused)("refuses %s with CONFLICT and changes nothing", (type) => {
      const snap = snapshotIn(state);
      const event = sampleEvent(type, snap.context);
      const check = checkEvent(state, snap.context, event);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.code).toBe("CONFLICT");
      const persisted = certificationMachine.getPersistedSnapshot(snap) as PersistedCaseSnapshot;
      const result = transition(persisted, event);
      expect(result.changed).toBe(false);
      expect(result.state).toBe(state);
      expect(result.snapshot).toEqual(persisted);
      expect(allowedEvents(state, snap.context, event.actor, event.at)).not.toContain(type);
    });
  });
});
