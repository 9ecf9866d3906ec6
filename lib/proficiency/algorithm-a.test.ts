// ISO 13528 Algorithm A and the z classification (docs/domain.md#proficiency-testing).
//
// Source of the worked example: constructed here, not copied from ISO 13528:2015 Annex C (whose data
// we do not have to hand exactly). The expected answers were computed independently, with a separate
// Python implementation written from the standard's description (statistics.median, statistics.stdev):
//
//   values 9.8 10.0 10.1 10.2 10.3 10.4 10.5 12.9 (eight labs, one outlier)
//   start  x* = median = 10.25, s* = 1.483 · median|xᵢ − 10.25| = 1.483 · 0.2 = 0.2966
//   it. 1  δ = 0.4449; clipped 9.8051 10.0 10.1 10.2 10.3 10.4 10.5 10.6949
//          x* = 10.25, s* = 1.134 · 0.285575… = 0.323842179232663
//   it. 2  δ = 0.485763…; clipped 9.8 … 10.5 10.735763268848993 (9.8 no longer clipped)
//          x* = 10.254470408606123, s* = 0.3356623791581781
//   …      converged after 19 iterations: x* = 10.260367166856481, s* = 0.34838048751425155
//   z      −1.3214 −0.7474 −0.4603 −0.1733 0.1138 0.4008 0.6878 7.5769
//
// By hand, the first iteration: the clipped values sum to 82.0; / 8 = 10.25. Their deviations from
// 10.25 are ±0.4449, ±0.25, ±0.15, ±0.05: squares 2·(0.19793601 + 0.0625 + 0.0225 + 0.0025) = 0.57087202,
// / 7 = 0.081553146, √ = 0.2855751, · 1.134 = 0.3238422. ✓
import { describe, expect, it } from "vitest";
import { algorithmA, classifyZ, median, zScore } from "./algorithm-a";

describe("Algorithm A", () => {
  it("gives the worked example's robust mean and SD", () => {
    const v = [9.8, 10.0, 10.1, 10.2, 10.3, 10.4, 10.5, 12.9];
    const r = algorithmA(v);
    expect(r.n).toBe(8);
    expect(r.mean).toBeCloseTo(10.260367166856481, 5);
    expect(r.sd).toBeCloseTo(0.34838048751425155, 5);
    expect(r.iterations).toBe(19);
    const z = v.map((x) => zScore(x, r)!);
    expect(z.map((x) => Number(x.toFixed(2)))).toEqual([-1.32, -0.75, -0.46, -0.17, 0.11, 0.4, 0.69, 7.58]);
    expect(z.map(classifyZ)).toEqual([...Array(7).fill("satisfactory"), "unsatisfactory"]);
  });

  it("gives two values their mean as x*", () => {
    const r = algorithmA([1, 3]);
    expect(r.mean).toBeCloseTo(2, 9);
    expect(r.sd).toBeGreaterThan(0);
  });

  it("gives s* = 0 (and so no z) when half the values or more are equal", () => {
    const r = algorithmA([5, 5, 5, 9]);
    expect(r.mean).toBe(5);
    expect(r.sd).toBe(0);
    expect(zScore(9, r)).toBeNull();
  });

  it("takes the median of an even count as the mean of the two middle values", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
  });

  it("never runs more than 100 iterations", () => {
    // Five values converge slowly (see docs/domain.md#proficiency-testing): the cap holds.
    expect(algorithmA([58, 50.8, 50.0, 50.4, 51.2]).iterations).toBeLessThanOrEqual(100);
  });

  it("cannot flag one outlier among three or four values: the clip widens until nothing is clipped", () => {
    for (const v of [[50, 52, 90], [50, 52, 53, 90]]) {
      const r = algorithmA(v);
      expect(Math.abs(zScore(90, r)!)).toBeLessThan(2);
    }
  });

  it("flags the e2e round's outlier among six labs", () => {
    const r = algorithmA([58, 50.8, 50.0, 50.4, 51.2, 50.6]);
    expect(classifyZ(zScore(58, r)!)).toBe("unsatisfactory");
    expect(classifyZ(zScore(50.8, r)!)).toBe("satisfactory");
  });
});

describe("z classification", () => {
  it("puts the edges where ISO 13528 puts them", () => {
    expect(classifyZ(0)).toBe("satisfactory");
    expect(classifyZ(2)).toBe("satisfactory");
    expect(classifyZ(-2)).toBe("satisfactory");
    expect(classifyZ(2.0001)).toBe("questionable");
    expect(classifyZ(-2.0001)).toBe("questionable");
    expect(classifyZ(2.9999)).toBe("questionable");
    expect(classifyZ(3)).toBe("unsatisfactory");
    expect(classifyZ(-3)).toBe("unsatisfactory");
  });
});
