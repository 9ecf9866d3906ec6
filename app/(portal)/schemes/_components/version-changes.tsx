import { getLocale, getTranslations } from "next-intl/server";
import type { ItemFieldChange, SchemeDiff } from "@/lib/grading";
import { formatNumber, pick } from "./text";

function describe(c: ItemFieldChange, t: (key: string) => string): string {
  const v = (x: unknown) => (x === null || x === undefined ? "—" : typeof x === "object" ? ("id" in (x as object) ? `${(x as { id: string; version: string }).id} v${(x as { version: string }).version}` : "…") : String(x));
  switch (c.field) {
    case "threshold":
      return `${c.level}: ${formatNumber(c.from)} → ${formatNumber(c.to)}${c.direction ? ` (${t(c.direction)})` : ""}`;
    case "title":
    case "method":
      return t(c.field === "title" ? "fieldTitle" : "method");
    default:
      return `${c.field}: ${v(c.from)} → ${v(c.to)}`;
  }
}

/** What changed between two versions, item by item, in the reader's language (the public pages). */
export async function VersionChanges({ diff }: { diff: SchemeDiff }) {
  const t = await getTranslations("schemes");
  const locale = await getLocale();
  if (diff.empty && diff.changed.length === 0 && diff.added.length === 0 && diff.removed.length === 0) {
    return <p className="text-sm">{t("noDifferences")}</p>;
  }
  const rows = [
    ...diff.added.map((i) => ({ key: i.item, title: pick(i.title, locale), what: [t("added")] })),
    ...diff.removed.map((i) => ({ key: i.item, title: pick(i.title, locale), what: [t("removed")] })),
    ...diff.changed.map((i) => ({ key: i.item, title: pick(i.title, locale), what: i.changes.map((c) => describe(c, t)) })),
  ];
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="version-changes">
        <caption className="sr-only">{t("compareCaption")}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t("item")}</th>
            <th scope="col" className="px-3 py-2">{t("change")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key} data-testid={`change-${r.key}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {r.title} <span className="block font-mono text-xs font-normal text-slate-500">{r.key}</span>
              </th>
              <td className="px-3 py-2">
                <ul className="space-y-0.5">
                  {r.what.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
          {diff.scheme.map((c) => (
            <tr key={c.field}>
              <th scope="row" className="px-3 py-2 text-left font-medium">{t("schemeChanges")}</th>
              <td className="px-3 py-2 font-mono text-xs">{c.field}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
