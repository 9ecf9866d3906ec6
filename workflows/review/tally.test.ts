import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LEVELS, levelRank, type Level } from "../certification/types";
import { tally, type TallyVote } from "./tally";

const level = fc.constantFrom(...LEVELS);
const vote: fc.Arbitrary<TallyVote> = fc.oneof(
  level.map((l) => ({ verdict: "approve" as const, level: l })),
  fc.constant({ verdict: "reject" as const, level: null }),
  fc.constant({ verdict: "retest" as const, level: null }),
);
const votes = fc.array(vote, { minLength: 1, maxLength: 15 });

const a = (l: Level): TallyVote => ({ verdict: "approve", level: l });
const rj: TallyVote = { verdict: "reject", level: null };
const rt: TallyVote = { verdict: "retest", level: null };

describe("tally", () => {
  it("adding an approve vote never turns an approve recommendation into a reject", () => {
    fc.assert(
      fc.property(votes, level, level, (vs, extra, lab) => {
        fc.pre(tally(vs, lab).verdict === "approve");
        expect(tally([...vs, a(extra)], lab).verdict).not.toBe("reject");
      }),
    );
  });

  it("never recommends a level above the lab level", () => {
    fc.assert(
      fc.property(votes, level, (vs, lab) => {
        const r = tally(vs, lab);
        if (r.level !== null) expect(levelRank(r.level)).toBeLessThanOrEqual(levelRank(lab));
      }),
    );
  });

  it("counts every vote and carries a level exactly when approving", () => {
    fc.assert(
      fc.property(votes, level, (vs, lab) => {
        const r = tally(vs, lab);
        expect(r.approve + r.reject + r.retest).toBe(vs.length);
        expect(r.level !== null).toBe(r.verdict === "approve");
      }),
    );
  });

  it.each([
    ["3 of 3 approve: lower median level", [a("L1"), a("L3"), a("L2")], "L4", { verdict: "approve", level: "L2" }],
    ["2 of 3 approve is enough", [a("L2"), a("L3"), rj], "L4", { verdict: "approve", level: "L2" }],
    ["even count: lower of the two middle levels", [a("L1"), a("L2"), a("L3"), a("L4")], "L4", { verdict: "approve", level: "L2" }],
    ["clamped to the lab level", [a("L4"), a("L4"), a("L3")], "L2", { verdict: "approve", level: "L2" }],
    ["2 of 4 approve is not enough; 2 of 4 retest is not more than half", [a("L2"), a("L2"), rt, rt], "L4", { verdict: "reject", level: null }],
    ["retest majority", [rt, rt, rj], "L4", { verdict: "retest", level: null }],
    ["approve is checked before retest", [a("L2"), a("L2"), rt], "L4", { verdict: "approve", level: "L2" }],
    ["split panel rejects", [a("L2"), rj, rt], "L4", { verdict: "reject", level: null }],
    ["no votes rejects", [], "L4", { verdict: "reject", level: null }],
  ] as const)("%s", (_name, vs, lab, expected) => {
    expect(tally([...vs], lab)).toMatchObject(expected);
  });
});
