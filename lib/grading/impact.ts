// What a draft scheme would do to cases already measured: which rise, which fall, and why,
// before the secretariat publishes it.
import { describeRequirement, determine, failedThreshold, RefusedMeasurementError, type Determination } from "./engine";
import { compareLevels, type Level } from "./levels";
import { schemeItems, type Scheme } from "./scheme";

export type ImpactCase = {
  caseId: string;
  label: string;
  currentLevel: Level | null;
  results: Readonly<Record<string, number>>;
};

export type CaseImpact = {
  caseId: string;
  label: string;
  from: Level | null;
  /** The level under the draft; null when not even L1, or when the case is incomplete. */
  to: Level | null;
  change: "rise" | "fall" | "same" | "incomplete";
  /** Which items now block or unblock, with needed against measured. */
  reasons: string[];
  determination: Determination | null;
};

export type Impact = {
  cases: CaseImpact[];
  totals: { rise: number; fall: number; same: number; incomplete: number };
};

export type ImpactOptions = {
  /** The scheme the draft replaces; with it the reasons can name what changed, not only what is needed. */
  base?: Scheme;
};

/** Replay each case's measurements against the draft scheme. Pure; never throws for a gap in a case's results. */
export function impactOf(draft: Scheme, cases: readonly ImpactCase[], options: ImpactOptions = {}): Impact {
  const { base } = options;
  const baseItems = base ? new Map(schemeItems(base).map((entry) => [entry.item.key, entry.item])) : undefined;
  const draftItems = schemeItems(draft);
  const totals = { rise: 0, fall: 0, same: 0, incomplete: 0 };

  const impacts = cases.map((c): CaseImpact => {
    const unmeasured = draftItems.filter(({ item }) => !Number.isFinite(c.results[item.key]));
    if (unmeasured.length) {
      totals.incomplete++;
      return {
        caseId: c.caseId,
        label: c.label,
        from: c.currentLevel,
        to: null,
        change: "incomplete",
        reasons: unmeasured.map(({ element, item }) =>
          baseItems && !baseItems.has(item.key)
            ? `${item.key} (${item.title.en}, element ${element.key}) is new in the draft and the case has no measurement for it`
            : `${item.key} (${item.title.en}, element ${element.key}) has no measurement in this case`,
        ),
        determination: null,
      };
    }

    let determination: Determination;
    try {
      determination = determine(draft, c.results);
    } catch (error) {
      // A draft of format v2 may require an uncertainty or a number of trials the case's results do not carry.
      if (!(error instanceof RefusedMeasurementError)) throw error;
      totals.incomplete++;
      return {
        caseId: c.caseId,
        label: c.label,
        from: c.currentLevel,
        to: null,
        change: "incomplete",
        reasons: error.refusals.map((r) =>
          r.reason === "uncertainty_required"
            ? `${r.item}: the draft requires an uncertainty, which the case's result does not give`
            : `${r.item}: the draft requires at least ${r.minSamples} trials, the case's result gives ${r.n ?? "none"}`,
        ),
        determination: null,
      };
    }
    const to = determination.level;
    const order = compareLevels(to, c.currentLevel);
    const change = order > 0 ? "rise" : order < 0 ? "fall" : "same";
    totals[change]++;

    const reasons: string[] = [];
    if (change === "fall" && c.currentLevel) {
      const from = c.currentLevel;
      if (!draft.levels.includes(from) || !draftItems.some(({ item }) => item.thresholds[from] !== undefined)) {
        reasons.push(`${from} has no thresholds in the draft, so it can no longer be reached`);
      }
      for (const { item } of draftItems) {
        const measured = c.results[item.key];
        const failed = failedThreshold(draft, item, measured, from);
        if (!failed) continue;
        const was = baseItems?.get(item.key);
        const wasFailed = was ? failedThreshold(base!, was, measured, from) : undefined;
        const before = !baseItems
          ? ""
          : !was
            ? "; new in the draft"
            : wasFailed
              ? ""
              : `; met ${from} before`;
        reasons.push(
          `${item.key}: ${from} now needs ${describeRequirement(item, failed.needed)}${failed.level === from ? "" : ` (its ${failed.level} threshold)`}, measured ${measured} ${item.unit}${before}`,
        );
      }
    } else if (change === "rise" && to) {
      if (base && baseItems) {
        // Items that held the case below `to` under the base scheme but no longer do.
        for (const [key, item] of baseItems) {
          const measured = c.results[key];
          if (!Number.isFinite(measured)) continue;
          const failed = failedThreshold(base, item, measured, to);
          if (!failed) continue;
          const now = draftItems.find((entry) => entry.item.key === key)?.item;
          if (!now) {
            reasons.push(`${key}: removed in the draft; it needed ${describeRequirement(item, failed.needed)} for ${to}, measured ${measured} ${item.unit}`);
          } else if (!failedThreshold(draft, now, measured, to)) {
            const needNow = draftRequirement(draft, now, to);
            reasons.push(
              `${key}: ${to} needed ${describeRequirement(item, failed.needed)}, now ${needNow === undefined ? "no threshold" : describeRequirement(now, needNow)}; measured ${measured} ${item.unit}`,
            );
          }
        }
      }
      if (reasons.length === 0) {
        reasons.push(`meets every threshold up to ${to} in the draft (currently ${c.currentLevel ?? "below L1"})`);
      }
    }

    return { caseId: c.caseId, label: c.label, from: c.currentLevel, to, change, reasons, determination };
  });

  return { cases: impacts, totals };
}

/** The strictest threshold an item has at `level` or below: what it must meet for that level. */
function draftRequirement(scheme: Scheme, item: Scheme["elements"][number]["items"][number], level: Level) {
  let needed: number | undefined;
  for (const at of scheme.levels) {
    if (compareLevels(at, level) > 0) break;
    needed = item.thresholds[at] ?? needed;
  }
  return needed;
}
