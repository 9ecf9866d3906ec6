// The lifecycle diagram's graph, read from the certification machine itself (never drawn by
// hand, so it cannot drift from the rules) and laid out with ELK (elkjs). Pure: no I/O, no React.
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import type { AnyStateMachine } from "xstate";
import { toDirectedGraph } from "xstate/graph";
import { certificationMachine, type EventType } from "@/workflows/certification";
import { changeMachine } from "@/workflows/aftercare/machine";

type StateNodeLike = {
  id: string;
  type: string;
  initial?: { target: readonly StateNodeLike[] } | undefined;
  states: Record<string, StateNodeLike>;
};
type GraphNode = ReturnType<typeof toDirectedGraph>;

export type LifecycleNode = {
  /** The dotted state, as cases store it: `draft`, `review.voting`. */
  id: string;
  /** The compound state it belongs to (`review`), if any. */
  parent: string | null;
  final: boolean;
  /** The machine's initial state. */
  initial: boolean;
};
export type LifecycleEdge = { id: string; source: string; target: string; event: EventType };
export type LifecycleGraph = { nodes: LifecycleNode[]; clusters: { id: string }[]; edges: LifecycleEdge[] };

/** `certification.review.voting` → `review.voting`. */
function dotted(machineId: string, stateNodeId: string): string {
  return stateNodeId.startsWith(`${machineId}.`) ? stateNodeId.slice(machineId.length + 1) : stateNodeId;
}

function isLeaf(node: StateNodeLike): boolean {
  return node.type === "atomic" || node.type === "final";
}

/** The leaf a transition into `node` ends in: a compound state enters through its initial child. */
function entered(node: StateNodeLike): StateNodeLike {
  let n = node;
  while (!isLeaf(n) && n.initial?.target?.[0]) n = n.initial.target[0];
  return n;
}

/** Every leaf at or below `node`: an event handled by a compound state leaves each of them. */
function leavesOf(node: StateNodeLike): StateNodeLike[] {
  return isLeaf(node) ? [node] : Object.values(node.states).flatMap(leavesOf);
}

/**
 * Nodes are the machine's leaf states; edges its transitions, one per (source, event, target). The
 * certification machine by default; any other machine (a change case's) is read the same way, its
 * event names standing where the certification's are typed.
 */
export function lifecycleGraph(machine: AnyStateMachine = certificationMachine): LifecycleGraph {
  const root = toDirectedGraph(machine);
  const machineId = root.id;
  const initialLeaf = entered(machine.root as unknown as StateNodeLike).id;
  const nodes: LifecycleNode[] = [];
  const clusters: { id: string }[] = [];
  const edges = new Map<string, LifecycleEdge>();

  const visit = (g: GraphNode, parent: string | null) => {
    const sn = g.stateNode as unknown as StateNodeLike;
    const id = dotted(machineId, g.id);
    const isRoot = g.id === machineId;
    if (!isRoot && isLeaf(sn)) nodes.push({ id, parent, final: sn.type === "final", initial: g.id === initialLeaf });
    if (!isRoot && !isLeaf(sn)) clusters.push({ id });
    for (const e of g.edges) {
      const target = dotted(machineId, entered(e.target as unknown as StateNodeLike).id);
      for (const leaf of leavesOf(e.source as unknown as StateNodeLike)) {
        const source = dotted(machineId, leaf.id);
        const event = e.label.text as EventType;
        const key = `${source}|${event}|${target}`;
        if (!edges.has(key)) edges.set(key, { id: key, source, target, event });
      }
    }
    for (const child of g.children) visit(child, isRoot ? null : isLeaf(sn) ? parent : id);
  };
  visit(root, null);
  return { nodes, clusters, edges: [...edges.values()] };
}

export type Point = { x: number; y: number };
/** Centre and size. */
export type Box = { x: number; y: number; width: number; height: number };
export type LaidOutDiagram = {
  width: number;
  height: number;
  nodes: (LifecycleNode & Box & { label: string })[];
  clusters: ({ id: string; label: string } & Box)[];
  edges: (LifecycleEdge & { label: string; points: Point[]; labelBox: Box })[];
};

export const DIAGRAM_FONT = { node: 13, edge: 11 } as const;

