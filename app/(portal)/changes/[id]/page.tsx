// A change case's page (docs/domain.md#after-care): what changed or is surveilled, its certified
// case, its lifecycle, the re-test report and what this reader may do now (getChange's `events`:
// the secretariat classifies, the lab reports, the ministry concludes, the vendor withdraws).
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { HOME_BY_ROLE } from "@/lib/permissions";
import { getChange } from "@/lib/aftercare/queries";
import { LEVELS, levelRank, isLevel } from "@/lib/domain";
import { Card } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { levelLabel, pick } from "../../cases/_lib/text";
import { ChangeKind, ChangeStateBadge, FromTo } from "../_components/change-badge";
import { ChangeDiagram } from "./_components/change-diagram";
import { ChangeActions } from "./_components/change-actions";
import { renderTime } from "../_lib/forms";

export default async function ChangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePermission("change:read");
  const view = await orNotFound(getChange(user, id));
  const [t, format, locale] = await Promise.all([getTranslations("changes"), getFormatter(), getLocale()]);
  const c = view.change;
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : "—");
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "long" }) : "—");
  const awarded = view.case.awardedLevel;
  // The re-test was judged against the level awarded then; after a downgrade the case's level is
  // another, so its thresholds are not shown beside the values (the misses stay as judged).
  const showThresholds = c.outcome !== "downgraded";
  const itemOf = new Map(view.schemeItems.map((i) => [i.key, i]));
  const itemLabel = (key: string) => {
    const i = itemOf.get(key);
    return i ? pick(i.title, locale) : key;
  };
  const vendor = locale.startsWith("zh") && view.case.vendor.nameZh ? view.case.vendor.nameZh : view.case.vendor.name;
  const lab = view.case.lab ? (locale.startsWith("zh") && view.case.lab.nameZh ? view.case.lab.nameZh : view.case.lab.name) : "—";
  const overdue = c.concludeBy !== null && ["retesting", "evaluation"].includes(c.state) && new Date(c.concludeBy).getTime() < renderTime();
  // CONCLUDE downgraded offers the levels below the awarded one and at most what the re-test supports.
  const downgradeLevels = LEVELS.filter(
    (l) => isLevel(awarded) && levelRank(l) < levelRank(awarded) && (c.retestLevel === null || levelRank(l) <= levelRank(c.retestLevel)),
  );

  const facts: [string, React.ReactNode, string][] = [
    [t("page.kind"), <ChangeKind key="k" kind={c.kind} />, "kind"],
    ...(c.kind === "surveillance" ? [] : ([[t("page.fromTo"), <FromTo key="f" from={c.from} to={c.to} />, "from-to"]] as [string, React.ReactNode, string][])),
    [t("page.opened"), when(c.openedAt), "opened"],
    [t("page.product"), `${view.case.product.name} · ${view.case.product.model}`, "product"],
    [t("page.vendor"), vendor, "vendor"],
    [t("page.lab"), lab, "lab"],
    [t("page.awarded"), levelLabel(awarded, locale), "awarded"],
    [t("page.scheme"), `${view.case.scheme.id} ${view.case.scheme.version}`, "scheme"],
    ...(c.classification ? ([[t("page.classification"), t(`classifications.${c.classification}`), "classification"]] as [string, React.ReactNode, string][]) : []),
    ...(c.concludeBy
      ? ([[t("page.concludeBy"), <span key="d" className={overdue ? "font-semibold text-red-700" : ""}>{day(c.concludeBy)}{overdue ? ` · ${t("page.overdue")}` : ""}</span>, "conclude-by"]] as [string, React.ReactNode, string][])
      : []),
    ...(c.outcome
      ? ([[t("page.outcome"), <span key="o">{t(`outcomes.${c.outcome}`)}{c.level ? ` · ${levelLabel(c.level, locale)}` : ""}</span>, "outcome"]] as [string, React.ReactNode, string][])
      : []),
    ...(c.concludedAt ? ([[t("page.concluded"), when(c.concludedAt), "concluded"]] as [string, React.ReactNode, string][]) : []),
  ];

  return (
    <article className="space-y-6" data-testid="change-page" data-change-id={c.id} data-version={c.version} data-state={c.state}>
      <nav className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link href={`/cases/${encodeURIComponent(view.case.id)}`} className="text-brand hover:underline" data-testid="parent-case-link">
          ← {t("page.backToCase", { product: view.case.product.name })}
        </Link>
        <Link href={HOME_BY_ROLE[user.role]} className="text-brand hover:underline">
          {t("page.home")}
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="break-words text-2xl font-semibold">
          {c.kind === "surveillance"
            ? t("page.titleSurveillance", { product: view.case.product.name })
            : t("page.title", { kind: t(`kinds.${c.kind}`), product: view.case.product.name })}
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          <ChangeStateBadge state={c.state} />
          {c.fromComplaint && <Badge tone="warning">{t("page.fromComplaint")}</Badge>}
        </div>
      </header>

      <Card title={t("page.summary")} testId="change-summary">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {facts.map(([label, value, key]) => (
            <div key={key} data-testid={`change-${key}`}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="break-words">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 text-sm">
          <h3 className="text-xs text-slate-500">{t("page.description")}</h3>
          <p className="whitespace-pre-wrap break-words" data-testid="change-description">{c.description}</p>
        </div>
        {c.reason && (
          <div className="mt-3 text-sm">
            <h3 className="text-xs text-slate-500">{t("page.reason")}</h3>
            <p className="whitespace-pre-wrap break-words" data-testid="change-reason">{c.reason}</p>
          </div>
        )}
        {c.items.length > 0 && (
          <div className="mt-3 text-sm">
            <h3 className="text-xs text-slate-500">{t("page.items", { count: c.items.length })}</h3>
            <ul className="mt-1 flex flex-wrap gap-1" data-testid="change-items">
              {c.items.map((k) => (
                <li key={k}>
                  <Badge>{itemLabel(k)}</Badge>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("actions.title")} className="min-w-0" testId="change-actions">
          <ChangeActions
            change={{ id: c.id, version: c.version, state: c.state, items: c.items, retestLevel: c.retestLevel }}
            events={view.events}
            awarded={awarded}
            downgradeLevels={downgradeLevels.map((l) => ({ value: l, label: levelLabel(l, locale) }))}
            schemeItems={view.schemeItems.map((i) => ({ key: i.key, label: pick(i.title, locale), unit: i.unit }))}
            suggested={view.suggestedItems}
            hasReport={view.report !== null}
          />
        </Card>
        <Card title={t("diagram.heading")} className="min-w-0">
          <ChangeDiagram state={c.state} events={view.events} />
        </Card>
      </div>

      {(view.report || c.items.length > 0) && (
        <Card title={t("retest.title")} testId="retest-report">
          {!view.report ? (
            <p className="text-sm text-slate-600" data-testid="retest-none">{t("retest.none")}</p>
          ) : (
            <>
              <p className="mb-3 text-sm" data-testid="retest-level" data-level={view.report.level ?? ""}>
                {t("retest.level", { level: levelLabel(view.report.level, locale), awarded: levelLabel(awarded, locale) })}{" "}
                {view.report.submittedAt ? t("retest.submitted", { date: when(view.report.submittedAt) }) : t("retest.draft", { date: when(view.report.updatedAt) })}
              </p>
              <div className="overflow-x-auto">
                <table className="w-full min-w-[28rem] text-left text-sm" data-testid="retest-table">
                  <caption className="sr-only">{t("retest.caption")}</caption>
                  <thead>
                    <tr className="text-xs text-slate-500">
                      <th scope="col" className="py-1 font-normal">{t("retest.item")}</th>
                      <th scope="col" className="py-1 font-normal">{t("retest.value")}</th>
                      {showThresholds && <th scope="col" className="py-1 font-normal">{t("retest.threshold", { level: awarded ?? "—" })}</th>}
                      <th scope="col" className="py-1 font-normal">{t("retest.meets")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.report.results.map((r) => {
                      const item = itemOf.get(r.item);
                      const threshold = item && isLevel(awarded) ? (item.thresholds as Partial<Record<string, number>>)[awarded] : undefined;
                      const fails = view.report!.failing.includes(r.item);
                      return (
                        <tr key={r.item} className="border-t border-slate-100" data-testid="retest-row" data-item={r.item} data-failing={fails || undefined}>
                          <th scope="row" className="py-1 font-normal">
                            {itemLabel(r.item)} <code className="text-xs text-slate-500">{r.item}</code>
                          </th>
                          <td className="py-1 tabular-nums">{format.number(r.value)} {r.unit}</td>
                          {showThresholds && <td className="py-1 tabular-nums">
                            {threshold === undefined ? "—" : `${item?.better === "lower" ? "≤" : "≥"} ${format.number(threshold)} ${r.unit}`}
                          </td>}
                          <td className="py-1">
                            {fails ? <Badge tone="danger">{t("retest.fails")}</Badge> : <Badge tone="success">{t("retest.meetsYes")}</Badge>}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Card>
      )}
    </article>
  );
}
