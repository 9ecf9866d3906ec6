// Paging and sorting of every list that can grow, in one place: the URL's search parameters are
// parsed and bounded here (a page size of at most MAX_PAGE_SIZE, a sort only on the columns a list
// names), and one helper counts and fetches a page. A hostile or stale link never fails and never
// costs more than a normal one: a bad value falls back to the list's default, a page past the end
// shows the last page.

export type SortDir = "asc" | "desc";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
/** Above this, a page number is nonsense however big the list (and Number() would lose digits). */
const MAX_PAGE = 1_000_000;

/** What one list allows: its sortable columns, its default order and size, and a prefix for its keys. */
export type ListSpec<S extends string> = {
  sorts: readonly S[];
  defaultSort: S;
  defaultDir?: SortDir;
  defaultSize?: number;
  /** When a page shows several lists, each reads its own keys (`queuePage`, `queueSort`, …). */
  prefix?: string;
};

export type ListParams<S extends string = string> = { page: number; size: number; sort: S; dir: SortDir };

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** The names of a list's keys in the URL. */
export function listKeys(prefix = "") {
  const key = (k: string) => (prefix ? `${prefix}${k[0].toUpperCase()}${k.slice(1)}` : k);
  return { page: key("page"), size: key("size"), sort: key("sort"), dir: key("dir") };
}

function first(params: SearchParamsLike, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

/** A whole number in [min, max] written in plain digits, or undefined ("1e3", "-1", "0x10", "NaN" are not). */
function wholeNumber(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!/^\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/** The list's page, size and order from the URL; whatever is missing or out of bounds takes the default. */
export function parseListParams<S extends string>(params: SearchParamsLike, spec: ListSpec<S>): ListParams<S> {
  const keys = listKeys(spec.prefix);
  const defaultSize = Math.min(spec.defaultSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const rawSort = first(params, keys.sort);
  const sort = (spec.sorts as readonly string[]).includes(rawSort ?? "") ? (rawSort as S) : spec.defaultSort;
  const rawDir = first(params, keys.dir);
  const dir: SortDir = rawDir === "asc" || rawDir === "desc" ? rawDir : sort === spec.defaultSort ? (spec.defaultDir ?? "asc") : "asc";
  return {
    page: wholeNumber(first(params, keys.page), 1, MAX_PAGE) ?? 1,
    size: wholeNumber(first(params, keys.size), 1, MAX_PAGE_SIZE) ?? defaultSize,
    sort,
    dir,
  };
}

/** One page of a list, with what a table needs to say "21–40 of 312" and link the other pages. */
export type Page<T, S extends string = string> = ListParams<S> & {
  rows: T[];
  total: number;
  pageCount: number;
  /** 1-based position of the first and last row shown (0 and 0 when the list is empty). */
  from: number;
  to: number;
};

/**
 * Counts, then fetches the page (a page past the end becomes the last page, so the offset never
 * exceeds the count). `fetch` receives the offset and the number of rows to read.
 */
export async function fetchPage<T, S extends string>(
  params: ListParams<S>,
  count: () => Promise<number>,
  fetch: (skip: number, take: number) => Promise<T[]>,
): Promise<Page<T, S>> {
  const total = await count();
  return pageOf(params, total, total === 0 ? [] : await fetch((clampPage(params, total) - 1) * params.size, params.size));
}

/** A page whose rows were already fetched (or sliced in memory) for `total` rows. */
export function pageOf<T, S extends string>(params: ListParams<S>, total: number, rows: T[]): Page<T, S> {
  const page = clampPage(params, total);
  const from = total === 0 ? 0 : (page - 1) * params.size + 1;
  return { ...params, page, rows, total, pageCount: Math.max(1, Math.ceil(total / params.size)), from, to: total === 0 ? 0 : from + rows.length - 1 };
}

function clampPage(params: ListParams, total: number): number {
  return Math.min(params.page, Math.max(1, Math.ceil(total / params.size)));
}

/** A page cut from a list already held in memory (a short, bounded list sorted by a computed value). */
export function slicePage<T, S extends string>(params: ListParams<S>, all: T[]): Page<T, S> {
  const page = clampPage(params, all.length);
  return pageOf(params, all.length, all.slice((page - 1) * params.size, page * params.size));
}
