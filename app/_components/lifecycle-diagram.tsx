// The case lifecycle as an SVG drawn from the certification machine (lib/cases/diagram.ts): the
// case's current state is highlighted and the events this viewer may send now are emphasised.
// A server component: the layout runs once per language and the browser receives plain SVG (no
// script, so nothing to allow under the page's content security policy).
import { getLocale, getTranslations } from "next-intl/server";
import type { EventType } from "@/lib/domain";
import { DIAGRAM_FONT, edgePath, estimateTextWidth, layoutLifecycle, lifecycleGraph, type LaidOutDiagram } from "@/lib/cases/diagram";
import { stateKey } from "@/app/_components/ui/badge";

// The machine and its labels never change while the portal runs: read the graph once, and lay
// it out once per language (label widths differ).
const GRAPH = lifecycleGraph();
const LAYOUTS = new Map<string, Promise<LaidOutDiagram>>();

export async function LifecycleDiagram({ state, allowedEvents }: { state: string; allowedEvents: readonly EventType[] }) {
  const t = await getTranslations("case");
  const locale = await getLocale();
  let diagram = LAYOUTS.get(locale);
  if (!diagram) {
    diagram = layoutLifecycle(GRAPH, {
      state: (id) => t(`states.${stateKey(id)}`),
      event: (type) => t(`events.${type}`),
      cluster: (id) => t(`states.${stateKey(id)}`),
    });
    if (process.env.NODE_ENV === "production") LAYOUTS.set(locale, diagram);
  }
  const now = allowedEvents.map((e) => t(`events.${e}`));
  return (
    <LifecycleSvg
      diagram={await diagram}
      state={state}
      allowedEvents={allowedEvents}
      title={t("diagram.title")}
      description={t("diagram.description", {
        state: t(`states.${stateKey(state)}`),
        events: now.length ? now.join(t("diagram.separator")) : t("diagram.noEvents"),
      })}
      legend={{ current: t("diagram.legendCurrent"), allowed: t("diagram.legendAllowed"), final: t("diagram.legendFinal") }}
    />
  );
}

