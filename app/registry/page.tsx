// Public registry of issued certificates: no sign-in. The filters are a plain GET form, so every
// search is a link that can be shared.
import Link from "next/link";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { parseRegistryQuery, registryFilterOptions, searchRegistry } from "@/lib/certificates/registry";
import { DataTable } from "@/app/_components/ui/data-table";
import { REGISTRY_STATUSES } from "@/lib/certificates/public";
import { listCategories, nameOf } from "@/lib/categories";
import { LEVELS, LEVEL_NAMES } from "@/lib/grading";
import { MODEL_DEPLOYMENTS } from "@/lib/cases/models";
import { StatusBadge } from "@/app/verify/_components/status-badge";
import { localName, pick } from "@/app/verify/_components/bilingual";
import { PublishedResults } from "./published-results";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificates.registry");
  return { title: `${t("title")} — Zhiji 智级` };
}

type SearchParams = Record<string, string | string[] | undefined>;

const field = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function RegistryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const q = parseRegistryQuery(params);
  const [result, options, t, ts, tc, tm, locale, format] = await Promise.all([
    searchRegistry(q),
    registryFilterOptions(),
    getTranslations("certificates.registry"),
    getTranslations("certificates.status"),
    getTranslations("complaints"),
    getTranslations("certificates.models"),
    getLocale(),
    getFormatter(),
  ]);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  // A filter chosen in a link stays selectable even when nothing matches it any more.
  const categories = q.category && !options.categories.includes(q.category) ? [...options.categories, q.category] : options.categories;
  // The categories' names come from the Category table (docs/domain.md#categories).
  const categoryRows = await listCategories();

  return (
    <>
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
              {categories.map((c) => <option key={c} value={c}>{pick(nameOf(categoryRows, c), locale)}</option>)}
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
              {REGISTRY_STATUSES.map((s) => <option key={s} value={s}>{ts(s)}</option>)}
            </select>
          </label>
          <label className="text-sm font-medium">{t("pilot")}
            <select name="pilot" defaultValue={q.pilot ?? ""} className={field}>
              <option value="">{t("any")}</option>
              {options.pilots.map((p) => <option key={p.id} value={p.id}>{localName(p.name, p.nameZh, locale)}</option>)}
            </select>
          </label>
          <label className="text-sm font-medium">{t("deployment")}
            <select name="deployment" defaultValue={q.deployment ?? ""} className={field} data-testid="registry-deployment">
              <option value="">{t("any")}</option>
              {MODEL_DEPLOYMENTS.map((d) => <option key={d} value={d}>{tm(`deployments.${d}`)}</option>)}
            </select>
          </label>
          {/* A new search keeps the chosen order and page size, and starts again at page 1. */}
          {params.sort !== undefined && <input type="hidden" name="sort" value={q.sort} />}
          {params.dir !== undefined && <input type="hidden" name="dir" value={q.dir} />}
          {params.size !== undefined && <input type="hidden" name="size" value={q.size} />}
          <div className="flex items-end gap-3">
            <button type="submit" className="rounded bg-brand px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-dark">{t("search")}</button>
            <Link href="/registry" className="text-sm text-slate-600 hover:underline">{t("clear")}</Link>
          </div>
        </form>

        <p className="mt-5 text-sm text-slate-600" data-testid="registry-total" aria-live="polite">{t("results", { total: result.total })}</p>

        <div className="mt-3 rounded-lg border border-slate-200 bg-white p-2 sm:p-3">
          <DataTable
            caption={t("title")}
            rows={result.items}
            rowKey={(c) => c.number}
            rowData={(c) => ({ number: c.number })}
            empty={t("empty")}
            testId="registry"
            rowTestId={() => "registry-row"}
            paging={{ page: result, path: "/registry", searchParams: params }}
            columns={[
              {
                header: t("colNumber"),
                sort: "number",
                cell: (c) => (
                  <span className="font-mono text-xs sm:whitespace-nowrap">
                    {c.number}
                    {/* The current revision of a reissued certificate (docs/domain.md#revisions). */}
                    {c.revision > 0 && (
                      <>
                        {" "}
                        <abbr title={t("revisionMarker", { revision: c.revision })} className="rounded bg-slate-100 px-1 font-semibold no-underline" data-testid="registry-revision">
                          R{c.revision}
                        </abbr>
                      </>
                    )}
                  </span>
                ),
              },
              {
                header: t("colProduct"),
                cell: (c) => (
                  <>
                    <div className="font-medium">{c.product.name}</div>
                    <div className="text-xs text-slate-500">{c.product.model} · {c.product.softwareVersion} · {pick(c.categoryName, locale)}</div>
                    {/* The disclosed models, where each runs (docs/domain.md#model-disclosure). */}
                    <div className="text-xs text-slate-500 [overflow-wrap:anywhere]" data-testid="registry-models">
                      {c.product.models.length === 0
                        ? tm("notDisclosed")
                        : c.product.models.slice(0, 3).map((m) => `${m.name} ${m.version} (${tm(`deployments.${m.deployment}`)})`).join(" · ") +
                          (c.product.models.length > 3 ? ` +${c.product.models.length - 3}` : "")}
                    </div>
                  </>
                ),
              },
              { header: t("colVendor"), sort: "vendor", cell: (c) => localName(c.vendor, c.vendorZh, locale) },
              {
                header: t("colLevel"),
                sort: "level",
                className: "sm:whitespace-nowrap",
                cell: (c) => (
                  <>
                    <span className="font-semibold">{c.level}</span> <span className="text-slate-600">{pick(c.levelName, locale)}</span>
                  </>
                ),
              },
              { header: t("colStatus"), cell: (c) => <StatusBadge status={c.status} label={ts(c.status)} /> },
              { header: t("colIssued"), sort: "issued", className: "sm:whitespace-nowrap", cell: (c) => date(c.issuedAt) },
              { header: t("colValidUntil"), sort: "validUntil", className: "sm:whitespace-nowrap", cell: (c) => date(c.validUntil) },
              {
                header: <span className="sr-only">{t("colVerify")}</span>,
                cell: (c) => (
                  <span className="flex flex-wrap gap-x-3 gap-y-1">
                    <Link href={`/verify/${c.publicId}`} className="text-brand hover:underline" aria-label={`${t("verifyLink")} ${c.number}`}>
                      {t("verifyLink")}
                    </Link>
                    <Link href={`/verify/${c.publicId}#complain`} className="text-brand hover:underline" aria-label={`${tc("registryLink")} ${c.number}`} data-testid="registry-complain-link">
                      {tc("registryLink")}
                    </Link>
                  </span>
                ),
              },
            ]}
          />
        </div>
        <PublishedResults categories={categoryRows} category={typeof params.results === "string" ? params.results : undefined} searchParams={params} />
      </main>
    </>
  );
}
