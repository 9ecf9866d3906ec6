// The one table of the portal. Server-rendered: sorting and paging are plain links that change the
// URL's search parameters (lib/paging.ts reads them), so they work without JavaScript, by keyboard,
// and every view can be shared. Wide screens get a table; below the `sm` breakpoint each row
// becomes a card of "label: value" lines, so nothing scrolls sideways and no column is squeezed
// into a letter per line.
import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { listKeys, type Page, type SearchParamsLike, type SortDir } from "@/lib/paging";

export type Column<T> = {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
  /** The sort key (one of the list's allowed sorts) when this column can be sorted. */
  sort?: string;
};

export type TablePaging = {
  page: Pick<Page<unknown>, "page" | "size" | "sort" | "dir" | "total" | "pageCount" | "from" | "to">;
  /** The page's path; the links keep the current search parameters and change only this list's keys. */
  path: string;
  searchParams: SearchParamsLike;
  prefix?: string;
};

function entries(params: SearchParamsLike): [string, string][] {
  if (params instanceof URLSearchParams) return [...params.entries()];
  return Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
}

/** The link to the same page with some of this list's keys changed (undefined removes a key). */
export function tableHref(paging: TablePaging, changes: Partial<Record<"page" | "size" | "sort" | "dir", string | undefined>>): string {
  const keys = listKeys(paging.prefix);
  const q = new URLSearchParams(entries(paging.searchParams));
  for (const [k, v] of Object.entries(changes) as [keyof typeof keys, string | undefined][]) {
    if (v === undefined) q.delete(keys[k]);
    else q.set(keys[k], v);
  }
  const s = q.toString();
  return s ? `${paging.path}?${s}` : paging.path;
}

const ARIA_SORT: Record<SortDir, "ascending" | "descending"> = { asc: "ascending", desc: "descending" };

async function SortHeader({ label, sortKey, paging }: { label: ReactNode; sortKey: string; paging: TablePaging }) {
  const t = await getTranslations("table");
  const active = paging.page.sort === sortKey;
  const next: SortDir = active && paging.page.dir === "asc" ? "desc" : "asc";
  return (
    <Link
      href={tableHref(paging, { sort: sortKey, dir: next, page: undefined })}
      scroll={false}
      className="inline-flex items-center gap-1 rounded text-inherit underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand"
      data-sort={sortKey}
    >
      {label}
      <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-400"}>
        {active ? (paging.page.dir === "asc" ? "▲" : "▼") : "↕"}
      </span>
      <span className="sr-only">{t(next === "asc" ? "sortAscending" : "sortDescending")}</span>
    </Link>
  );
}

async function Pager({ paging, testId }: { paging: TablePaging; testId?: string }) {
  const t = await getTranslations("table");
  const format = await getFormatter();
  const { page, pageCount, total, from, to } = paging.page;
  const n = (x: number) => format.number(x);
  const step = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand";
  const off = "rounded border border-slate-200 px-3 py-1 text-slate-400";
  return (
    <nav aria-label={t("pagination")} data-testid={testId ? `${testId}-pager` : undefined} className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <p className="text-slate-600" data-testid={testId ? `${testId}-range` : undefined} aria-live="polite">
        {total === 0 ? t("none") : t("range", { from: n(from), to: n(to), total: n(total) })}
      </p>
      {pageCount > 1 && (
        <div className="ml-auto flex items-center gap-2">
          {page > 1 ? (
            <Link href={tableHref(paging, { page: page === 2 ? undefined : String(page - 1) })} rel="prev" scroll={false} className={step}>
              {t("previous")}
            </Link>
          ) : (
            <span className={off} aria-disabled="true">{t("previous")}</span>
          )}
          <span className="whitespace-nowrap text-slate-600">{t("pageOf", { page: n(page), pageCount: n(pageCount) })}</span>
          {page < pageCount ? (
            <Link href={tableHref(paging, { page: String(page + 1) })} rel="next" scroll={false} className={step}>
              {t("next")}
            </Link>
          ) : (
            <span className={off} aria-disabled="true">{t("next")}</span>
          )}
        </div>
      )}
    </nav>
  );
}

/**
 * A table with a caption for screen readers and column headers. With `paging`, the sortable
 * columns' headers are links (aria-sort on the sorted one) and a pager says "21–40 of 312".
 * An empty list shows `empty` instead of the table.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  testId,
  rowTestId,
  rowData,
  paging,
  fixed = false,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: ReactNode;
  testId?: string;
  /** The row's data-testid (default: `${testId}-row`). */
  rowTestId?: (row: T) => string;
  /** More data-* attributes of a row, e.g. { number: "…" } → data-number. */
  rowData?: (row: T) => Record<string, string>;
  paging?: TablePaging;
  /** Fixed layout: the columns' widths (from their className) line up across several tables. */
  fixed?: boolean;
}) {
  const pager = paging ? <Pager paging={paging} testId={testId} /> : null;
  if (rows.length === 0) {
    return (
      <>
        <p data-testid={testId ? `${testId}-empty` : undefined} className="text-sm text-slate-600">
          {empty}
        </p>
        {paging && paging.page.total > 0 && pager}
      </>
    );
  }
  return (
    <>
      <div className="sm:overflow-x-auto">
        <table data-testid={testId} className={`w-full border-collapse text-left text-sm max-sm:block ${fixed ? "sm:table-fixed" : ""}`.trim()}>
          <caption className="sr-only">{caption}</caption>
          {/* On a phone the headers are for screen readers only; as blocks they stay inside the 1 px
              box instead of laying out a row as wide as the table beside the screen. */}
          <thead className="max-sm:sr-only">
            <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 max-sm:block">
              {columns.map((c, i) => {
                const sorted = paging && c.sort && paging.page.sort === c.sort ? ARIA_SORT[paging.page.dir] : undefined;
                return (
                  <th key={i} scope="col" aria-sort={sorted} className={`px-2 py-2 font-semibold max-sm:block ${c.className ?? ""}`.trim()}>
                    {paging && c.sort ? <SortHeader label={c.header} sortKey={c.sort} paging={paging} /> : c.header}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="max-sm:block max-sm:space-y-2">
            {rows.map((row) => {
              const data = Object.fromEntries(Object.entries(rowData?.(row) ?? {}).map(([k, v]) => [`data-${k}`, v]));
              return (
                <tr
                  key={rowKey(row)}
                  data-testid={rowTestId ? rowTestId(row) : testId ? `${testId}-row` : undefined}
                  data-key={rowKey(row)}
                  {...data}
                  className="align-top max-sm:block max-sm:rounded-md max-sm:border max-sm:border-slate-200 max-sm:p-2 sm:border-b sm:border-slate-100 sm:last:border-0"
                >
                  {columns.map((c, i) => (
                    <td key={i} className={`px-2 py-2 max-sm:flex max-sm:gap-3 max-sm:px-1 max-sm:py-1 ${c.className ?? ""}`.trim()}>
                      <span aria-hidden="true" className="w-28 shrink-0 text-xs font-semibold uppercase tracking-wide text-slate-600 sm:hidden">
                        {c.header}
                      </span>
                      <div className="min-w-0 break-words max-sm:flex-1 sm:contents">{c.cell(row)}</div>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