/** Width of a line of text without a browser: CJK glyphs are about 1 em wide, Latin about 0.6 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 1 : /[A-Z_]/.test(ch) ? 0.68 : 0.56;
  return Math.ceil(em * fontSize);
}

export type DiagramLabels = {
  state: (id: string) => string;
  event: (type: EventType) => string;
  cluster: (id: string) => string;
};

const LOOP = { bulge: 22, gap: 4 } as const;
const NODE_HEIGHT = 34;
const LABEL_HEIGHT = 15;

/**
 * The way most cases go, top to bottom. The layout keeps these states in one column; every other
 * transition (withdraw, return, reject, appeal, suspend, remand, retest…) is routed beside it.
 */
export const MAIN_PATH = ["draft", "screening", "testing", "review.forming", "review.voting", "decision", "certified"] as const;

/** A change case's way (docs/domain.md#after-care): classified major, re-tested, concluded amended. */
export const CHANGE_MAIN_PATH = ["classification", "retesting", "evaluation", "amended"] as const;

/** The change case's graph, read from its machine like the case's. */
export function changeLifecycleGraph(): LifecycleGraph {
  return lifecycleGraph(changeMachine);
}

/** Main-path steps are kept straight and pointing down before any other edge. */
const MAIN_STEP: Record<string, string> = { "elk.layered.priority.straightness": "100", "elk.layered.priority.direction": "100" };

// ELK's bundled build runs in the calling thread (no worker), in Node and in the browser alike.
const elk = new ELK();

/**
 * Positions for every node, cluster, edge and edge label, laid out by ELK's layered algorithm
 * top to bottom with orthogonal edges: the main path is one straight column, states off it sit to
 * its side, and an edge back to an earlier state (RETURN, REMAND, a retest) runs up beside it.
 */
