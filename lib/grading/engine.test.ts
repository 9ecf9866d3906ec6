import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { determine, InvalidMeasurementError, MissingItemError } from "./engine";
import { tinyScheme } from "@/test/fixtures/grading";
import { compareLevels, type Level } from "./levels";
import { gradedLevels, itemBounds, schemeItems, type Scheme, type SchemeItem } from "./scheme";
import { SEEDED_SCHEMES } from "./schemes";

describe("determine on a hand-made scheme", () => {
  const scheme = tinyScheme();

  it("reaches L2 when every threshold at L1 and L2 is met, and names what blocks L3", () => {
    const result = determine(scheme, { asr_cer_quiet: 8, screen_acc: 80, latency_p90: 1500 });
    expect(result.level).toBe("L2");
    expect(result.profile).toEqual({ perception: "L2", execution: "L2" });
    expect(result.blockers).toEqual({
      level: "L3",
      items: [
        expect.objectContaining({ element: "perception", item: "asr_cer_quiet", unit: "%", better: "lower", needed: 6, measured: 8 }),
        expect.objectContaining({ element: "perception", item: "screen_acc", needed: 85, measured: 80 }),
        expect.objectContaining({ element: "execution", item: "latency_p90", needed: 1000, measured: 1500 }),
      ],
    });
  });

  it("counts a measurement equal to the threshold as meeting it", () => {
    expect(determine(scheme, { asr_cer_quiet: 6, screen_acc: 85, latency_p90: 1000 }).level).toBe("L3");
  });

  it("returns null (not even L1) with the L1 blockers", () => {
    const result = determine(scheme, { asr_cer_quiet: 20, screen_acc: 99, latency_p90: 500 });
    expect(result.level).toBeNull();
    expect(result.profile).toEqual({ perception: null, execution: "L3" });
    expect(result.blockers).toEqual({
      level: "L1",
      items: [expect.objectContaining({ item: "asr_cer_quiet", needed: 15, neededAt: "L1", measured: 20 })],
    });
  });

  it("is cumulative: a good L3 value does not lift an item that fails L2", () => {
    // screen_acc fails L2, so the terminal stops at L1 even though the others meet L3.
    const result = determine(scheme, { asr_cer_quiet: 5, screen_acc: 60, latency_p90: 900 });
    expect(result.level).toBe("L1");
    expect(result.blockers?.level).toBe("L2");
    expect(result.blockers?.items.map((b) => b.item)).toEqual(["screen_acc"]);
  });

  it("never reaches L4 while it has no thresholds, and reports no blockers at the top", () => {
    const result = determine(scheme, { asr_cer_quiet: 0, screen_acc: 100, latency_p90: 0 });
    expect(result.level).toBe("L3");
    expect(result.blockers).toBeNull();
  });

  it("reaches L4 once a scheme grades it", () => {
    const graded = tinyScheme((s) => {
      s.elements[1].items[0].thresholds.L4 = 500;
    });
    expect(determine(graded, { asr_cer_quiet: 0, screen_acc: 100, latency_p90: 600 }).level).toBe("L3");
    expect(determine(graded, { asr_cer_quiet: 0, screen_acc: 100, latency_p90: 500 }).level).toBe("L4");
  });

  it("accepts a Map as well as a record", () => {
    const results = new Map([["asr_cer_quiet", 8], ["screen_acc", 80], ["latency_p90", 1500]]);
    expect(determine(scheme, results).level).toBe("L2");
  });

  it("throws MissingItemError naming every missing item, never a silent pass", () => {
    expect(() => determine(scheme, { asr_cer_quiet: 8 })).toThrow(MissingItemError);
    try {
      determine(scheme, { asr_cer_quiet: 8 });
    } catch (error) {
      expect((error as MissingItemError).items).toEqual(["screen_acc", "latency_p90"]);
    }
    expect(() => determine(scheme, { asr_cer_quiet: Number.NaN, screen_acc: 80, latency_p90: 1 })).toThrow(
      InvalidMeasurementError,
    );
  });
});

// ---- properties over the seeded schemes ----

