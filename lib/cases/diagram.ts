// The lifecycle diagram's graph, read from the certification machine itself (never drawn by
// hand, so it cannot drift from the rules) and laid out with dagre. Pure: no I/O, no React.
import dagre from "@dagrejs/dagre";
import { toDirectedGraph } from "xstate/graph";
import { certificationMachine, type EventType } from "@/workflows/certification";

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

/** Nodes are the machine's leaf states; edges its transitions, one per (source, event, target). */
export function lifecycleGraph(machine: typeof certificationMachine = certificationMachine): LifecycleGraph {
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
/** Centre and size, as dagre gives them. */
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

/**
 * How strongly dagre keeps an edge short and straight: the forward steps of a case outweigh the
 * edges back to an earlier state and the exits to a final state, so the progression reads as a spine.
 */
function weight(e: LifecycleEdge, back: boolean, final: ReadonlySet<string>): number {
  return back || final.has(e.target) ? 1 : 3;
}

/** Positions for every node, cluster, edge and edge label; `rankdir` LR reads left to right. */
export function layoutLifecycle(
  graph: LifecycleGraph,
  labels: DiagramLabels,
  options: { rankdir?: "LR" | "TB" } = {},
): LaidOutDiagram {
  const g = new dagre.graphlib.Graph({ multigraph: true, compound: true });
  g.setGraph({ rankdir: options.rankdir ?? "LR", nodesep: 22, ranksep: 30, edgesep: 8, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));

  // dagre draws a labelled self-loop inside a cluster badly: loops (a VOTE that keeps the panel
  // voting) are drawn here instead, on the node's right, in room reserved by widening the node.
  const loops = new Map<string, LifecycleEdge[]>();
  for (const e of graph.edges) if (e.source === e.target) loops.set(e.source, [...(loops.get(e.source) ?? []), e]);
  const loopRoom = (id: string) => {
    const own = loops.get(id);
    if (!own) return 0;
    return LOOP.bulge + LOOP.gap + Math.max(...own.map((e) => estimateTextWidth(labels.event(e.event), DIAGRAM_FONT.edge) + 6));
  };
  const size = (id: string) => {
    const label = labels.state(id);
    return { label, width: estimateTextWidth(label, DIAGRAM_FONT.node) + 28, height: 34 };
  };

  for (const c of graph.clusters) g.setNode(c.id, { label: labels.cluster(c.id) });
  for (const n of graph.nodes) {
    const { label, width, height } = size(n.id);
    g.setNode(n.id, { label, width: width + 2 * loopRoom(n.id), height });
    if (n.parent) g.setParent(n.id, n.parent);
  }
  // The machine declares its states in lifecycle order (draft … expired). An edge back to an
  // earlier state (RETURN, REMAND, REINSTATE, a retest…) is laid out as if it pointed forward, so
  // the drawing reads top to bottom as a case progresses; its points are turned round afterwards.
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const backwards = (e: LifecycleEdge) => order.get(e.target)! < order.get(e.source)!;
  const final = new Set(graph.nodes.filter((n) => n.final).map((n) => n.id));
  for (const e of graph.edges) {
    if (e.source === e.target) continue;
    const label = labels.event(e.event);
    const [v, w] = backwards(e) ? [e.target, e.source] : [e.source, e.target];
    g.setEdge(v, w, { label, width: estimateTextWidth(label, DIAGRAM_FONT.edge) + 6, height: 15, labelpos: "c", weight: weight(e, backwards(e), final) }, e.id);
  }
  dagre.layout(g);

  const box = (id: string): Box => {
    const n = g.node(id);
    return { x: n.x ?? 0, y: n.y ?? 0, width: n.width, height: n.height };
  };
  // A node is drawn at its own size, centred in its (possibly widened) layout box.
  const nodeBox = (id: string): Box => ({ ...box(id), width: size(id).width });
  const meta = g.graph();

  const loopEdge = (e: LifecycleEdge) => {
    const n = nodeBox(e.source);
    const own = loops.get(e.source)!;
    const i = own.indexOf(e);
    const band = n.height / own.length;
    const right = n.x + n.width / 2;
    const top = n.y - n.height / 2 + i * band + 3;
    const bottom = top + band - 6;
    const label = labels.event(e.event);
    const width = estimateTextWidth(label, DIAGRAM_FONT.edge) + 6;
    return {
      points: [
        { x: right, y: top },
        { x: right + LOOP.bulge, y: top - 4 },
        { x: right + LOOP.bulge, y: bottom + 4 },
        { x: right, y: bottom },
      ],
      labelBox: { x: right + LOOP.bulge + LOOP.gap + width / 2, y: (top + bottom) / 2, width, height: 15 },
    };
  };

  return {
    width: Math.ceil(meta.width ?? 0),
    height: Math.ceil(meta.height ?? 0),
    nodes: graph.nodes.map((n) => ({ ...n, ...nodeBox(n.id), label: labels.state(n.id) })),
    clusters: graph.clusters.map((c) => ({ id: c.id, ...box(c.id), label: labels.cluster(c.id) })),
    edges: graph.edges.map((e) => {
      if (e.source === e.target) return { ...e, label: labels.event(e.event), ...loopEdge(e) };
      const back = backwards(e);
      const l = g.edge({ v: back ? e.target : e.source, w: back ? e.source : e.target, name: e.id });
      const points = (l.points ?? []).map((p: Point) => ({ x: p.x, y: p.y }));
      return {
        ...e,
        label: labels.event(e.event),
        points: back ? points.reverse() : points,
        labelBox: { x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 },
      };
    }),
  };
}

/** An SVG path through dagre's points, rounded at each bend. */
export function edgePath(points: Point[]): string {
  if (points.length === 0) return "";
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  if (points.length === 2) return `${d}L${f(points[1].x)},${f(points[1].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mid = { x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 };
    const end = i === points.length - 2 ? points[i + 1] : mid;
    d += `Q${f(points[i].x)},${f(points[i].y)} ${f(end.x)},${f(end.y)}`;
  }
  return d;
}
