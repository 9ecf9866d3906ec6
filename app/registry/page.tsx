// Public registry of issued certificates: no sign-in. The filters are a plain GET form, so every
// search is a link that can be shared.
import Link from "next/link";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Header } from "@/app/_components/header";
import { getSessionUser } from "@/lib/auth/session";
import { parseRegistryQuery, registryFilterOptions, searchRegistry, type RegistryQuery } from "@/lib/certificates/registry";
import { CERTIFICATE_STATUSES } from "@/lib/certificates/public";
import { categoryTitle } from "@/lib/certificates/issue-certificate";
import { LEVELS, LEVEL_NAMES } from "@/lib/grading";
import { StatusBadge } from "@/app/verify/_components/status-badge";
import { localName, pick } from "@/app/verify/_components/bilingual";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificates.registry");
  return { title: `${t("title")} — Zhiji 智级` };
}

type SearchParams = Record<string, string | string[] | undefined>;

function hrefFor(q: RegistryQuery, page: number) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (k !== "page" && v !== undefined && v !== "") p.set(k, String(v));
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `/registry?${s}` : "/registry";
}

const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function RegistryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = parseRegistryQuery(await searchParams);
  const [user, result, options, t, ts, locale, format] = await Promise.all([
    getSessionUser(),
    searchRegistry(q),
    registryFilterOptions(),
    getTranslations("certificates.registry"),
    getTranslations("certificates.status"),
    getLocale(),
    getFormatter(),
  ]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  // A filter chosen in a link stays selectable even when nothing matches it any more.
  const categories = q.category && !options.categories.includes(q.category) ? [...options.categories, q.category] : options.categories;

  return (
    <>
      <Header user={user} />
      <main className="mx-auto max-w-6xl px-4 py-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-600">{t("intro")}</p>

        <form method="get" action="/registry" role="search" data-testid="registry-filters"
          className="mt-5 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
          <label className="text-sm font-medium">{t("number")}
            <input name="number" defaultValue={q.number ?? ""} className={field} placeholder="AIT-2026-PHONE-000001" />
          </label>
          <label className="text-sm font-medium">{t("vendor")}
            <input name="vendor" defaultValue={q.vendor ?? ""} className={field} />
          </label>
          <label className="text-sm font-medium">{t("product")}
            <input name="product" defaultValue={q.product ?? ""} className={field} />
          </label>
          <label className="text-sm font-medium">{t("category")}
            <select name="category" defaultValue={q.category ?? ""} className={field}>
              <option value="">{t("any")}</option>
              {categories.map((c) => <option key={c} value={c}>{pick(categoryTitle(c), locale)}</option>)}
            </select>
          </label>
          <label className="text-sm font-medium">{t("level")}
            <select name="level" defaultValue={q.level ?? ""} className={field}>
              <option value="">{t("any")}</option>
              {LEVELS.map((l) => <option key={l} value={l}>{`${l} ${pick(LEVEL_NAMES[l], locale)}`}</option>)}
            </select>
          </label>
          <label className="text-sm font-medium">{t("status")}
            <select name="status" defaultValue={q.status ?? ""} className={field}>
              <option value="">{t("any")}</option>
              {CERTIFICATE_STATUSES.map((s) => <option key={s} value={s}>{ts(s)}</option>)}
            </select>
          </label>
          <label className="text-sm font-medium">{t("pilot")}
            <select name="pilot" defaultValue={q.pilot ?? ""} className={field}>
              <option value="">{t("any")}</option>
              {options.pilots.map((p) => <option key={p.id} value={p.id}>{localName(p.name, p.nameZh, locale)}</option>)}
            </select>
          </label>
          <div className="flex items-end gap-3">
            <button type="submit" className="rounded bg-brand px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-dark">{t("search")}</button>
            <Link href="/registry" className="text-sm text-slate-600 hover:underline">{t("clear")}</Link>
          </div>
        </form>

        <p className="mt-5 text-sm text-slate-600" data-testid="registry-total" aria-live="polite">{t("results", { total: result.total })}</p>

        {result.items.length === 0 ? (
          <p className="mt-3 rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600" data-testid="registry-empty">{t("empty")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="registry-table">
              <thead className="bg-slate-100 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("colNumber")}</th>
                  <th scope="col" className="px-3 py-2">{t("colProduct")}</th>
                  <th scope="col" className="px-3 py-2">{t("colVendor")}</th>
                  <th scope="col" className="px-3 py-2">{t("colLevel")}</th>
                  <th scope="col" className="px-3 py-2">{t("colStatus")}</th>
                  <th scope="col" className="px-3 py-2">{t("colIssued")}</th>
                  <th scope="col" className="px-3 py-2">{t("colValidUntil")}</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">{t("colVerify")}</span></th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((c) => (
                  <tr key={c.number} className="border-t border-slate-100" data-testid="registry-row" data-number={c.number}>
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{c.number}</td>
                    <td className="px-3 py-2">
                      <div className="font-medium">{c.product.name}</div>
                      <div className="text-xs text-slate-500">{c.product.model} · {c.product.softwareVersion} · {pick(c.categoryName, locale)}</div>
                    </td>
                    <td className="px-3 py-2">{localName(c.vendor, c.vendorZh, locale)}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <span className="font-semibold">{c.level}</span> <span className="text-slate-600">{pick(c.levelName, locale)}</span>
                    </td>
                    <td className="px-3 py-2"><StatusBadge status={c.status} label={ts(c.status)} /></td>
                    <td className="whitespace-nowrap px-3 py-2">{date(c.issuedAt)}</td>
                    <td className="whitespace-nowrap px-3 py-2">{date(c.validUntil)}</td>
                    <td className="px-3 py-2">
                      <Link href={`/verify/${c.publicId}`} className="text-brand hover:underline" aria-label={`${t("verifyLink")} ${c.number}`}>
                        {t("verifyLink")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {result.pageCount > 1 && (
          <nav aria-label={t("pagination")} className="mt-4 flex items-center justify-between text-sm" data-testid="registry-pagination">
            {result.page > 1 ? (
              <Link href={hrefFor(q, result.page - 1)} rel="prev" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">{t("previous")}</Link>
            ) : <span />}
            <span className="text-slate-600">{t("pageOf", { page: result.page, pageCount: result.pageCount })}</span>
            {result.page < result.pageCount ? (
              <Link href={hrefFor(q, result.page + 1)} rel="next" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">{t("next")}</Link>
            ) : <span />}
          </nav>
        )}
      </main>
    </>
  );
}
