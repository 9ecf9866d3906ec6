// The review of the revised schemes (2026.2) against docs/domain.md#schemes: format v2, levels that
// measure what their names say, named test sets, safety and privacy items, honest wake-word
// figures. `review` names every broken rule; the last block breaks each rule by hand and checks it
// is caught, so a scheme edited later cannot slip past.
import { describe, expect, it } from "vitest";
import { determine, type Measurement } from "./engine";
import { LEVELS, type Level } from "./levels";
import { parseScheme, schemeFormat, schemeItems, type Scheme, type SchemeInput } from "./scheme";
import { SEEDED_CATEGORIES, SEEDED_SCHEMES } from "./schemes";
import { REVISED_BASED_ON, REVISED_SCHEMES, REVISED_VERSION } from "./schemes/revised";

/** Categories whose assistant runs mostly in the cloud or on a paired phone: no on-device speed at L1. */
const CLOUD_FIRST = new Set(["speaker", "tv", "glasses", "earphone"]);
const has = (s: Scheme, key: string) => schemeItems(s).some(({ item }) => item.key === key);
const isSpeedItem = (item: Scheme["elements"][number]["items"][number]) =>
  item.unit === "tokens/s" || item.key === "first_token_latency" || item.key === "tokens_per_second";

/** Every rule of the review a scheme breaks, as readable sentences (empty: it passes). */
function review(input: unknown): string[] {
  const parsed = parseScheme(input);
  if (!parsed.ok) return parsed.errors.map((e) => `format: ${e.path}: ${e.message}`);
  const s = parsed.scheme;
  const problems: string[] = [];
  if (schemeFormat(s) !== 2) problems.push("not format v2");
  if (s.decisionRule !== "guarded") problems.push('decisionRule is not "guarded"');
  if (!(s.qualifying?.L3?.length)) problems.push("no qualifying items at L3");
  for (const key of ["proactive_suggestion_acceptance", "unwanted_interruptions_per_day", "irreversible_action_confirmation"]) {
    if (!s.qualifying?.L3?.includes(key)) problems.push(`L3 does not qualify on ${key}`);
  }
  const confirm = schemeItems(s).find(({ item }) => item.key === "irreversible_action_confirmation")?.item;
  if (confirm && confirm.thresholds.L3 !== 100) problems.push("confirmation before irreversible actions is not 100 % at L3");
  for (const { item } of schemeItems(s)) {
    if (!item.mode) problems.push(`${item.key}: no mode`);
    if (!item.testSet) problems.push(`${item.key}: no testSet`);
    if (item.testSet && item.testSet.size < 200 && item.better === "higher" && item.unit === "%" && item.thresholds.L1 !== 100 && !item.uncertaintyRequired
      && Object.values(item.thresholds).some((t) => t !== 100)) {
      problems.push(`${item.key}: a small test set (${item.testSet.size}) without uncertaintyRequired`);
    }
    if (CLOUD_FIRST.has(s.category) && isSpeedItem(item) && item.thresholds.L1 !== undefined) {
      problems.push(`${item.key}: on-device speed with an L1 threshold for a cloud-first category`);
    }
  }
  // L1 is reachable by a responding terminal: no week-long recall, no multi-step tasks at L1.
  for (const key of ["fact_recall_week", "multi_step_task_completion", "tool_call_success", "cross_session_continuity"]) {
    const item = schemeItems(s).find(({ item }) => item.key === key)?.item;
    if (item?.thresholds.L1 !== undefined) problems.push(`${key} has an L1 threshold`);
  }
  if (has(s, "wake_false_reject")) {
    const fr = schemeItems(s).find(({ item }) => item.key === "wake_false_reject")!.item;
    const fa = schemeItems(s).find(({ item }) => item.key === "wake_false_accept")?.item;
    if (!fa) problems.push("wake_false_reject without wake_false_accept");
    else for (const level of LEVELS) {
      if (fr.thresholds[level] !== undefined && fa.thresholds[level] === undefined) problems.push(`wake_false_reject at ${level} without wake_false_accept there`);
    }
  }
  for (const key of ["consent_before_sensitive_action", "prompt_injection_resistance", "deletion_honoured"]) {
    if (!has(s, key)) problems.push(`no ${key} item`);
  }
  if (s.category === "car") {
    for (const key of ["unsafe_command_handling", "eyes_off_road_time"]) {
      const item = schemeItems(s).find(({ item }) => item.key === key)?.item;
      if (item?.thresholds.L1 === undefined) problems.push(`car: no driving-safety item ${key} from L1`);
    }
  }
  if (s.category === "glasses") {
    for (const key of ["bystander_capture_indicator", "bystander_face_redaction", "thermal_limit_exceedances"]) {
      const item = schemeItems(s).find(({ item }) => item.key === key)?.item;
      if (item?.thresholds.L1 === undefined) problems.push(`glasses: no bystander-privacy or thermal item ${key} from L1`);
    }
  }
  for (const level of LEVELS) {
    const summary = s.levelSummaries?.[level];
    if (!summary?.zh || !summary?.en) problems.push(`no levelSummaries.${level} in both languages`);
  }
  if (!s.surveillanceMonths?.length || !s.surveillanceItems?.length) problems.push("no surveillance months or items");
  if (!s.elements.some((e) => e.changeImpact && Object.keys(e.changeImpact).length)) problems.push("no changeImpact");
  return problems;
}

