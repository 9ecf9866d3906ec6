import { describe, expect, it } from "vitest";
import { certificationMachine, EVENT_SOURCES, EVENT_TYPES, FINAL_STATES, STATES, type EventType } from "@/workflows/certification";
import { CHANGE_FINAL_STATES, CHANGE_STATES } from "@/workflows/aftercare";
import { CHANGE_MAIN_PATH, changeLifecycleGraph, edgePath, estimateTextWidth, layoutLifecycle, lifecycleGraph, MAIN_PATH, type Box, type Point } from "./diagram";

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

  const plain = { state: (s: string) => s, event: (e: string) => e, cluster: (c: string) => c };
  // Chinese labels are shorter and wider per glyph: the layout must hold for both.
  const chinese = { state: (s: string) => `状态${s.length}`, event: (e: string) => `事件事件${e.length}`, cluster: (c: string) => `组${c}` };

  describe.each([
    ["Latin", plain],
    ["CJK", chinese],
  ] as const)("laid out with %s labels", (_name, labels) => {
    it("lays every node, edge and label out inside the drawing", async () => {
      const laid = await layoutLifecycle(graph, labels);
      expect(laid.nodes).toHaveLength(STATES.length);
      for (const n of laid.nodes) {
        expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
        expect(n.x + n.width / 2).toBeLessThanOrEqual(laid.width);
        expect(n.y + n.height / 2).toBeLessThanOrEqual(laid.height);
      }
      for (const e of laid.edges) {
        expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
        expect(edgePath(e.points)).toMatch(/^M[\d.]+,[\d.]+[LQ]/);
        for (const p of e.points) {
          expect(p.x, e.id).toBeGreaterThanOrEqual(0);
          expect(p.x, e.id).toBeLessThanOrEqual(laid.width);
        }
      }
      // Nodes do not overlap.
      for (const a of laid.nodes)
        for (const b of laid.nodes) {
          if (a.id >= b.id) continue;
          const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width || Math.abs(a.y - b.y) * 2 >= a.height + b.height;
          expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
        }
    });

    it("reads the main path top to bottom, each step below the one before", async () => {
      const laid = await layoutLifecycle(graph, labels);
      const at = new Map(laid.nodes.map((n) => [n.id, n]));
      for (let i = 1; i < MAIN_PATH.length; i++) {
        const [a, b] = [at.get(MAIN_PATH[i - 1])!, at.get(MAIN_PATH[i])!];
        expect(b.y - b.height / 2, `${b.id} below ${a.id}`).toBeGreaterThan(a.y + a.height / 2);
        // The step itself is a transition of the machine, drawn as one edge pointing down.
        const step = laid.edges.find((e) => e.source === a.id && e.target === b.id);
        expect(step, `${a.id} → ${b.id}`).toBeDefined();
        expect(step!.points.at(-1)!.y).toBeGreaterThan(step!.points[0].y);
      }
      // The case starts at the top of the drawing.
      expect(laid.nodes.every((n) => n.y >= at.get(MAIN_PATH[0])!.y)).toBe(true);
    });

    it("routes edges orthogonally and never through a state's box", async () => {
      const laid = await layoutLifecycle(graph, labels);
      const inside = (p: Point, b: Box) => Math.abs(p.x - b.x) < b.width / 2 - 1 && Math.abs(p.y - b.y) < b.height / 2 - 1;
      for (const e of laid.edges) {
        if (e.source === e.target) continue;
        for (let i = 1; i < e.points.length; i++) {
          const [a, b] = [e.points[i - 1], e.points[i]];
          expect(Math.abs(a.x - b.x) < 0.5 || Math.abs(a.y - b.y) < 0.5, `${e.id} segment ${i} is orthogonal`).toBe(true);
          // Sample the segment: no point of it lies inside a node's box (its own ends touch the border).
          for (let k = 0; k <= 20; k++) {
            const p = { x: a.x + ((b.x - a.x) * k) / 20, y: a.y + ((b.y - a.y) * k) / 20 };
            for (const n of laid.nodes) expect(inside(p, n), `${e.id} crosses ${n.id}`).toBe(false);
          }
        }
      }
    });

    it("ends every edge on the border of the states it joins, and keeps loops clear of other states", async () => {
      const laid = await layoutLifecycle(graph, labels);
      const at = new Map(laid.nodes.map((n) => [n.id, n]));
      const onBorder = (p: Point, b: Box) =>
        Math.abs(p.x - b.x) <= b.width / 2 + 1 &&
        Math.abs(p.y - b.y) <= b.height / 2 + 1 &&
        (Math.abs(Math.abs(p.x - b.x) - b.width / 2) <= 1 || Math.abs(Math.abs(p.y - b.y) - b.height / 2) <= 1);
      for (const e of laid.edges) {
        expect(onBorder(e.points[0], at.get(e.source)!), `${e.id} starts on ${e.source}`).toBe(true);
        expect(onBorder(e.points.at(-1)!, at.get(e.target)!), `${e.id} ends on ${e.target}`).toBe(true);
        if (e.source !== e.target) continue;
        const right = Math.max(...e.points.map((p) => p.x), e.labelBox.x + e.labelBox.width / 2);
        const n = at.get(e.source)!;
        for (const other of laid.nodes) {
          if (other.id === n.id || Math.abs(other.y - n.y) * 2 >= other.height + n.height) continue;
          expect(other.x - other.width / 2 > right || other.x + other.width / 2 < n.x, `${e.id} loop clear of ${other.id}`).toBe(true);
        }
      }
    });

    it("labels each group of same-event edges into one state once", async () => {
      const laid = await layoutLifecycle(graph, labels);
      const withdraws = laid.edges.filter((e) => e.event === "WITHDRAW");
      expect(withdraws.length).toBeGreaterThan(1);
      expect(withdraws.filter((e) => e.label)).toHaveLength(1);
      // Every other event keeps its label on every edge into a distinct target.
      const groups = new Set(laid.edges.map((e) => `${e.event}|${e.target}`));
      expect(laid.edges.filter((e) => e.label)).toHaveLength(groups.size);
    });
  });

  it("draws an SVG path with rounded corners through the routed points", () => {
    expect(edgePath([{ x: 0, y: 0 }, { x: 0, y: 20 }])).toBe("M0,0L0,20");
    expect(edgePath([{ x: 0, y: 0 }, { x: 0, y: 20 }, { x: 30, y: 20 }])).toBe("M0,0L0,14Q0,20 6,20L30,20");
  });

  it("sizes labels for Chinese wider than for Latin text of the same length", () => {
    expect(estimateTextWidth("审核中", 13)).toBeGreaterThan(estimateTextWidth("abc", 13));
  });
});

