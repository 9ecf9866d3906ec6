// A change case's lifecycle drawn from its machine (lib/cases/diagram.ts reads workflows/aftercare's
// changeMachine like the case's), its current state highlighted and the events this reader may send
// now emphasised. Server-rendered SVG, laid out once per language.
import { getLocale, getTranslations } from "next-intl/server";
import type { EventType } from "@/lib/domain";
import { CHANGE_MAIN_PATH, changeLifecycleGraph, layoutLifecycle, type LaidOutDiagram } from "@/lib/cases/diagram";
import { LifecycleSvg } from "@/app/_components/lifecycle-diagram";

const GRAPH = changeLifecycleGraph();
const LAYOUTS = new Map<string, Promise<LaidOutDiagram>>();

export async function ChangeDiagram({ state, events }: { state: string; events: readonly string[] }) {
  const t = await getTranslations("changes");
  const locale = await getLocale();
  let diagram = LAYOUTS.get(locale);
  if (!diagram) {
    diagram = layoutLifecycle(
      GRAPH,
      { state: (id) => t(`states.${id}`), event: (type) => t(`events.${type}`), cluster: (id) => id },
      { mainPath: CHANGE_MAIN_PATH },
    );
    if (process.env.NODE_ENV === "production") LAYOUTS.set(locale, diagram);
  }
  const now = events.map((e) => t(`events.${e}`));
  return (
    <LifecycleSvg
      diagram={await diagram}
      state={state}
      // The drawing compares event names only; a change case's are its own.
      allowedEvents={events as unknown as EventType[]}
      title={t("diagram.title")}
      description={t("diagram.description", { state: t(`states.${state}`), events: now.length ? now.join(t("diagram.separator")) : t("diagram.noEvents") })}
      legend={{ current: t("diagram.legendCurrent"), allowed: t("diagram.legendAllowed"), final: t("diagram.legendFinal") }}
    />
  );
}
