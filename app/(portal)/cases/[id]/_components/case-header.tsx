// Who, what and where the case stands: product, vendor, scheme version, pilot, levels, state.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { CaseView } from "@/lib/cases/view";
import { StateBadge } from "@/app/_components/ui/badge";
import { levelLabel } from "../../_lib/text";

export async function CaseHeader({ view }: { view: CaseView }) {
  const t = await getTranslations("case");
  const locale = await getLocale();
  const schemeHref = `/schemes/${encodeURIComponent(view.scheme.id)}/${encodeURIComponent(view.scheme.version)}`;
  const facts: [string, React.ReactNode, string][] = [
    [t("header.vendor"), view.vendor.name, "vendor"],
    [
      t("header.scheme"),
      <Link key="s" href={schemeHref} className="text-brand hover:underline" data-testid="scheme-link">
        {view.scheme.id} {view.scheme.version}
      </Link>,
      "scheme",
    ],
    [t("header.pilot"), view.pilot.name, "pilot"],
    [t("header.claimedLevel"), levelLabel(view.claimedLevel, locale), "claimed-level"],
    [t("header.lab"), view.lab?.name ?? "—", "lab"],
    // A submitted report that meets no level (labProfile is set, labLevel null): a formal negative result.
    [t("header.labLevel"), view.labLevel === null && view.labProfile !== null ? t("header.noLevelMet") : levelLabel(view.labLevel, locale), "lab-level"],
    [t("header.awardedLevel"), levelLabel(view.awardedLevel, locale), "awarded-level"],
    [t("header.version"), String(view.version), "version"],
  ];
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="case-header">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {view.product.name} <span className="text-lg font-normal text-slate-600">{view.product.model}</span>
        </h1>
        <StateBadge state={view.state} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t("header.softwareVersion")}: {view.product.softwareVersion} · {t("header.category")}: {view.category} · {t("header.caseId")}: <code>{view.id}</code>
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        {facts.map(([label, value, key]) => (
          <div key={key}>
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-medium text-slate-900" data-testid={`case-${key}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
