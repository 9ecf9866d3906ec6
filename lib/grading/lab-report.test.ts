import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { determine } from "./engine";
import { tinyScheme } from "@/test/fixtures/grading";
import { parseLabReport, previewLabReport, type LabReportResult } from "./lab-report";
import { itemBounds, schemeItems } from "./scheme";
import { SEEDED_SCHEMES } from "./schemes";

const scheme = tinyScheme();
const good = [
  { item: "asr_cer_quiet", value: 8, unit: "%" },
  { item: "screen_acc", value: 80, unit: "%" },
  { item: "latency_p90", value: 1500, unit: "ms" },
];

function errorsOf(result: LabReportResult) {
  if (result.ok) throw new Error("expected the report to be refused");
  return result.errors;
}

describe("parseLabReport (JSON)", () => {
  it("accepts a complete report and determines its level", () => {
    const result = parseLabReport(scheme, { results: good });
    expect(result).toEqual({
      ok: true,
      results: { asr_cer_quiet: 8, screen_acc: 80, latency_p90: 1500 },
      measurements: {
        asr_cer_quiet: { value: 8, uncertainty: null, n: null },
        screen_acc: { value: 80, uncertainty: null, n: null },
        latency_p90: { value: 1500, uncertainty: null, n: null },
      },
      determination: expect.objectContaining({ level: "L2" }),
    });
  });

  it("gives one precise error per kind, with the entry number", () => {
    const errors = errorsOf(
      parseLabReport(scheme, {
        results: [
          { item: "asr_cer_quiet", value: 8, unit: "s" },
          { item: "screen_acc", value: "eighty", unit: "%" },
          { item: "latency_p90", value: -3, unit: "ms" },
          { item: "latency_p90", value: 1500, unit: "ms" },
          { item: "asr_cer_quite", value: 8, unit: "%" },
        ],
      }),
    );
    expect(errors).toEqual([
      {
        row: 1,
        item: "asr_cer_quiet",
        field: "unit",
        code: "WRONG_UNIT",
        params: { row: 1, source: "json", item: "asr_cer_quiet", unit: "s", expected: "%", known: expect.any(String) },
        message: 'entry 1: unit "s" for asr_cer_quiet, expected "%"',
      },
      {
        row: 2,
        item: "screen_acc",
        field: "value",
        code: "NOT_A_NUMBER",
        hint: "JSON_STRING",
        params: { row: 2, source: "json", item: "screen_acc", value: "eighty" },
        message: 'entry 2: value "eighty" for screen_acc is not a number; in JSON the value must be a number, not a string',
      },
      {
        row: 3,
        item: "latency_p90",
        field: "value",
        code: "IMPOSSIBLE_VALUE",
        detail: "AT_LEAST",
        params: { row: 3, source: "json", item: "latency_p90", value: -3, unit: "ms", min: 0 },
        message: "entry 3: -3 ms for latency_p90 is impossible (must be at least 0)",
      },
      {
        row: 4,
        item: "latency_p90",
        field: "item",
        code: "DUPLICATE_ITEM",
        params: { row: 4, source: "json", item: "latency_p90", first: 3 },
        message: "entry 4: latency_p90 is reported again (first at entry 3); report each item once",
      },
      {
        row: 5,
        item: "asr_cer_quite",
        field: "item",
        code: "UNKNOWN_ITEM",
        hint: "DID_YOU_MEAN",
        params: { row: 5, source: "json", item: "asr_cer_quite", scheme: "tiny 1", hint: "asr_cer_quiet" },
        message: 'entry 5: "asr_cer_quite" is not an item of scheme tiny 1 (did you mean "asr_cer_quiet"?)',
      },
    ]);
  });

  it("reports a missing item without a row, and a percentage above 100 as impossible", () => {
    const errors = errorsOf(parseLabReport(scheme, { results: [good[0], { ...good[1], value: 101 }] }));
    expect(errors).toEqual([
      expect.objectContaining({
        row: 2,
        code: "IMPOSSIBLE_VALUE",
        detail: "BETWEEN",
        params: expect.objectContaining({ min: 0, max: 100, unit: "%" }),
        message: "entry 2: 101 % for screen_acc is impossible (must be between 0 and 100)",
      }),
      {
        item: "latency_p90",
        field: "item",
        code: "MISSING_ITEM",
        params: { item: "latency_p90", element: "execution", scheme: "tiny 1" },
        message: "latency_p90 (Latency p90, element execution) is missing; every item of scheme tiny 1 must be reported",
      },
    ]);
  });

  it("refuses a body that is not a report with BAD_FORMAT", () => {
    expect(errorsOf(parseLabReport(scheme, { rows: [] }))).toEqual([expect.objectContaining({ code: "BAD_FORMAT", field: "results" })]);
    expect(errorsOf(parseLabReport(scheme, { results: [...good, 7] }))).toEqual([
      expect.objectContaining({ row: 4, code: "BAD_FORMAT", message: 'entry 4: expected an object { "item", "value", "unit" }' }),
    ]);
    expect(errorsOf(parseLabReport(scheme, { results: [{ ...good[0], note: "x" }, good[1], good[2]] }))[0]).toEqual(
      expect.objectContaining({ row: 1, code: "BAD_FORMAT", field: "note" }),
    );
  });
});

