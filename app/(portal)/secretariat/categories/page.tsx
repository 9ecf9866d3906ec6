import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/page-guards";
import { listCategories } from "@/lib/categories";
import { listSchemes } from "@/lib/schemes";
import { AddCategoryForm } from "./_components/add-category-form";
import { FirstSchemeForm } from "./_components/first-scheme-form";

// Terminal categories are data (docs/domain.md#categories): the secretariat lists them, adds one,
// and starts a new category's first scheme as a draft in the scheme editor.
export default async function CategoriesPage() {
  const user = await requirePermission("category:manage");
  const t = await getTranslations("categories");
  const [categories, schemes] = await Promise.all([listCategories(), listSchemes(user)]);
  const schemesOf = (key: string) => schemes.filter((s) => s.category === key);
  // Any published version can be the starting point of a new category's first scheme.
  const sources = schemes.flatMap((s) =>
    s.versions.filter((v) => v.status === "published").map((v) => ({ value: `${s.schemeId}@${v.version}`, label: `${s.schemeId} ${v.version}` })),
  );
  const suggestion = `${new Date().getUTCFullYear()}.1`;
  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-slate-600">{t("intro")}</p>
      </div>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="category-list">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t("key")}</th>
              <th scope="col" className="px-3 py-2">{t("nameZh")}</th>
              <th scope="col" className="px-3 py-2">{t("nameEn")}</th>
              <th scope="col" className="px-3 py-2">{t("certificateCode")}</th>
              <th scope="col" className="px-3 py-2">{t("schemes")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {categories.map((c) => {
              const own = schemesOf(c.key);
              return (
                <tr key={c.key} data-testid={`category-${c.key}`}>
                  <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal">{c.key}</th>
                  <td className="px-3 py-2" lang="zh-CN">{c.nameZh}</td>
                  <td className="px-3 py-2" lang="en">{c.nameEn}</td>
                  <td className="px-3 py-2 font-mono text-xs">{c.certificateCode}</td>
                  <td className="px-3 py-2">
                    {own.length === 0 ? (
                      <span className="text-amber-700">{t("noScheme")}</span>
                    ) : (
                      <ul className="flex flex-wrap gap-2">
                        {own.map((s) => (
                          <li key={s.schemeId}>
                            <Link className="text-brand hover:underline" href={`/secretariat/schemes/${encodeURIComponent(s.schemeId)}/${encodeURIComponent(s.versions[0].version)}`}>
                              {s.schemeId} {s.versions[0].version}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {categories
        .filter((c) => schemesOf(c.key).length === 0)
        .map((c) => (
          <FirstSchemeForm key={c.key} category={c.key} name={`${c.nameZh} / ${c.nameEn}`} sources={sources} suggestion={suggestion} />
        ))}
      <AddCategoryForm />
    </section>
  );
}
