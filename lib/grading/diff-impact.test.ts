import { describe, expect, it } from "vitest";
import { describeDiff, diffSchemes } from "./diff";
import { tinyScheme } from "@/test/fixtures/grading";
import { tinySchemeV2 } from "@/test/fixtures/grading-v2";
import { impactOf, type ImpactCase } from "./impact";
import { SEEDED_SCHEMES } from "./schemes";

const base = tinyScheme();
const draft = tinyScheme((s) => {
  s.version = "2";
  s.panelSize = 5;
  s.validityMonths = 24;
  const [asr, screen] = s.elements[0].items;
  asr.thresholds = { L1: 15, L2: 8, L3: 6 }; // L2 stricter
  screen.thresholds = { L2: 65, L3: 85 }; // L2 looser
  screen.method = { zh: "新方法", en: "New method" };
  s.elements[1].items.push({
    key: "tokens_per_second",
    title: { zh: "生成速度", en: "Generation speed" },
    unit: "tokens/s",
    better: "higher",
    method: { zh: "方法", en: "Method" },
    thresholds: { L3: 20 },
  });
});

describe("diffSchemes", () => {
  it("is empty between a scheme and itself", () => {
    for (const scheme of SEEDED_SCHEMES) expect(diffSchemes(scheme, scheme).empty).toBe(true);
  });

  it("lists added and removed items, changed thresholds per level, method, panel size and validity", () => {
    const diff = diffSchemes(base, draft);
    expect(diff.empty).toBe(false);
    expect(diff.scheme).toEqual([
      { field: "panelSize", from: 3, to: 5 },
      { field: "validityMonths", from: 12, to: 24 },
    ]);
    expect(diff.added).toEqual([{ element: "execution", item: "tokens_per_second", title: { zh: "生成速度", en: "Generation speed" } }]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      expect.objectContaining({
        item: "asr_cer_quiet",
        changes: [{ field: "threshold", level: "L2", from: 10, to: 8, direction: "stricter" }],
      }),
      expect.objectContaining({
        item: "screen_acc",
        changes: [
          { field: "method", from: { zh: "方法", en: "Method" }, to: { zh: "新方法", en: "New method" } },
          { field: "threshold", level: "L2", from: 70, to: 65, direction: "looser" },
        ],
      }),
    ]);
    expect(describeDiff(diff)).toEqual([
      "panelSize: 3 → 5",
      "validityMonths: 12 → 24",
      "tokens_per_second added (element execution)",
      "asr_cer_quiet: L2 threshold 10 → 8 (stricter)",
      "screen_acc: method changed",
      "screen_acc: L2 threshold 70 → 65 (looser)",
    ]);
  });

  it("reports removals, unit and better changes, and thresholds added or dropped", () => {
    const b = tinyScheme((s) => {
      s.elements[0].items.pop();
      const latency = s.elements[1].items[0];
      latency.unit = "s";
      latency.thresholds = { L1: 3, L2: 2 };
    });
    const diff = diffSchemes(base, b);
    expect(diff.removed.map((r) => r.item)).toEqual(["screen_acc"]);
    expect(diff.changed).toEqual([
      expect.objectContaining({
        item: "latency_p90",
        changes: [
          { field: "unit", from: "ms", to: "s" },
          { field: "threshold", level: "L1", from: 3000, to: 3, direction: "stricter" },
          { field: "threshold", level: "L2", from: 2000, to: 2, direction: "stricter" },
          { field: "threshold", level: "L3", from: 1000, to: null, direction: null },
        ],
      }),
    ]);
  });
});