describe("parseLabReport (CSV)", () => {
  it("reads a CSV with BOM, CRLF, quoted fields and blank lines; rows are file lines", () => {
    const csv = '\uFEFFitem,value,unit\r\n"asr_cer_quiet","8","%"\r\n\r\nscreen_acc,80,%\r\nlatency_p90,1500,ms\r\n';
    const result = parseLabReport(scheme, csv);
    expect(result.ok && result.determination.level).toBe("L2");
  });

  it("accepts columns in another order and header case", () => {
    const result = parseLabReport(scheme, "Unit,Item,Value\n%,asr_cer_quiet,8\n%,screen_acc,80\nms,latency_p90,1500\n");
    expect(result.ok && result.results).toEqual({ asr_cer_quiet: 8, screen_acc: 80, latency_p90: 1500 });
  });

  it("gives each error its row number, counted as a spreadsheet shows it", () => {
    const csv = [
      "item,value,unit",
      "asr_cer_quiet,8,s", // row 2
      '"screen_acc","8,0",%', // row 3: decimal comma, quoted
      "", // row 4: blank, skipped
      "latency_p90,12 ms,ms", // row 5
      "latency_p90,1500,ms", // row 6
      "wake_false_reject,3,%", // row 7
      "screen_acc,80", // row 8
    ].join("\r\n");
    const errors = errorsOf(parseLabReport(scheme, csv));
    expect(errors).toEqual([
      expect.objectContaining({ row: 8, code: "BAD_FORMAT", message: "row 8: expected 3 fields (item,value,unit), found 2" }),
      expect.objectContaining({ row: 2, code: "WRONG_UNIT", message: 'row 2: unit "s" for asr_cer_quiet, expected "%"' }),
      expect.objectContaining({
        row: 3,
        code: "NOT_A_NUMBER",
        message: 'row 3: value "8,0" for screen_acc is not a number; use a decimal point, not a comma',
      }),
      expect.objectContaining({ row: 5, code: "NOT_A_NUMBER", item: "latency_p90" }),
      expect.objectContaining({ row: 6, code: "DUPLICATE_ITEM", message: expect.stringContaining("first at row 5") }),
      expect.objectContaining({ row: 7, code: "UNKNOWN_ITEM", item: "wake_false_reject" }),
    ]);
    // Each item with a bad row has its own error; none is also reported as missing.
    expect(errors.filter((e) => e.code === "MISSING_ITEM")).toEqual([]);
  });

  it("reports a wrong header, an empty file and an unclosed quote as BAD_FORMAT", () => {
    expect(errorsOf(parseLabReport(scheme, "item,result,unit\nasr_cer_quiet,8,%\n"))).toEqual([
      {
        row: 1,
        field: "header",
        code: "BAD_FORMAT",
        detail: "HEADER",
        params: { row: 1, source: "csv", found: "item,result,unit" },
        message: 'row 1: the header must be "item,value,unit", optionally followed by "uncertainty" and "n" (missing "value"; unexpected "result"), found "item,result,unit"',
      },
    ]);
    expect(errorsOf(parseLabReport(scheme, "\uFEFF\r\n"))[0]).toEqual(expect.objectContaining({ code: "BAD_FORMAT", field: "csv" }));
    const unclosed = errorsOf(parseLabReport(scheme, 'item,value,unit\n"asr_cer_quiet,8,%\n'));
    expect(unclosed).toEqual([expect.objectContaining({ code: "BAD_FORMAT", message: expect.stringContaining("Quote Not Closed") })]);
  });

  it("rejects non-decimal spellings of numbers", () => {
    for (const value of ["0x10", "Infinity", "", "1e", "12%"]) {
      const csv = `item,value,unit\nasr_cer_quiet,${value},%\nscreen_acc,80,%\nlatency_p90,1500,ms\n`;
      expect(errorsOf(parseLabReport(scheme, csv))).toEqual([expect.objectContaining({ row: 2, code: "NOT_A_NUMBER" })]);
    }
  });

  it("round-trips any valid report of a seeded scheme through CSV to the same determination", () => {
    const arb = fc.constantFrom(...SEEDED_SCHEMES).chain((s) =>
      fc
        .record(
          Object.fromEntries(
            schemeItems(s).map(({ item }) => {
              const { min = -1000, max = 100_000 } = itemBounds(item);
              return [item.key, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => Object.is(v, -0) ? 0 : v)];
            }),
          ),
        )
        .map((results) => ({ s, results })),
    );
    fc.assert(
      fc.property(arb, ({ s, results }) => {
        const units = new Map(schemeItems(s).map(({ item }) => [item.key, item.unit]));
        const csv = ["item,value,unit", ...Object.entries(results).map(([k, v]) => `${k},${v},"${units.get(k)}"`)].join("\n");
        const parsed = parseLabReport(s, csv);
        expect(parsed.ok ? parsed.determination : parsed.errors).toEqual(determine(s, results));
      }),
      { numRuns: 100 },
    );
  });
});

