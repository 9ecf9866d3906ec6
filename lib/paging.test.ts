import { describe, expect, it } from "vitest";
import { fetchPage, listKeys, MAX_PAGE_SIZE, pageOf, parseListParams, slicePage, type ListSpec } from "./paging";

const SPEC: ListSpec<"name" | "created"> = { sorts: ["name", "created"], defaultSort: "created", defaultDir: "desc", defaultSize: 20 };

describe("parseListParams", () => {
  it("reads page, size, sort and direction from the URL", () => {
    expect(parseListParams({ page: "3", size: "50", sort: "name", dir: "desc" }, SPEC)).toEqual({ page: 3, size: 50, sort: "name", dir: "desc" });
    expect(parseListParams(new URLSearchParams("page=2&sort=name"), SPEC)).toEqual({ page: 2, size: 20, sort: "name", dir: "asc" });
    expect(parseListParams({}, SPEC)).toEqual({ page: 1, size: 20, sort: "created", dir: "desc" });
  });

  it("hostile values fall back to the defaults: negative, zero, huge, NaN, exponent, hex, unknown column", () => {
    for (const page of ["-1", "0", "NaN", "1e3", "0x10", "99999999999999999999", "", " ", "2.5", "Infinity"]) {
      expect(parseListParams({ page }, SPEC).page).toBe(1);
    }
    for (const size of ["-5", "0", "101", "1000000", "NaN", "1e2", "abc"]) {
      expect(parseListParams({ size }, SPEC).size).toBe(20);
    }
    expect(parseListParams({ size: String(MAX_PAGE_SIZE) }, SPEC).size).toBe(MAX_PAGE_SIZE);
    for (const sort of ["passwordHash", "name;DROP TABLE User", "__proto__", "constructor", "NAME"]) {
      expect(parseListParams({ sort }, SPEC)).toMatchObject({ sort: "created", dir: "desc" });
    }
    expect(parseListParams({ dir: "sideways" }, SPEC).dir).toBe("desc");
    // Repeated keys: the first value counts.
    expect(parseListParams({ page: ["4", "9"], sort: ["evil", "name"] }, SPEC)).toMatchObject({ page: 4, sort: "created" });
  });

  it("a default size above the bound is bounded too", () => {
    expect(parseListParams({}, { ...SPEC, defaultSize: 10_000 }).size).toBe(MAX_PAGE_SIZE);
  });

  it("a prefix gives each list on a page its own keys", () => {
    expect(listKeys("queue")).toEqual({ page: "queuePage", size: "queueSize", sort: "queueSort", dir: "queueDir" });
    expect(parseListParams({ page: "5", queuePage: "2", queueSort: "name" }, { ...SPEC, prefix: "queue" })).toMatchObject({ page: 2, sort: "name" });
  });
});

describe("fetchPage and pageOf", () => {
  const rows = Array.from({ length: 312 }, (_, i) => i + 1);
  const fetchRows = (skip: number, take: number) => Promise.resolve(rows.slice(skip, skip + take));

  it("says which rows of how many are shown", async () => {
    const p = await fetchPage({ page: 2, size: 20, sort: "name", dir: "asc" }, () => Promise.resolve(312), fetchRows);
    expect(p).toMatchObject({ page: 2, pageCount: 16, total: 312, from: 21, to: 40 });
    expect(p.rows[0]).toBe(21);
  });

  it("a page past the end is the last page, and its offset never passes the count", async () => {
    const skips: number[] = [];
    const p = await fetchPage({ page: 999_999, size: 100, sort: "name", dir: "asc" }, () => Promise.resolve(312), (skip, take) => {
      skips.push(skip);
      return fetchRows(skip, take);
    });
    expect(skips).toEqual([300]);
    expect(p).toMatchObject({ page: 4, pageCount: 4, from: 301, to: 312 });
  });

  it("an empty list reads nothing and shows 0 of 0", async () => {
    let fetched = false;
    const p = await fetchPage({ page: 3, size: 10, sort: "name", dir: "asc" }, () => Promise.resolve(0), async () => {
      fetched = true;
      return [];
    });
    expect(fetched).toBe(false);
    expect(p).toMatchObject({ page: 1, pageCount: 1, total: 0, from: 0, to: 0, rows: [] });
    expect(pageOf({ page: 1, size: 10, sort: "x", dir: "asc" }, 5, [1, 2, 3, 4, 5])).toMatchObject({ from: 1, to: 5 });
  });

  it("slicePage cuts a list held in memory", () => {
    expect(slicePage({ page: 3, size: 5, sort: "x", dir: "asc" }, rows.slice(0, 12))).toMatchObject({ rows: [11, 12], from: 11, to: 12, total: 12, pageCount: 3 });
  });
});