type SchemeItem = Scheme["elements"][number]["items"][number];
/** A measurement as a lab reports it: with U (0 here) and n when the item asks for them. */
const measured = (item: SchemeItem, value: number): Measurement => ({ value, uncertainty: 0, n: Math.max(item.minSamples ?? 1, item.testSet?.size ?? 1) });

/** Results that meet every L1 threshold and nothing above (a terminal that only responds). */
function respondingTerminal(s: Scheme): Record<string, Measurement> {
  const poor = (item: SchemeItem) => (item.better === "higher" ? (item.min ?? 0) : (item.max ?? (item.unit === "%" ? 100 : 1_000_000)));
  return Object.fromEntries(schemeItems(s).map(({ item }) => [item.key, measured(item, item.thresholds.L1 ?? poor(item))]));
}

const byCategory = new Map(REVISED_SCHEMES.map((s) => [s.category, s]));

describe("the revised schemes 2026.2", () => {
  it("are seven, one per seeded category, version 2026.2, each revising that category's 2026.1", () => {
    expect([...byCategory.keys()].sort()).toEqual([...SEEDED_CATEGORIES].sort());
    for (const s of REVISED_SCHEMES) {
      expect(s.version).toBe(REVISED_VERSION);
      expect(SEEDED_SCHEMES.find((old) => old.id === s.id)?.version).toBe(REVISED_BASED_ON);
    }
  });

  it.each(REVISED_SCHEMES.map((s) => [s.id, s] as const))("%s passes the review", (_id, s) => {
    expect(review(structuredClone(s))).toEqual([]);
  });

  it.each(REVISED_SCHEMES.map((s) => [s.id, s] as const))("%s: a terminal that only responds reaches L1, and no more", (_id, input) => {
    const parsed = parseScheme(structuredClone(input));
    if (!parsed.ok) throw new Error("does not parse");
    const result = determine(parsed.scheme, respondingTerminal(parsed.scheme));
    expect(result.level).toBe<Level>("L1");
  });

  it.each(REVISED_SCHEMES.map((s) => [s.id, s] as const))("%s: meeting every L3 item but the qualifying ones stays at L2", (_id, input) => {
    const parsed = parseScheme(structuredClone(input));
    if (!parsed.ok) throw new Error("does not parse");
    const s = parsed.scheme;
    const qualifying = new Set(s.qualifying?.L3 ?? []);
    const results = Object.fromEntries(
      schemeItems(s).map(({ item }) => {
        const at = item.thresholds.L3 ?? item.thresholds.L2 ?? item.thresholds.L1 ?? item.thresholds.L4!;
        if (qualifying.has(item.key)) return [item.key, measured(item, item.better === "higher" ? 0 : 1000)];
        return [item.key, measured(item, at)];
      }),
    );
    expect(determine(s, results).level).toBe<Level>("L2");
  });
});