describe("previewLabReport", () => {
  it("never claims a level while items are missing, but shows each item's pass/fail", () => {
    const preview = previewLabReport(scheme, { asr_cer_quiet: 8, screen_acc: 90 });
    expect(preview.complete).toBe(false);
    expect(preview.level).toBeNull();
    expect(preview.missing).toEqual(["latency_p90"]);
    expect(preview.profile).toEqual({ perception: "L2", execution: null });
    const asr = preview.items.find((i) => i.item === "asr_cer_quiet")!;
    expect(asr.thresholds).toEqual([
      { level: "L1", needed: 15, pass: true },
      { level: "L2", needed: 10, pass: true },
      { level: "L3", needed: 6, pass: false },
    ]);
    expect(asr.meets).toBe("L2");
    const latency = preview.items.find((i) => i.item === "latency_p90")!;
    expect(latency).toEqual(expect.objectContaining({ measured: null, meets: null }));
    expect(latency.thresholds.every((t) => t.pass === null)).toBe(true);
  });

  it("counts a refused value as missing and reports the row error", () => {
    const preview = previewLabReport(scheme, { results: [{ item: "asr_cer_quiet", value: 8, unit: "ms" }] });
    expect(preview.missing).toEqual(["asr_cer_quiet", "screen_acc", "latency_p90"]);
    expect(preview.errors).toEqual([expect.objectContaining({ code: "WRONG_UNIT" })]);
    expect(preview.level).toBeNull();
  });

  it("gives the full determination once complete", () => {
    const preview = previewLabReport(scheme, "item,value,unit\nasr_cer_quiet,8,%\nscreen_acc,80,%\nlatency_p90,1500,ms");
    expect(preview).toEqual(expect.objectContaining({ complete: true, level: "L2", missing: [] }));
    expect(preview.blockers?.level).toBe("L3");
  });
});
