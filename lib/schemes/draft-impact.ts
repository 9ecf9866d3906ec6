// Before publishing: what the draft would do to every case of its category that is certified,
// suspended or still in progress (draft to decision, or in appeal), replaying each case's latest
// complete lab results against the draft; a case without results yet is listed as incomplete.
import "server-only";
import { db } from "@/lib/db";
import { determine, impactOf, isLevel, type Level, type Scheme, schemeItems } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { definitionOf, findVisibleVersion, toView, type SchemeVersionView } from "./versions";

export const IMPACT_STATES = [
  "certified",
  "suspended",
  "draft",
  "screening",
  "testing",
  "review.forming",
  "review.voting",
  "decision",
  "appeal",
] as const;

export type DraftCaseImpact = {
  caseId: string;
  state: string;
  product: { name: string; model: string; softwareVersion: string };
  vendor: string;
  /** The version the case is pinned to. */
  pinned: { schemeId: string; version: string };
  awardedLevel: Level | null;
  /** The level its results reach under the pinned version (the lab-determined level). */
  currentLevel: Level | null;
  /** Under the draft; null when not even L1 or when incomplete. */
  draftLevel: Level | null;
  change: "rise" | "fall" | "same" | "incomplete";
  reasons: string[];
};

export type DraftImpact = {
  draft: SchemeVersionView;
  cases: DraftCaseImpact[];
  totals: { rise: number; fall: number; same: number; incomplete: number; cases: number };
};

function levelOrNull(value: string | null | undefined): Level | null {
  return isLevel(value) ? value : null;
}

/** The level under the pinned scheme, recomputed so the comparison is scheme against scheme. */
function levelUnder(scheme: Scheme, results: Record<string, number>, stored: string | null): Level | null {
  try {
    return determine(scheme, results).level;
  } catch {
    return levelOrNull(stored);
  }
}

export async function draftImpact(user: SessionUser, schemeId: string, version: string): Promise<DraftImpact> {
  assertCan(user, "scheme:manage");
  const database = db();
  const draft = toView(await findVisibleVersion(database, user, schemeId, version));
  const rows = await database.case.findMany({
    where: { state: { in: [...IMPACT_STATES] }, schemeVersion: { category: draft.category } },
    orderBy: { createdAt: "asc" },
    include: {
      product: true,
      organization: true,
      schemeVersion: true,
      labReports: { where: { complete: true }, orderBy: { round: "desc" }, take: 1, include: { results: true } },
    },
  });

  const draftUnits = new Map(schemeItems(draft.scheme).map(({ item }) => [item.key, item.unit]));
  const prepared = rows.map((row) => {
    const base = definitionOf(row.schemeVersion);
    const report = row.labReports[0];
    const results: Record<string, number> = {};
    const unitNotes: string[] = [];
    for (const r of report?.results ?? []) {
      const unit = draftUnits.get(r.item);
      // A value measured in another unit than the draft asks for cannot be compared as is.
      if (unit && unit !== r.unit) unitNotes.push(`${r.item}: measured in ${r.unit}, the draft asks for ${unit}`);
      else results[r.item] = r.value;
    }
    return {
      row,
      base,
      results,
      unitNotes,
      currentLevel: report ? levelUnder(base, results, report.level ?? row.labLevel) : levelOrNull(row.labLevel),
    };
  });

  const cases: DraftCaseImpact[] = prepared.map(({ row, base, results, unitNotes, currentLevel }) => {
    // One case at a time, each against its own pinned version as the base.
    const [impact] = impactOf(draft.scheme, [{ caseId: row.id, label: row.product.name, currentLevel, results }], { base }).cases;
    return {
      caseId: row.id,
      state: row.state,
      product: { name: row.product.name, model: row.product.model, softwareVersion: row.product.softwareVersion },
      vendor: row.organization.name,
      pinned: { schemeId: row.schemeVersion.schemeId, version: row.schemeVersion.version },
      awardedLevel: levelOrNull(row.awardedLevel),
      currentLevel,
      draftLevel: impact.to,
      change: impact.change,
      reasons: impact.change === "incomplete" ? [...unitNotes, ...impact.reasons] : impact.reasons,
    };
  });

  const totals = { rise: 0, fall: 0, same: 0, incomplete: 0, cases: cases.length };
  for (const c of cases) totals[c.change]++;
  return { draft, cases, totals };
}
