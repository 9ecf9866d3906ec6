// Small schemes for the grading tests: two elements, thresholds chosen by hand.
import { parseScheme, type Scheme, type SchemeInput } from "./scheme";

export function tinySchemeInput(): SchemeInput {
  return {
    id: "tiny",
    version: "1",
    category: "phone",
    title: { zh: "测试", en: "Test" },
    levels: ["L1", "L2", "L3", "L4"],
    validityMonths: 12,
    elements: [
      {
        key: "perception",
        title: { zh: "感知", en: "Perception" },
        items: [
          {
            key: "asr_cer_quiet",
            title: { zh: "字错误率", en: "CER, quiet" },
            unit: "%",
            better: "lower",
            method: { zh: "方法", en: "Method" },
            thresholds: { L1: 15, L2: 10, L3: 6 },
          },
          {
            key: "screen_acc",
            title: { zh: "屏幕理解", en: "Screen understanding" },
            unit: "%",
            better: "higher",
            method: { zh: "方法", en: "Method" },
            thresholds: { L2: 70, L3: 85 },
          },
        ],
      },
      {
        key: "execution",
        title: { zh: "执行", en: "Execution" },
        items: [
          {
            key: "latency_p90",
            title: { zh: "时延", en: "Latency p90" },
            unit: "ms",
            better: "lower",
            method: { zh: "方法", en: "Method" },
            thresholds: { L1: 3000, L2: 2000, L3: 1000 },
          },
        ],
      },
    ],
  };
}

export function tinyScheme(edit?: (input: SchemeInput) => void): Scheme {
  const input = tinySchemeInput();
  edit?.(input);
  const parsed = parseScheme(input);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return parsed.scheme;
}