describe("impactOf", () => {
  const full = { asr_cer_quiet: 9, screen_acc: 68, latency_p90: 1500, tokens_per_second: 30 };
  const cases: ImpactCase[] = [
    // L2 under base; asr 9 fails the stricter L2 (8) of the draft.
    { caseId: "c1", label: "Phone A", currentLevel: "L2", results: { ...full, screen_acc: 75 } },
    // L1 under base (screen 68 < 70); the draft's looser 65 lets it reach L2 (asr 7 ≤ 8).
    { caseId: "c2", label: "Phone B", currentLevel: "L1", results: { ...full, asr_cer_quiet: 7 } },
    // Unchanged: L1 either way.
    { caseId: "c3", label: "Phone C", currentLevel: "L1", results: { ...full, asr_cer_quiet: 12, latency_p90: 2500 } },
    // Measured before tokens_per_second existed.
    { caseId: "c4", label: "Phone D", currentLevel: "L2", results: { asr_cer_quiet: 7, screen_acc: 75, latency_p90: 1500 } },
  ];

  it("classifies each case and totals them", () => {
    const impact = impactOf(draft, cases, { base });
    expect(impact.cases.map((c) => [c.caseId, c.from, c.to, c.change])).toEqual([
      ["c1", "L2", "L1", "fall"],
      ["c2", "L1", "L2", "rise"],
      ["c3", "L1", "L1", "same"],
      ["c4", "L2", null, "incomplete"],
    ]);
    expect(impact.totals).toEqual({ rise: 1, fall: 1, same: 1, incomplete: 1 });
  });

  it("says which items now block or unblock, with needed against measured", () => {
    const [fall, rise, same, incomplete] = impactOf(draft, cases, { base }).cases;
    expect(fall.reasons).toEqual(["asr_cer_quiet: L2 now needs ≤ 8 %, measured 9 %; met L2 before"]);
    expect(rise.reasons).toEqual(["screen_acc: L2 needed ≥ 70 %, now ≥ 65 %; measured 68 %"]);
    expect(same.reasons).toEqual([]);
    expect(incomplete.reasons).toEqual([
      "tokens_per_second (Generation speed, element execution) is new in the draft and the case has no measurement for it",
    ]);
  });

  it("still explains a fall and a rise without the base scheme", () => {
    const [fall, rise] = impactOf(draft, cases).cases;
    expect(fall.reasons).toEqual(["asr_cer_quiet: L2 now needs ≤ 8 %, measured 9 %"]);
    expect(rise.reasons).toEqual(["meets every threshold up to L2 in the draft (currently L1)"]);
  });
});

describe("format v2 in diffs and impact", () => {
  const v2 = tinySchemeV2();

  it("a v1 scheme made v2 shows each v2 field as a change, in the description too", () => {
    const diff = diffSchemes(base, { ...v2, id: base.id, elements: v2.elements.filter((e) => e.key !== "cognition"), qualifying: undefined });
    expect(diff.scheme).toEqual([{ field: "decisionRule", from: "simple", to: "guarded" }]);
    expect(diff.changed.find((c) => c.item === "screen_acc")!.changes).toEqual([
      { field: "mode", from: null, to: "device_cloud" },
      { field: "testSet", from: null, to: { id: "screens", version: "1", size: 200 } },
      { field: "uncertaintyRequired", from: false, to: true },
      { field: "minSamples", from: null, to: 100 },
    ]);
    expect(describeDiff(diff)).toEqual(expect.arrayContaining(["decisionRule: simple → guarded", "screen_acc: testSet none → screens 1 (200)", "screen_acc: minSamples none → 100", "asr_cer_quiet: mode none → on_device"]));
    const qualifying = diffSchemes(v2, { ...v2, qualifying: undefined });
    expect(qualifying.scheme).toEqual([{ field: "qualifying", level: "L3", from: ["proactive_acceptance"], to: [] }]);
    expect(describeDiff(qualifying)).toEqual(["qualifying L3: proactive_acceptance → none"]);
  });

  it("a v2 draft that requires what a case's results lack counts the case incomplete, saying why", () => {
    const cases: ImpactCase[] = [{ caseId: "c1", label: "C1", currentLevel: "L3", results: { asr_cer_quiet: 5, screen_acc: 90, proactive_acceptance: 70, latency_p90: 900 } }];
    const impact = impactOf(v2, cases);
    expect(impact.totals.incomplete).toBe(1);
    expect(impact.cases[0].reasons).toEqual([
      "screen_acc: the draft requires an uncertainty, which the case's result does not give",
      "screen_acc: the draft requires at least 100 trials, the case's result gives none",
    ]);
  });
});