/** A value within the item's possible range, often right at or next to one of its thresholds. */
function measurement(item: SchemeItem): fc.Arbitrary<number> {
  const { min = -1000, max = 100_000 } = itemBounds(item);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const thresholds = Object.values(item.thresholds) as number[];
  return fc.oneof(
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(...thresholds).chain((t) => fc.constantFrom(t, clamp(t - 1), clamp(t + 1), clamp(t - 0.01), clamp(t + 0.01))),
  );
}

function report(scheme: Scheme): fc.Arbitrary<Record<string, number>> {
  return fc.record(Object.fromEntries(schemeItems(scheme).map(({ item }) => [item.key, measurement(item)])));
}

const schemeAndReport = fc.constantFrom(...SEEDED_SCHEMES).chain((scheme) => report(scheme).map((results) => ({ scheme, results })));

/** What an item must meet for `level`: the strictest of its thresholds at that level or below. */
function requirement(item: SchemeItem, level: Level): number | undefined {
  let needed: number | undefined;
  for (const at of ["L1", "L2", "L3", "L4"] as const) {
    if (compareLevels(at, level) > 0) break;
    needed = item.thresholds[at] ?? needed;
  }
  return needed;
}

describe("determination properties", () => {
  it("improving any measurement never lowers the level, nor any element's level", () => {
    fc.assert(
      fc.property(schemeAndReport, fc.nat({ max: 1000 }), fc.double({ min: 0, max: 500, noNaN: true }), ({ scheme, results }, pick, by) => {
        const items = schemeItems(scheme);
        const { item } = items[pick % items.length];
        const { min = -Infinity, max = Infinity } = itemBounds(item);
        const before = results[item.key];
        const after = item.better === "higher" ? Math.min(max, before + by) : Math.max(min, before - by);
        const a = determine(scheme, results);
        const b = determine(scheme, { ...results, [item.key]: after });
        expect(compareLevels(b.level, a.level)).toBeGreaterThanOrEqual(0);
        for (const element of scheme.elements) {
          expect(compareLevels(b.profile[element.key], a.profile[element.key])).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("the level is the lowest level of the element profile", () => {
    fc.assert(
      fc.property(schemeAndReport, ({ scheme, results }) => {
        const { level, profile } = determine(scheme, results);
        const lowest = Object.values(profile).reduce((low, l) => (compareLevels(l, low) < 0 ? l : low));
        expect(level).toBe(lowest);
      }),
      { numRuns: 300 },
    );
  });

  it("a report exactly at every threshold of a level reaches that level, and one item just short does not", () => {
    fc.assert(
      fc.property(schemeAndReport, fc.nat(), ({ scheme, results }, pick) => {
        for (const level of gradedLevels(scheme)) {
          const atThreshold = { ...results };
          for (const { item } of schemeItems(scheme)) {
            const needed = requirement(item, level);
            if (needed !== undefined) atThreshold[item.key] = needed;
          }
          // Items with no requirement up to this level keep their random value: they must not matter.
          expect(compareLevels(determine(scheme, atThreshold).level, level)).toBeGreaterThanOrEqual(0);

          const required = schemeItems(scheme).filter(({ item }) => requirement(item, level) !== undefined);
          const { item } = required[pick % required.length];
          const worse = { ...atThreshold, [item.key]: atThreshold[item.key] + (item.better === "higher" ? -0.001 : 0.001) };
          expect(compareLevels(determine(scheme, worse).level, level)).toBeLessThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a missing item is an error, whatever the other values", () => {
    fc.assert(
      fc.property(schemeAndReport, fc.nat(), ({ scheme, results }, pick) => {
        const keys = Object.keys(results);
        const gone = keys[pick % keys.length];
        const partial = { ...results };
        delete partial[gone];
        expect(() => determine(scheme, partial)).toThrow(MissingItemError);
      }),
      { numRuns: 200 },
    );
  });

  it("blockers are exactly the items that fail the next level", () => {
    fc.assert(
      fc.property(schemeAndReport, ({ scheme, results }) => {
        const { level, blockers } = determine(scheme, results);
        if (!blockers) {
          expect(level).toBe(gradedLevels(scheme).at(-1));
          return;
        }
        expect(blockers.items.length).toBeGreaterThan(0);
        for (const blocker of blockers.items) {
          expect(blocker.better === "higher" ? blocker.measured < blocker.needed : blocker.measured > blocker.needed).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