export async function layoutLifecycle(
  graph: LifecycleGraph,
  labels: DiagramLabels,
  { mainPath = MAIN_PATH }: { mainPath?: readonly string[] } = {},
): Promise<LaidOutDiagram> {
  // ELK draws a self-loop across the node's label: loops (a VOTE that keeps the panel voting) are
  // drawn here instead, on the node's right, in room reserved beside the node.
  const loops = new Map<string, LifecycleEdge[]>();
  for (const e of graph.edges) if (e.source === e.target) loops.set(e.source, [...(loops.get(e.source) ?? []), e]);
  const loopRoom = (id: string) => {
    const own = loops.get(id);
    if (!own) return 0;
    return LOOP.bulge + LOOP.gap + Math.max(...own.map((e) => estimateTextWidth(labels.event(e.event), DIAGRAM_FONT.edge) + 6));
  };
  const size = (id: string) => {
    const label = labels.state(id);
    return { label, width: estimateTextWidth(label, DIAGRAM_FONT.node) + 28, height: NODE_HEIGHT };
  };
  // Edges of one event into one state (WITHDRAW from six states) run side by side; only the first
  // is labelled, so the word is not repeated six times.
  const labelled = new Set<string>();
  const groups = new Set<string>();
  for (const e of graph.edges) {
    const group = `${e.event}|${e.target}`;
    if (!groups.has(group)) labelled.add(e.id);
    groups.add(group);
  }
  const onMainPath = (e: LifecycleEdge) => mainPath.findIndex((s, i) => s === e.source && mainPath[i + 1] === e.target) >= 0;
  // The machine declares its states in lifecycle order (draft … expired); ELK keeps that order
  // where it can, so the picture reads as a case progresses.
  const input: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      // Network simplex keeps long chains straight: the main path becomes one column.
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.layered.spacing.nodeNodeBetweenLayers": "26",
      "elk.spacing.nodeNode": "26",
      "elk.spacing.edgeNode": "14",
      "elk.spacing.edgeEdge": "10",
      "elk.layered.spacing.edgeNodeBetweenLayers": "12",
      "elk.layered.spacing.edgeEdgeBetweenLayers": "8",
      "elk.spacing.edgeLabel": "2",
      "elk.edgeLabels.inline": "true",
      "elk.padding": "[top=12,left=12,bottom=12,right=12]",
    },
    // A node is laid out at its drawn size (edges end on its border); the room for its loops is a
    // margin on its right that ELK keeps free of other nodes.
    children: graph.nodes.map((n) => ({
      id: n.id,
      width: size(n.id).width,
      height: NODE_HEIGHT,
      layoutOptions: (loopRoom(n.id) ? { "elk.margins": `[top=0,left=0,bottom=0,right=${loopRoom(n.id)}]` } : {}) as Record<string, string>,
    })),
    edges: graph.edges
      .filter((e) => e.source !== e.target)
      .map((e) => {
        const label = labels.event(e.event);
        return {
          id: e.id,
          sources: [e.source],
          targets: [e.target],
          labels: labelled.has(e.id)
            ? [{ id: `${e.id}#label`, text: label, width: estimateTextWidth(label, DIAGRAM_FONT.edge) + 6, height: LABEL_HEIGHT }]
            : [],
          layoutOptions: onMainPath(e) ? MAIN_STEP : {},
        };
      }),
  };
  const result = await elk.layout(input);

  const laid = new Map((result.children ?? []).map((c) => [c.id, c]));
  const nodeBox = (id: string): Box => {
    const c = laid.get(id)!;
    return { x: (c.x ?? 0) + (c.width ?? 0) / 2, y: (c.y ?? 0) + (c.height ?? 0) / 2, width: size(id).width, height: NODE_HEIGHT };
  };
  const routed = new Map((result.edges ?? []).map((e) => [e.id, e]));

  const loopEdge = (e: LifecycleEdge) => {
    const n = nodeBox(e.source);
    const own = loops.get(e.source)!;
    const i = own.indexOf(e);
    const band = n.height / own.length;
    const right = n.x + n.width / 2;
    const top = n.y - n.height / 2 + i * band + 3;
    const bottom = top + band - 6;
    const width = estimateTextWidth(labels.event(e.event), DIAGRAM_FONT.edge) + 6;
    return {
      points: [
        { x: right, y: top },
        { x: right + LOOP.bulge, y: top - 4 },
        { x: right + LOOP.bulge, y: bottom + 4 },
        { x: right, y: bottom },
      ],
      labelBox: { x: right + LOOP.bulge + LOOP.gap + width / 2, y: (top + bottom) / 2, width, height: LABEL_HEIGHT },
    };
  };

  const nodes = graph.nodes.map((n) => ({ ...n, ...nodeBox(n.id), label: labels.state(n.id) }));
  // A compound state (review) is drawn as a box round its children.
  const clusters = graph.clusters.map((c) => {
    const inside = nodes.filter((n) => n.parent === c.id);
    const pad = { x: 10, top: 20, bottom: 8 };
    const left = Math.min(...inside.map((n) => n.x - n.width / 2)) - pad.x;
    const right = Math.max(...inside.map((n) => n.x + n.width / 2 + loopRoom(n.id))) + pad.x;
    const top = Math.min(...inside.map((n) => n.y - n.height / 2)) - pad.top;
    const bottom = Math.max(...inside.map((n) => n.y + n.height / 2)) + pad.bottom;
    return { id: c.id, label: labels.cluster(c.id), x: (left + right) / 2, y: (top + bottom) / 2, width: right - left, height: bottom - top };
  });
  return {
    width: Math.ceil(result.width ?? 0),
    height: Math.ceil(result.height ?? 0),
    nodes,
    clusters,
    edges: graph.edges.map((e) => {
      if (e.source === e.target) return { ...e, label: labels.event(e.event), ...loopEdge(e) };
      const r = routed.get(e.id)!;
      const section = r.sections?.[0];
      const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y })) : [];
      const l = r.labels?.[0];
      return {
        ...e,
        label: l ? labels.event(e.event) : "",
        points,
        labelBox: { x: (l?.x ?? 0) + (l?.width ?? 0) / 2, y: (l?.y ?? 0) + (l?.height ?? 0) / 2, width: l?.width ?? 0, height: l?.height ?? 0 },
      };
    }),
  };
}

/** An SVG path through the routed points, its corners rounded. */
export function edgePath(points: Point[], radius = 6): string {
  if (points.length === 0) return "";
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
    const into = Math.hypot(b.x - a.x, b.y - a.y);
    const out = Math.hypot(c.x - b.x, c.y - b.y);
    const r = Math.min(radius, into / 2, out / 2);
    if (r <= 0) continue;
    const p = { x: b.x - ((b.x - a.x) / into) * r, y: b.y - ((b.y - a.y) / into) * r };
    const q = { x: b.x + ((c.x - b.x) / out) * r, y: b.y + ((c.y - b.y) / out) * r };
    d += `L${f(p.x)},${f(p.y)}Q${f(b.x)},${f(b.y)} ${f(q.x)},${f(q.y)}`;
  }
  const last = points[points.length - 1];
  return `${d}L${f(last.x)},${f(last.y)}`;
}
