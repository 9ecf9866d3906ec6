// Lab reports with uncertainty and n (format v2, docs/domain.md#schemes): JSON fields and the CSV's
// optional columns, and one precise error per problem.
import { describe, expect, it } from "vitest";
import { tinyScheme } from "@/test/fixtures/grading";
import { tinySchemeV2 } from "@/test/fixtures/grading-v2";
import { parseLabReport, previewLabReport, type LabReportResult } from "./lab-report";

const v2 = tinySchemeV2();
const rows = [
  { item: "asr_cer_quiet", value: 5, unit: "%" },
  { item: "screen_acc", value: 86, unit: "%", uncertainty: 1.4, n: 150 },
  { item: "proactive_acceptance", value: 70, unit: "%", uncertainty: null, n: null },
  { item: "latency_p90", value: 900, unit: "ms", uncertainty: 30 },
];

function errorsOf(result: LabReportResult) {
  if (result.ok) throw new Error("expected the report to be refused");
  return result.errors;
}

describe("parseLabReport with uncertainty and n", () => {
  it("JSON: keeps U and n per item and grades with them (guarded)", () => {
    const result = parseLabReport(v2, { results: rows });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.measurements).toEqual({
      asr_cer_quiet: { value: 5, uncertainty: null, n: null },
      screen_acc: { value: 86, uncertainty: 1.4, n: 150 },
      proactive_acceptance: { value: 70, uncertainty: null, n: null },
      latency_p90: { value: 900, uncertainty: 30, n: null },
    });
    expect(result.results).toEqual({ asr_cer_quiet: 5, screen_acc: 86, proactive_acceptance: 70, latency_p90: 900 });
    // 86 − 1.4 < 85: L2 under the guarded rule.
    expect(result.determination).toMatchObject({ level: "L2", rule: "guarded", blockers: { level: "L3", items: [expect.objectContaining({ item: "screen_acc", uncertainty: 1.4 })] } });
  });

  it("CSV: item,value,unit,uncertainty,n, an empty cell meaning not reported", () => {
    const csv = "item,value,unit,uncertainty,n\nasr_cer_quiet,5,%,,\nscreen_acc,86.4,%,1.4,150\nproactive_acceptance,70,%,,\nlatency_p90,900,ms,30,\n";
    const result = parseLabReport(v2, csv);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.measurements.screen_acc).toEqual({ value: 86.4, uncertainty: 1.4, n: 150 });
    expect(result.measurements.latency_p90).toEqual({ value: 900, uncertainty: 30, n: null });
    expect(result.determination.level).toBe("L3");
  });

  it("CSV of v1 (item,value,unit) still reads against a v1 scheme, and a v1 CSV may add the columns", () => {
    const v1 = tinyScheme();
    expect(parseLabReport(v1, "item,value,unit\nasr_cer_quiet,8,%\nscreen_acc,80,%\nlatency_p90,1500,ms\n")).toMatchObject({ ok: true, determination: { level: "L2", rule: "simple" } });
    const withU = parseLabReport(v1, "item,value,unit,uncertainty\nasr_cer_quiet,8,%,0.5\nscreen_acc,80,%,1\nlatency_p90,1500,ms,20\n");
    // The simple rule: U is kept, not counted.
    expect(withU).toMatchObject({ ok: true, measurements: { screen_acc: { uncertainty: 1 } }, determination: { level: "L2" } });
  });

  it("gives one precise error per problem: non-numbers, a negative U, a missing required U, too few or no trials", () => {
    const errors = errorsOf(
      parseLabReport(v2, {
        results: [
          { item: "asr_cer_quiet", value: 5, unit: "%", uncertainty: "0.5" },
          { item: "screen_acc", value: 86, unit: "%", n: 150 },
          { item: "proactive_acceptance", value: 70, unit: "%", uncertainty: -1, n: 2.5 },
          { item: "latency_p90", value: 900, unit: "ms", n: "many" },
        ],
      }),
    );
    expect(errors).toEqual([
      { row: 1, item: "asr_cer_quiet", field: "uncertainty", code: "NOT_A_NUMBER", detail: "UNCERTAINTY", hint: "JSON_STRING", params: { item: "asr_cer_quiet", row: 1, source: "json", value: "0.5" }, message: 'entry 1: uncertainty "0.5" for asr_cer_quiet is not a number; in JSON the uncertainty must be a number, not a string' },
      { row: 2, item: "screen_acc", field: "uncertainty", code: "UNCERTAINTY_REQUIRED", params: { item: "screen_acc", row: 2, source: "json", unit: "%" }, message: "entry 2: screen_acc needs its expanded uncertainty U (%); the scheme requires it for this item" },
      { row: 3, item: "proactive_acceptance", field: "uncertainty", code: "NEGATIVE_UNCERTAINTY", params: { item: "proactive_acceptance", row: 3, source: "json", value: -1 }, message: "entry 3: uncertainty -1 for proactive_acceptance is negative; the expanded uncertainty U is at least 0" },
      { row: 3, item: "proactive_acceptance", field: "n", code: "NOT_A_NUMBER", detail: "N", params: { item: "proactive_acceptance", row: 3, source: "json", value: "2.5" }, message: "entry 3: n 2.5 for proactive_acceptance is not a whole number of trials above 0" },
      { row: 4, item: "latency_p90", field: "n", code: "NOT_A_NUMBER", detail: "N", params: { item: "latency_p90", row: 4, source: "json", value: "many" }, message: 'entry 4: n "many" for latency_p90 is not a whole number of trials above 0' },
    ]);
    const csv = errorsOf(parseLabReport(v2, "item,value,unit,uncertainty,n\nasr_cer_quiet,5,%,,\nscreen_acc,86,%,1.4,99\nproactive_acceptance,70,%,abc,\nlatency_p90,900,ms,30,\n"));
    // The CSV rows' parameters are checked with their rendering (app/(portal)/_components/lab-report-errors.test.ts).
    expect(csv).toMatchObject([
      { row: 3, item: "screen_acc", field: "n", code: "TOO_FEW_SAMPLES", message: "row 3: n 99 for screen_acc is below the scheme's minimum of 100 trials" },
      { row: 4, item: "proactive_acceptance", field: "uncertainty", code: "NOT_A_NUMBER", message: 'row 4: uncertainty "abc" for proactive_acceptance is not a number' },
    ]);
    expect(errorsOf(parseLabReport(v2, "item,value,unit,uncertainty\nasr_cer_quiet,5,%,\nscreen_acc,86,%,1.4\nproactive_acceptance,70,%,\nlatency_p90,900,ms,\n"))).toMatchObject([
      { row: 3, item: "screen_acc", field: "n", code: "TOO_FEW_SAMPLES", message: "row 3: screen_acc needs its number of trials n; the scheme requires at least 100" },
    ]);
  });

  it("refuses an unknown column or field by name, and a row with the wrong number of cells", () => {
    expect(errorsOf(parseLabReport(v2, "item,value,unit,u\nasr_cer_quiet,5,%,1\n"))[0]).toMatchObject({ field: "header", code: "BAD_FORMAT", message: expect.stringContaining('unexpected "u"') });
    expect(errorsOf(parseLabReport(v2, { results: [{ ...rows[0], trials: 3 }, ...rows.slice(1)] }))[0]).toMatchObject({ field: "trials", code: "BAD_FORMAT" });
    expect(errorsOf(parseLabReport(v2, "item,value,unit,uncertainty,n\nasr_cer_quiet,5,%\n"))[0]).toMatchObject({
      row: 2,
      code: "BAD_FORMAT",
      message: "row 2: expected 5 fields (item,value,unit,uncertainty,n), found 3",
    });
  });
});

describe("previewLabReport with uncertainty and n", () => {
  it("checks thresholds under the scheme's rule, item by item, and holds elements below a failed qualifying item", () => {
    const preview = previewLabReport(v2, {
      screen_acc: { value: 86, uncertainty: 1.4, n: 150 },
      proactive_acceptance: 40,
      latency_p90: 900,
    });
    expect(preview.complete).toBe(false);
    const screen = preview.items.find((i) => i.item === "screen_acc")!;
    expect(screen).toMatchObject({ measured: 86, uncertainty: 1.4, n: 150, meets: "L2" });
    expect(screen.thresholds).toEqual([
      { level: "L2", needed: 70, pass: true },
      { level: "L3", needed: 85, pass: false },
    ]);
    // execution meets L3 on its own, but proactive_acceptance (qualifying L3) fails it.
    expect(preview.profile).toEqual({ perception: null, cognition: "L2", execution: "L2" });
  });

  it("once complete, is the determination, verdicts included", () => {
    const preview = previewLabReport(v2, { results: rows });
    expect(preview).toMatchObject({ complete: true, level: "L2", rule: "guarded" });
    expect(preview.verdicts).toHaveLength(4);
  });
});