describe("the review catches a broken rule", () => {
  const phone = () => structuredClone(byCategory.get("phone")!) as unknown as SchemeInput;
  const item = (s: SchemeInput, key: string) => s.elements.flatMap((e) => e.items).find((i) => i.key === key)!;

  it("a missing mode or testSet", () => {
    const s = phone();
    delete item(s, "intent_accuracy").mode;
    delete item(s, "command_success").testSet;
    expect(review(s)).toEqual(expect.arrayContaining(["intent_accuracy: no mode", "command_success: no testSet"]));
  });

  it("no qualifying items at L3, or a confirmation below 100 %", () => {
    const s = phone();
    s.qualifying = { L4: ["cross_device_collaboration"] };
    expect(review(s)).toContain("no qualifying items at L3");
    const t = phone();
    item(t, "irreversible_action_confirmation").thresholds.L3 = 95;
    item(t, "irreversible_action_confirmation").thresholds.L4 = 95;
    expect(review(t)).toContain("confirmation before irreversible actions is not 100 % at L3");
  });

  it("on-device speed at L1 for a cloud-first category (but not for a phone)", () => {
    const speaker = structuredClone(byCategory.get("speaker")!) as unknown as SchemeInput;
    speaker.elements.find((e) => e.key === "execution")!.items.push({
      key: "tokens_per_second",
      title: { zh: "端侧生成速度", en: "On-device generation speed" },
      unit: "tokens/s",
      better: "higher",
      method: { zh: "端侧推理", en: "On-device inference" },
      thresholds: { L1: 5, L2: 10 },
      mode: "on_device",
      testSet: { id: "generation-bench", version: "2026.2", size: 50 },
    });
    expect(review(speaker)).toContain("tokens_per_second: on-device speed with an L1 threshold for a cloud-first category");
    const p = phone();
    item(p, "tokens_per_second").thresholds.L1 = 8;
    expect(review(p)).not.toContain("tokens_per_second: on-device speed with an L1 threshold for a cloud-first category");
  });

  it("a week's recall or multi-step tasks at L1", () => {
    const s = phone();
    item(s, "fact_recall_week").thresholds.L1 = 40;
    item(s, "multi_step_task_completion").thresholds.L1 = 30;
    expect(review(s)).toEqual(expect.arrayContaining(["fact_recall_week has an L1 threshold", "multi_step_task_completion has an L1 threshold"]));
  });

  it("false rejection without the false-wake rate", () => {
    const s = phone();
    const perception = s.elements.find((e) => e.key === "perception")!;
    perception.items = perception.items.filter((i) => i.key !== "wake_false_accept");
    perception.changeImpact = { hardware: ["asr_cer_quiet"] };
    s.surveillanceItems = s.surveillanceItems!.filter((k) => k !== "wake_false_accept");
    expect(review(s)).toContain("wake_false_reject without wake_false_accept");
  });

  it("a car without driving-safety items, glasses without bystander privacy", () => {
    const car = structuredClone(byCategory.get("car")!) as unknown as SchemeInput;
    delete item(car, "unsafe_command_handling").thresholds.L1;
    expect(review(car)).toContain("car: no driving-safety item unsafe_command_handling from L1");
    const glasses = structuredClone(byCategory.get("glasses")!) as unknown as SchemeInput;
    delete item(glasses, "bystander_capture_indicator").thresholds.L1;
    expect(review(glasses)).toContain("glasses: no bystander-privacy or thermal item bystander_capture_indicator from L1");
  });

  it("a level summary missing, or in one language only", () => {
    const s = phone();
    delete s.levelSummaries!.L4;
    expect(review(s)).toContain("no levelSummaries.L4 in both languages");
    const t = phone();
    t.levelSummaries!.L2 = { zh: "工具级" } as never;
    expect(review(t).some((p) => p.startsWith("format: levelSummaries.L2.en"))).toBe(true);
  });
});
