import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The tabs of one version: the scheme itself, the comparison, and (until published) the impact. */
export async function VersionNav({
  schemeId,
  version,
  current,
  draft,
  published = !draft,
}: {
  schemeId: string;
  version: string;
  current: "view" | "compare" | "impact";
  draft: boolean;
  /** The impact is analysed until the version is published (draft, proposed, approved). */
  published?: boolean;
}) {
  const t = await getTranslations("schemes");
  const base = `/secretariat/schemes/${encodeURIComponent(schemeId)}/${encodeURIComponent(version)}`;
  const tabs = [
    { key: "view", href: base, label: draft ? t("tabEdit") : t("tabView") },
    { key: "compare", href: `${base}/compare`, label: t("tabCompare") },
    ...(!published ? [{ key: "impact", href: `${base}/impact`, label: t("tabImpact") }] : []),
  ];
  return (
    <nav aria-label={t("versionNav")} className="flex flex-wrap items-center gap-1 border-b border-slate-200 text-sm">
      <Link href="/secretariat/schemes" className="mr-3 text-brand hover:underline">← {t("manageTitle")}</Link>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={
            tab.key === current
              ? "-mb-px rounded-t border border-b-white border-slate-200 bg-white px-3 py-1.5 font-medium"
              : "px-3 py-1.5 text-brand hover:underline"
          }
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