describe("the change case's diagram is the change machine (docs/domain.md#after-care)", () => {
  const graph = changeLifecycleGraph();
  const labels = { state: (s: string) => s, event: (e: string) => e, cluster: (c: string) => c };

  it("has a node for every change state, the final ones marked, and an edge per transition", () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([...CHANGE_STATES].sort());
    expect(graph.nodes.filter((n) => n.final).map((n) => n.id).sort()).toEqual([...CHANGE_FINAL_STATES].sort());
    expect(graph.nodes.filter((n) => n.initial).map((n) => n.id)).toEqual(["classification"]);
    expect(graph.clusters).toEqual([]);
    const edges = new Set(graph.edges.map((e) => e.id));
    for (const e of ["classification|CLASSIFY|amended", "classification|CLASSIFY|retesting", "retesting|SUBMIT_REPORT|evaluation", "evaluation|CONCLUDE|downgraded", "retesting|WITHDRAW|withdrawn"]) {
      expect(edges.has(e), e).toBe(true);
    }
  });

  it("reads its own main path top to bottom", async () => {
    const laid = await layoutLifecycle(graph, labels, { mainPath: CHANGE_MAIN_PATH });
    const at = new Map(laid.nodes.map((n) => [n.id, n]));
    for (let i = 1; i < CHANGE_MAIN_PATH.length; i++) expect(at.get(CHANGE_MAIN_PATH[i])!.y).toBeGreaterThan(at.get(CHANGE_MAIN_PATH[i - 1])!.y);
  });
});
