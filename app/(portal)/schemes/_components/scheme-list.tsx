import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { SchemeSummary } from "@/lib/schemes";
import { pick } from "./text";
import { StatusBadge } from "./status-badge";
import { listCategories, nameOf } from "@/lib/categories";

/** Every scheme with its versions; `basePath` decides where a version links to. */
export async function SchemeList({ schemes, basePath }: { schemes: SchemeSummary[]; basePath: string }) {
  const t = await getTranslations("schemes");
  const locale = await getLocale();
  // Category names come from the Category table (docs/domain.md#categories).
  const categories = await listCategories();
  if (schemes.length === 0) return <p className="text-slate-600">{t("noSchemes")}</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="scheme-list">
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t("scheme")}</th>
            <th scope="col" className="px-3 py-2">{t("category")}</th>
            <th scope="col" className="px-3 py-2">{t("inForceVersion")}</th>
            <th scope="col" className="px-3 py-2">{t("versions")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {schemes.map((s) => (
            <tr key={s.schemeId} data-testid={`scheme-${s.schemeId}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {pick(s.title, locale)} <span className="font-mono text-xs font-normal text-slate-500">{s.schemeId}</span>
              </th>
              <td className="px-3 py-2">{pick(nameOf(categories, s.category), locale)}</td>
              <td className="px-3 py-2" data-testid={`default-${s.schemeId}`}>{s.defaultVersion ?? "—"}</td>
              <td className="px-3 py-2">
                <ul className="flex flex-wrap gap-2">
                  {s.versions.map((v) => (
                    <li key={v.version} data-testid={`version-${s.schemeId}-${v.version}`} className="flex items-center gap-1">
                      <Link className="text-brand underline-offset-2 hover:underline" href={`${basePath}/${encodeURIComponent(s.schemeId)}/${encodeURIComponent(v.version)}`}>
                        {v.version}
                      </Link>
                      <StatusBadge status={v.status} inForce={v.inForce} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
