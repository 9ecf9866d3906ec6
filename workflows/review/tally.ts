// Pure tally of a review panel's votes into the panel's recommendation (docs/domain.md#lifecycle, panel rule).
import { levelRank, type Level } from "../certification/types";

export type TallyVote = { verdict: "approve" | "reject" | "retest"; level: Level | null };
export type TallyResult = {
  verdict: "approve" | "reject" | "retest";
  level: Level | null;
  approve: number;
  reject: number;
  retest: number;
};

/**
 * Approve when approve votes are at least 2/3 of the votes, at the lower median of the
 * approving levels, clamped to the lab level; else retest when more than half voted
 * retest; else reject. An empty panel recommends reject.
 */
export function tally(votes: readonly TallyVote[], labLevel: Level): TallyResult {
  const count = (v: TallyVote["verdict"]) => votes.filter((x) => x.verdict === v).length;
  const approve = count("approve");
  const reject = count("reject");
  const retest = count("retest");
  const n = votes.length;
  const counts = { approve, reject, retest };

  if (n > 0 && 3 * approve >= 2 * n) {
    const levels = votes
      .filter((v) => v.verdict === "approve" && v.level !== null)
      .map((v) => v.level as Level)
      .sort((a, b) => levelRank(a) - levelRank(b));
    let level: Level | null = levels.length ? levels[Math.floor((levels.length - 1) / 2)] : null;
    if (level !== null && levelRank(level) > levelRank(labLevel)) level = labLevel;
    return { verdict: "approve", level, ...counts };
  }
  if (2 * retest > n) return { verdict: "retest", level: null, ...counts };
  return { verdict: "reject", level: null, ...counts };
}
