import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { compareVersions, compareVersionStrings, getScheme, listSchemes } from "@/lib/schemes";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { SchemeHeader } from "../../_components/scheme-header";
import { SchemeView } from "../../_components/scheme-view";
import { GovernancePanel } from "../../_components/governance-panel";
import { VersionChanges } from "../../_components/version-changes";

type Params = { params: Promise<{ id: string; version: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id, version } = await params;
  const t = await getTranslations("schemes.public");
  return { title: `${t("title")} ${id} ${version} — Zhiji 智级` };
}

// Public for published versions (docs/domain.md#scheme-governance): the levels, the items, and
// what changed from the published version before it. Signed in, a reader also sees the
// consultation (comments, answers) and the step their role may take.
export default async function SchemeVersionPage({ params }: Params) {
  const session = await getSessionUser();
  const user = session && can(session, "scheme:read") ? session : null;
  const { id, version } = await params;
  const t = await getTranslations("schemes");
  const view = await orNotFound(getScheme(user, id, version));

  // The published version before this one, for the comparison.
  const published = ((await listSchemes(user)).find((s) => s.schemeId === view.schemeId)?.versions ?? [])
    .filter((v) => v.status === "published" && compareVersionStrings(v.version, view.version) < 0)
    .sort((a, b) => compareVersionStrings(b.version, a.version));
  const previous = published[0]?.version ?? null;
  const comparison = previous ? await compareVersions(user, { schemeId: id, version: previous }, { schemeId: id, version: view.version }) : null;

  return (
    <article className="space-y-6">
      <nav className="text-sm">
        <Link href="/schemes" className="text-brand hover:underline">← {t("public.title")}</Link>
        {user && can(user, "scheme:manage") && (
          <Link href={`/secretariat/schemes/${encodeURIComponent(id)}/${encodeURIComponent(version)}`} className="ml-4 text-brand hover:underline">{t("manageThis")}</Link>
        )}
      </nav>
      <SchemeHeader view={view} />
      {user && view.status !== "published" && <GovernancePanel user={user} view={view} />}
      <SchemeView scheme={view.scheme} />
      {comparison && (
        <section aria-labelledby="compare-heading" className="space-y-2" data-testid="public-compare">
          <h2 id="compare-heading" className="text-lg font-semibold">{t("public.compareHeading")}</h2>
          <p className="text-sm text-slate-600">{t("public.compareWith", { version: previous! })}</p>
          <VersionChanges diff={comparison.diff} />
        </section>
      )}
      {user && view.status === "published" && <GovernancePanel user={user} view={view} />}
    </article>
  );
}
