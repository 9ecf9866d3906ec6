import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { LEVELS, schemeItems, type ItemFieldChange, type SchemeItem } from "@/lib/grading";
import { compareVersions, getScheme, listSchemes } from "@/lib/schemes";
import { orNotFound } from "@/app/(portal)/_lib/or-not-found";
import { formatNumber, pick } from "@/app/(portal)/schemes/_components/text";
import { StatusBadge } from "@/app/(portal)/schemes/_components/status-badge";
import { VersionNav } from "../../../_components/version-nav";

type Threshold = Extract<ItemFieldChange, { field: "threshold" }>;

const DIRECTION_STYLE = {
  stricter: "bg-rose-50 text-rose-900",
  looser: "bg-emerald-50 text-emerald-900",
  none: "bg-amber-50 text-amber-900",
} as const;

export default async function CompareVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; version: string }>;
  searchParams: Promise<{ with?: string }>;
}) {
  const user = await requirePermission("scheme:manage");
  const { id, version } = await params;
  const t = await getTranslations("schemes");
  const locale = await getLocale();
  const view = await orNotFound(getScheme(user, id, version));
  const others = ((await listSchemes(user)).find((s) => s.schemeId === view.schemeId)?.versions ?? []).filter((v) => v.version !== view.version);
  const requested = (await searchParams).with;
  const against = requested ?? view.basedOn ?? others.find((v) => v.status === "published")?.version ?? others[0]?.version;

  const base = `/secretariat/schemes/${encodeURIComponent(view.schemeId)}/${encodeURIComponent(view.version)}`;
  const picker = (
    <form method="get" action={`${base}/compare`} className="flex flex-wrap items-end gap-2 text-sm">
      <div>
        <label htmlFor="compare-with" className="block text-xs font-medium text-slate-600">{t("compareWith")}</label>
        <select id="compare-with" name="with" defaultValue={against} className="rounded border border-slate-300 px-2 py-1">
          {others.map((v) => (
            <option key={v.version} value={v.version}>
              {v.version} · {t(`status${v.status[0].toUpperCase()}${v.status.slice(1)}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">{t("compare")}</button>
    </form>
  );

  if (!against) {
    return (
      <article className="space-y-6">
        <VersionNav schemeId={view.schemeId} version={view.version} current="compare" draft={view.status === "draft"} published={view.status === "published"} />
        <p className="text-slate-600">{t("nothingToCompare")}</p>
      </article>
    );
  }

  const { from, to, diff } = await orNotFound(compareVersions(user, { schemeId: view.schemeId, version: against }, { schemeId: view.schemeId, version: view.version }));
  const changedByItem = new Map(diff.changed.map((c) => [c.item, c.changes]));
  const removed = new Set(diff.removed.map((r) => r.item));
  const added = new Set(diff.added.map((a) => a.item));
  const rows: { element: string; item: SchemeItem; state: "added" | "removed" | "changed" | "same" }[] = [
    ...schemeItems(to.scheme).map(({ element, item }) => ({
      element: pick(element.title, locale),
      item,
      state: added.has(item.key) ? ("added" as const) : changedByItem.has(item.key) ? ("changed" as const) : ("same" as const),
    })),
    ...schemeItems(from.scheme)
      .filter(({ item }) => removed.has(item.key))
      .map(({ element, item }) => ({ element: pick(element.title, locale), item, state: "removed" as const })),
  ];
  const fromItems = new Map(schemeItems(from.scheme).map(({ item }) => [item.key, item]));

  const otherChange = (c: ItemFieldChange) => {
    switch (c.field) {
      case "title":
      case "method":
        return `${t(c.field === "title" ? "fieldTitle" : "method")}: ${pick(c.from, locale)} → ${pick(c.to, locale)}`;
      case "unit":
        return `${t("unit")}: ${c.from} → ${c.to}`;
      case "better":
        return `${t("direction")}: ${t(c.from === "higher" ? "higherBetter" : "lowerBetter")} → ${t(c.to === "higher" ? "higherBetter" : "lowerBetter")}`;
      case "element":
        return `${t("element")}: ${c.from} → ${c.to}`;
      case "min":
      case "max":
        return `${c.field}: ${formatNumber(c.from)} → ${formatNumber(c.to)}`;
      default:
        return null;
    }
  };

  return (
    <article className="space-y-6">
      <VersionNav schemeId={view.schemeId} version={view.version} current="compare" draft={view.status === "draft"} published={view.status === "published"} />
      <header className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">
          {t("compareTitle", { scheme: pick(to.scheme.title, locale), from: from.version, to: to.version })}
        </h1>
        {picker}
      </header>
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        {from.version} <StatusBadge status={from.status} /> → {to.version} <StatusBadge status={to.status} />
        <span className="ml-4 rounded bg-rose-50 px-2 text-rose-900">{t("stricter")}</span>
        <span className="rounded bg-emerald-50 px-2 text-emerald-900">{t("looser")}</span>
      </p>

      {diff.empty && <p role="status" className="rounded bg-slate-100 px-3 py-2 text-sm">{t("noDifferences")}</p>}

      {diff.scheme.length > 0 && (
        <section aria-labelledby="scheme-changes">
          <h2 id="scheme-changes" className="mb-2 text-lg font-semibold">{t("schemeChanges")}</h2>
          <ul className="list-inside list-disc text-sm">
            {diff.scheme.map((c) => (
              <li key={c.field}>
                {c.field}:{" "}
                {c.field === "title"
                  ? `${pick(c.from, locale)} → ${pick(c.to, locale)}`
                  : c.field === "levels"
                    ? `${c.from.join(", ")} → ${c.to.join(", ")}`
                    : `${String(c.from)} → ${String(c.to)}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="compare-table">
          <caption className="sr-only">{t("compareCaption")}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t("item")}</th>
              {LEVELS.map((level) => (
                <th key={level} scope="col" className="px-3 py-2 text-right">{level}{level === "L4" ? ` (${t("reserved")})` : ""}</th>
              ))}
              <th scope="col" className="px-3 py-2">{t("otherChanges")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(({ element, item, state }) => {
              const changes = changedByItem.get(item.key) ?? [];
              const thresholds = new Map(changes.filter((c): c is Threshold => c.field === "threshold").map((c) => [c.level, c]));
              const before = fromItems.get(item.key);
              return (
                <tr key={`${state}-${item.key}`} data-testid={`compare-${item.key}`} data-state={state} className={state === "removed" ? "text-slate-400 line-through" : undefined}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {pick(item.title, locale)}
                    <span className="block font-mono text-xs font-normal text-slate-500">
                      {element} · {item.key}
                    </span>
                    {state === "added" && <span className="rounded bg-sky-100 px-1 text-xs text-sky-900">{t("added")}</span>}
                    {state === "removed" && <span className="rounded bg-slate-200 px-1 text-xs text-slate-700 no-underline">{t("removed")}</span>}
                  </th>
                  {LEVELS.map((level) => {
                    const change = thresholds.get(level);
                    if (!change) {
                      return (
                        <td key={level} className="px-3 py-2 text-right tabular-nums">
                          {formatNumber(item.thresholds[level] ?? (state === "removed" ? before?.thresholds[level] : undefined))}
                        </td>
                      );
                    }
                    const direction = change.direction ?? "none";
                    return (
                      <td key={level} data-direction={direction} className={`px-3 py-2 text-right tabular-nums font-medium ${DIRECTION_STYLE[direction]}`}>
                        {formatNumber(change.from)} → {formatNumber(change.to)}
                        <span className="block text-xs font-normal">
                          {change.direction ? t(change.direction) : change.to === null ? t("thresholdDropped") : change.from === null ? t("thresholdAdded") : t("directionFlipped")}
                        </span>
                      </td>
                    );
                  })}
                  <td className="px-3 py-2 text-xs text-slate-700">
                    <ul>
                      {changes.map((c, i) => {
                        const text = otherChange(c);
                        return text ? <li key={i}>{text}</li> : null;
                      })}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </article>
  );
}
