// Every row error a lab report can get renders in both languages from messages/<locale>/labReport.json
// with its own parameters: no placeholder left, no English `message` of the lib, the detail kept
// (the expected unit, the bounds, the row).
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/i18n/messages";
import { parseLabReport, type LabReportError, type Scheme } from "@/lib/grading";
import { labReportErrorText } from "./lab-report-errors";

const scheme = {
  id: "tiny",
  version: "1",
  category: "phone",
  elements: [
    {
      key: "execution",
      title: { zh: "执行", en: "Execution" },
      items: [
        { key: "asr_cer_quiet", title: { zh: "识别", en: "ASR" }, method: { zh: "m", en: "m" }, unit: "%", better: "lower", thresholds: { L1: 10 } },
        { key: "screen_acc", title: { zh: "屏幕", en: "Screen" }, method: { zh: "m", en: "m" }, unit: "%", better: "higher", thresholds: { L1: 60 }, uncertaintyRequired: true, minSamples: 5 },
        { key: "latency_p90", title: { zh: "时延", en: "Latency p90" }, method: { zh: "m", en: "m" }, unit: "ms", better: "lower", thresholds: { L1: 3000 } },
      ],
    },
  ],
} as unknown as Scheme;

const errorsOf = (input: unknown): LabReportError[] => {
  const r = parseLabReport(scheme, input);
  return r.ok ? [] : r.errors;
};

/** Reports that between them raise every code and detail. */
const BAD: unknown[] = [
  { results: [{ item: "asr_cer_quiet", value: 8, unit: "s" }, { item: "screen_acc", value: "eighty", unit: "%", uncertainty: "x", n: 0 }, { item: "latency_p90", value: -3, unit: "ms" }, { item: "latency_p90", value: 1, unit: "ms" }, { item: "asr_cer_quite", value: 8, unit: "%" }] },
  { results: [{ item: "screen_acc", value: 101, unit: "%", uncertainty: -1, n: 2 }, { item: "asr_cer_quiet", value: 5 }, 7, { item: "x", note: 1 }, { item: "" , value: 1, unit: "%" }] },
  { rows: [] },
  { results: Array.from({ length: 40 }, () => ({ item: "a", value: 1, unit: "%" })) },
  "item,result,unit\na,1,%\n",
  "\uFEFF\r\n",
  'item,value,unit\n"asr_cer_quiet,8,%\n',
  "item,value,unit\nasr_cer_quiet,\"8,0\",%\nscreen_acc,80 %,%\nlatency_p90\n",
  ["item,value,unit", ...Array.from({ length: 40 }, () => "a,1,%")].join("\n"),
];

describe("lab report row errors, rendered by code", () => {
  const all = BAD.flatMap(errorsOf);
  it("the reports raise every code", () => {
    const codes = new Set(all.map((e) => e.code));
    for (const c of ["TOO_MANY_ROWS", "UNKNOWN_ITEM", "MISSING_ITEM", "WRONG_UNIT", "NOT_A_NUMBER", "IMPOSSIBLE_VALUE", "DUPLICATE_ITEM", "BAD_FORMAT", "NEGATIVE_UNCERTAINTY", "UNCERTAINTY_REQUIRED", "TOO_FEW_SAMPLES"]) expect(codes).toContain(c);
  });

  it.each(["en", "zh-CN"] as const)("every error renders in %s with its parameters, never the lib's English", (locale) => {
    const t = createTranslator({ locale, messages: loadMessages(locale) as never, namespace: "labReport" as never, onError: (e) => { throw e; } }) as never;
    const messages = (loadMessages(locale).labReport as { errors: Record<string, string> }).errors;
    for (const e of all) {
      const text = labReportErrorText(t, e);
      const key = e.detail ? `${e.code}_${e.detail}` : e.code;
      expect({ key, has: key in messages }).toEqual({ key, has: true });
      expect(text).not.toMatch(/\{\w+\}/);
      expect(text).not.toBe(e.message);
      if (e.item && e.code !== "BAD_FORMAT") expect(text).toContain(e.item);
      if (typeof e.params.expected === "string") expect(text).toContain(`"${e.params.expected}"`);
      if (typeof e.params.min === "number") expect(text).toContain(String(e.params.min));
      if (e.row !== undefined) expect(text).toContain(String(e.row));
    }
  });

  it("a re-test report names items to re-test", () => {
    const t = createTranslator({ locale: "en", messages: loadMessages("en") as never, namespace: "labReport" as never }) as never;
    const unknown = errorsOf({ results: [{ item: "nope", value: 1, unit: "%" }] }).find((e) => e.code === "UNKNOWN_ITEM")!;
    expect(labReportErrorText(t, unknown, "retest")).toBe('Entry 1: "nope" is not an item to re-test.');
  });

  it("the case page's wrong unit reads with the expected unit, in English and Chinese", () => {
    const [e] = errorsOf("item,value,unit\nasr_cer_quiet,8,percent\nscreen_acc,80,%\nlatency_p90,1,ms\n");
    const en = createTranslator({ locale: "en", messages: loadMessages("en") as never, namespace: "labReport" as never }) as never;
    const zh = createTranslator({ locale: "zh-CN", messages: loadMessages("zh-CN") as never, namespace: "labReport" as never }) as never;
    expect(labReportErrorText(en, e)).toBe('Row 2: unit "percent" for asr_cer_quiet; expected "%".');
    expect(labReportErrorText(zh, e)).toBe('第 2 行：asr_cer_quiet 的单位为 "percent"，应为 "%"。');
  });
});