/** The drawing itself: no translations or data access, so it renders anywhere. */
export function LifecycleSvg({
  diagram,
  state,
  allowedEvents,
  title,
  description,
  legend,
}: {
  diagram: LaidOutDiagram;
  state: string;
  allowedEvents: readonly EventType[];
  title: string;
  description: string;
  legend: { current: string; allowed: string; final: string };
}) {
  const allowed = new Set(allowedEvents);
  const live = (e: { source: string; event: EventType }) => e.source === state && allowed.has(e.event);
  // Edges of one event into one state carry one label between them: it is emphasised when any of
  // them is live (WITHDRAW from the current state lights the one "Withdraw" label).
  const liveGroups = new Set(diagram.edges.filter(live).map((e) => `${e.event}|${e.target}`));
  const liveLabel = (e: { event: EventType; target: string }) => liveGroups.has(`${e.event}|${e.target}`);
  // Emphasised edges are drawn last so that they lie on top of the others.
  const edges = [...diagram.edges].sort((a, b) => Number(live(a)) - Number(live(b)));
  const legendY = diagram.height + 10;
  return (
    // At its natural size the text stays legible; on a narrow screen the drawing scrolls inside
    // its card (the figure is focusable so the keyboard can scroll it too).
    <figure className="overflow-x-auto" data-testid="lifecycle-diagram" tabIndex={0} aria-label={title}>
      <svg
        role="img"
        aria-labelledby="lifecycle-title lifecycle-desc"
        aria-label={`${title}. ${description}`}
        viewBox={`0 0 ${diagram.width} ${diagram.height + 34}`}
        width={diagram.width}
        height={diagram.height + 34}
        className="mx-auto block max-w-none"
        fontFamily="inherit"
      >
        <title id="lifecycle-title">{title}</title>
        <desc id="lifecycle-desc">{description}</desc>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill="#94a3b8" />
          </marker>
          <marker id="arrow-live" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill="#1d4ed8" />
          </marker>
        </defs>
        {diagram.clusters.map((c) => (
          <g key={c.id} data-cluster={c.id}>
            <rect x={c.x - c.width / 2} y={c.y - c.height / 2} width={c.width} height={c.height} rx={10} fill="#f8fafc" stroke="#cbd5e1" strokeDasharray="4 3" />
            <text x={c.x - c.width / 2 + 8} y={c.y - c.height / 2 + 14} fontSize={DIAGRAM_FONT.edge} fill="#64748b">
              {c.label}
            </text>
          </g>
        ))}
        {edges.map((e) => {
          const on = live(e);
          return (
            <g key={e.id} data-edge={e.event} data-from={e.source} data-to={e.target} data-allowed={on || undefined}>
              <path
                d={edgePath(e.points)}
                fill="none"
                stroke={on ? "#1d4ed8" : "#94a3b8"}
                strokeWidth={on ? 2.5 : 1.1}
                markerEnd={on ? "url(#arrow-live)" : "url(#arrow)"}
              />
              {e.label && (
              <rect
                x={e.labelBox.x - e.labelBox.width / 2}
                y={e.labelBox.y - e.labelBox.height / 2}
                width={e.labelBox.width}
                height={e.labelBox.height}
                rx={3}
                fill={liveLabel(e) ? "#dbeafe" : "#ffffff"}
                opacity={0.92}
              />
              )}
              {e.label && (
              <text
                x={e.labelBox.x}
                y={e.labelBox.y}
                dominantBaseline="central"
                textAnchor="middle"
                fontSize={DIAGRAM_FONT.edge}
                fontWeight={liveLabel(e) ? 700 : 400}
                fill={liveLabel(e) ? "#1e3a8a" : "#475569"}
              >
                <title>{e.event}</title>
                {e.label}
              </text>
              )}
            </g>
          );
        })}
        {diagram.nodes.map((n) => {
          const current = n.id === state;
          return (
            <g key={n.id} data-state={n.id} data-current={current || undefined} aria-current={current ? "step" : undefined}>
              <rect
                x={n.x - n.width / 2}
                y={n.y - n.height / 2}
                width={n.width}
                height={n.height}
                rx={n.final ? 4 : 17}
                fill={current ? "#1d4ed8" : n.final ? "#f1f5f9" : "#ffffff"}
                stroke={current ? "#1e3a8a" : "#64748b"}
                strokeWidth={current ? 2.5 : n.final ? 2 : 1.2}
              />
              {n.final && !current && (
                <rect x={n.x - n.width / 2 + 3} y={n.y - n.height / 2 + 3} width={n.width - 6} height={n.height - 6} rx={2} fill="none" stroke="#94a3b8" />
              )}
              <text x={n.x} y={n.y} dominantBaseline="central" textAnchor="middle" fontSize={DIAGRAM_FONT.node} fontWeight={current ? 700 : 500} fill={current ? "#ffffff" : "#0f172a"}>
                {n.label}
              </text>
            </g>
          );
        })}
        <Legend y={legendY} legend={legend} />
      </svg>
    </figure>
  );
}

function Legend({ y, legend }: { y: number; legend: { current: string; allowed: string; final: string } }) {
  const gap = 24;
  const x1 = 8;
  const x2 = x1 + 20 + estimateTextWidth(legend.current, DIAGRAM_FONT.edge) + gap;
  const x3 = x2 + 32 + estimateTextWidth(legend.allowed, DIAGRAM_FONT.edge) + gap;
  return (
    <g fontSize={DIAGRAM_FONT.edge} fill="#475569" aria-hidden="true">
      <rect x={x1} y={y} width={14} height={12} rx={6} fill="#1d4ed8" />
      <text x={x1 + 20} y={y + 6} dominantBaseline="central">{legend.current}</text>
      <line x1={x2} y1={y + 6} x2={x2 + 26} y2={y + 6} stroke="#1d4ed8" strokeWidth={2.5} />
      <text x={x2 + 32} y={y + 6} dominantBaseline="central">{legend.allowed}</text>
      <rect x={x3} y={y} width={16} height={12} rx={2} fill="#f1f5f9" stroke="#64748b" strokeWidth={2} />
      <text x={x3 + 22} y={y + 6} dominantBaseline="central">{legend.final}</text>
    </g>
  );
}
