import { describe, expect, it } from "vitest";
import { certificationMachine, EVENT_SOURCES, EVENT_TYPES, FINAL_STATES, STATES, type EventType } from "@/workflows/certification";
import { edgePath, estimateTextWidth, layoutLifecycle, lifecycleGraph } from "./diagram";

type SN = {
  id: string;
  type: string;
  parent?: SN;
  initial?: { target: readonly SN[] };
  config: { on?: Record<string, unknown> };
  states: Record<string, SN>;
  on: Record<string, { target?: readonly SN[] }[]>;
};

const root = certificationMachine.root as unknown as SN;
const dotted = (node: SN) => node.id.replace(/^certification\./, "");
function byPath(path: string): SN {
  return path.split(".").reduce((n, key) => n.states[key], root);
}
function enter(node: SN): SN {
  return node.type === "compound" && node.initial ? enter(node.initial.target[0]) : node;
}

/** (source, event, target) of every transition, read from each leaf and its ancestors' `on`, not from xstate/graph. */
function machineTransitions(): Set<string> {
  const out = new Set<string>();
  for (const state of STATES) {
    const leaf = byPath(state);
    for (let n: SN | undefined = leaf; n && n !== root; n = n.parent) {
      for (const [event, transitions] of Object.entries(n.on)) {
        for (const tr of transitions) {
          const targets = tr.target?.length ? tr.target : [leaf];
          for (const target of targets) out.add(`${state}|${event}|${dotted(enter(target))}`);
        }
      }
    }
  }
  return out;
}

describe("the lifecycle diagram is the machine", () => {
  const graph = lifecycleGraph();

  it("has a node for every state and nothing else", () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([...STATES].sort());
    expect(graph.nodes.filter((n) => n.final).map((n) => n.id).sort()).toEqual([...FINAL_STATES].sort());
    expect(graph.nodes.filter((n) => n.initial).map((n) => n.id)).toEqual(["draft"]);
    expect(graph.nodes.find((n) => n.id === "review.voting")?.parent).toBe("review");
    expect(graph.clusters).toEqual([{ id: "review" }]);
  });

  it("has an edge for every transition of the machine, and no other", () => {
    expect(new Set(graph.edges.map((e) => e.id))).toEqual(machineTransitions());
    expect(new Set(graph.edges.map((e) => `${e.source}|${e.event}|${e.target}`)).size).toBe(graph.edges.length);
  });

  it("leaves each state by exactly the events the rules say may leave it", () => {
    for (const type of EVENT_TYPES) {
      const sources = new Set(graph.edges.filter((e) => e.event === type).map((e) => e.source));
      expect([...sources].sort(), type).toEqual([...EVENT_SOURCES[type as EventType]].sort());
    }
  });

  it("lays every node, edge and label out inside the drawing", () => {
    const laid = layoutLifecycle(graph, { state: (s) => s, event: (e) => e, cluster: (c) => c });
    expect(laid.nodes).toHaveLength(STATES.length);
    for (const n of laid.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width / 2).toBeLessThanOrEqual(laid.width);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(laid.height);
    }
    for (const e of laid.edges) {
      expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
      expect(edgePath(e.points)).toMatch(/^M[\d.]+,[\d.]+[LQ]/);
    }
    // Nodes do not overlap.
    for (const a of laid.nodes)
      for (const b of laid.nodes) {
        if (a.id >= b.id) continue;
        const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width || Math.abs(a.y - b.y) * 2 >= a.height + b.height;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
  });

  it("sizes labels for Chinese wider than for Latin text of the same length", () => {
    expect(estimateTextWidth("审核中", 13)).toBeGreaterThan(estimateTextWidth("abc", 13));
  });
});
