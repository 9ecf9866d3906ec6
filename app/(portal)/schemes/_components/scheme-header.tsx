import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Info } from "lucide-react";
import type { SchemeVersionView } from "@/lib/schemes";
import { pick } from "./text";
import { StatusBadge } from "./status-badge";
import { GovernanceDates } from "./governance-panel";

/** Title, version, status and the pilot-values notice of one scheme version. */
export async function SchemeHeader({ view, children }: { view: SchemeVersionView; children?: React.ReactNode }) {
  const t = await getTranslations("schemes");
  const locale = await getLocale();
  const format = await getFormatter();
  const { scheme } = view;
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {pick(scheme.title, locale)} <span className="text-slate-500">{view.version}</span>
        </h1>
        <StatusBadge status={view.status} inForce={view.inForce} />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">{t("schemeId")}</dt>
          <dd className="font-mono">{view.schemeId}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("category")}</dt>
          <dd>{view.category}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("panelSize")}</dt>
          <dd>{scheme.panelSize}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("validity")}</dt>
          <dd>{t("months", { count: scheme.validityMonths })}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("basedOn")}</dt>
          <dd>{view.basedOn ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("publishedAt")}</dt>
          <dd>{view.publishedAt ? format.dateTime(new Date(view.publishedAt), { dateStyle: "medium", timeStyle: "short" }) : t("notPublished")}</dd>
        </div>
      </dl>
      {view.status !== "draft" && <GovernanceDates view={view} />}
      {scheme.pilotValues && (
        <p role="note" data-testid="pilot-values" className="flex items-start gap-2 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          <Info aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span>
            <strong>{t("pilotValuesTitle")}</strong> {t("pilotValuesBody")}
          </span>
        </p>
      )}
      {children}
    </header>
  );
}
