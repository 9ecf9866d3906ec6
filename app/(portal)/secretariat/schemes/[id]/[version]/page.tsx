import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { compareVersionStrings, getScheme, listSchemes } from "@/lib/schemes";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { SchemeHeader } from "@/app/(portal)/schemes/_components/scheme-header";
import { SchemeView } from "@/app/(portal)/schemes/_components/scheme-view";
import { pick } from "@/app/(portal)/schemes/_components/text";
import { VersionNav } from "../../_components/version-nav";
import { NewDraftForm } from "../../_components/new-draft-form";
import { ItemEditor } from "../../_components/item-editor";
import { AddItemForm } from "../../_components/add-item-form";
import { GovernancePanel } from "@/app/(portal)/schemes/_components/governance-panel";

const str = (n: number | undefined) => (n === undefined ? "" : String(n));
/** A checkbox's initial value: "on" when the level's qualifying items name this one. */
const on = (keys: string[] | undefined, key: string) => (keys?.includes(key) ? "on" : "");

export default async function ManageSchemeVersionPage({ params }: { params: Promise<{ id: string; version: string }> }) {
  const user = await requirePermission("scheme:manage");
  const { id, version } = await params;
  const t = await getTranslations("schemes");
  const locale = await getLocale();
  const view = await orNotFound(getScheme(user, id, version));
  const draft = view.status === "draft";

  // Suggest the next free revision of the same year for a new draft.
  const versions = (await listSchemes(user)).find((s) => s.schemeId === view.schemeId)?.versions.map((v) => v.version) ?? [];
  const newest = [...versions].sort(compareVersionStrings).at(-1) ?? view.version;
  const [year, rev] = newest.split(".").map(Number);
  const suggestion = Number.isFinite(year) && Number.isFinite(rev) ? `${year}.${rev + 1}` : "";

  return (
    <article className="space-y-6">
      <VersionNav schemeId={view.schemeId} version={view.version} current="view" draft={draft} published={view.status === "published"} />
      <SchemeHeader view={view} />
      <GovernancePanel user={user} view={view} />
      {draft ? (
        <div className="space-y-8" data-testid="draft-editor">
          <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("draftExplained")}</p>
          {view.scheme.elements.map((element) => (
            <section key={element.key} aria-labelledby={`edit-element-${element.key}`} className="space-y-3">
              <h2 id={`edit-element-${element.key}`} className="text-lg font-semibold">
                {pick(element.title, locale)} <span className="font-mono text-xs text-slate-500">{element.key}</span>
              </h2>
              {element.items.map((item) => (
                <ItemEditor
                  key={item.key}
                  schemeId={view.schemeId}
                  version={view.version}
                  itemKey={item.key}
                  title={pick(item.title, locale)}
                  initial={{
                    titleEn: item.title.en,
                    titleZh: item.title.zh,
                    methodEn: item.method.en,
                    methodZh: item.method.zh,
                    unit: item.unit,
                    better: item.better,
                    L1: str(item.thresholds.L1),
                    L2: str(item.thresholds.L2),
                    L3: str(item.thresholds.L3),
                    mode: item.mode ?? "",
                    testSetId: item.testSet?.id ?? "",
                    testSetVersion: item.testSet?.version ?? "",
                    testSetSize: str(item.testSet?.size),
                    uncertaintyRequired: item.uncertaintyRequired ? "on" : "",
                    minSamples: str(item.minSamples),
                    qualifyingL1: on(view.scheme.qualifying?.L1, item.key),
                    qualifyingL2: on(view.scheme.qualifying?.L2, item.key),
                    qualifyingL3: on(view.scheme.qualifying?.L3, item.key),
                  }}
                />
              ))}
              <AddItemForm schemeId={view.schemeId} version={view.version} elementKey={element.key} elementTitle={pick(element.title, locale)} />
            </section>
          ))}
        </div>
      ) : (
        <>
          <section aria-labelledby="new-draft-heading" className="space-y-2">
            <h2 id="new-draft-heading" className="text-lg font-semibold">{t("newDraftHeading")}</h2>
            <p className="text-sm text-slate-600">{t("newDraftExplained")}</p>
            <NewDraftForm schemeId={view.schemeId} version={view.version} suggestion={suggestion} />
          </section>
          <SchemeView scheme={view.scheme} />
        </>
      )}
    </article>
  );
}
