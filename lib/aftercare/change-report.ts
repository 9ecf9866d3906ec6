// The case's lab puts its re-test results for a change case: a partial report over exactly the
// listed items, same formats as the case's report (JSON rows or CSV, docs/domain.md#schemes). A report
// with any error is refused whole; a valid one is stored with what it means for the level: the
// case's last submitted results with the re-tested ones in their place, graded by the engine.
import "server-only";
import { db } from "@/lib/db";
import { domainError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { determine, failedThreshold, parseLabReport, schemeItems, type LabReportInput, type Level, type Measurement, type Scheme } from "@/lib/grading";
import { schemeOf } from "@/lib/cases/save-lab-report";
import { loadVisibleChange, changeContext } from "./load-change";

/** The scheme narrowed to the listed items: what a partial report is read against. */
export function retestScheme(scheme: Scheme, items: readonly string[]): Scheme {
  const listed = new Set(items);
  return {
    ...scheme,
    elements: scheme.elements
      .map((e) => ({ ...e, items: e.items.filter((i) => listed.has(i.key)) }))
      .filter((e) => e.items.length > 0),
  };
}

/** What the re-test means: the level of the case's results with the re-tested values in their place, and the re-tested items that miss the awarded level. */
export function evaluateRetest(scheme: Scheme, base: Record<string, Measurement>, retest: Record<string, Measurement>, awarded: Level | null) {
  const merged = { ...base, ...retest };
  // A case without a complete earlier report (never the case for a certified one) is graded on the re-test alone.
  const whole = schemeItems(scheme).every(({ item }) => item.key in merged);
  const d = whole ? determine(scheme, merged) : determine(retestScheme(scheme, Object.keys(retest)), retest);
  const failing: string[] = [];
  if (awarded) {
    for (const e of scheme.elements) {
      for (const item of e.items) {
        if (item.key in retest && failedThreshold(scheme, item, retest[item.key].value, awarded) !== undefined) failing.push(item.key);
      }
    }
  }
  return { level: d.level, profile: d.profile, failing };
}

export async function saveChangeReport(user: SessionUser, changeId: string, input: LabReportInput, at: Date = new Date()) {
  assertCan(user, "change:lab-report");
  const database = db();
  const row = await loadVisibleChange(database, user, changeId);
  const ctx = changeContext(row);
  if (row.state !== "retesting") throw domainError("CHANGE_REPORT_NOT_NOW", { state: row.state });
  if (!ctx.labId || ctx.labId !== user.organizationId) throw domainError("LAB_NOT_ASSIGNED");
  const scheme = schemeOf(row.case.schemeVersion.definition);
  const parsed = parseLabReport(retestScheme(scheme, ctx.items), input);
  if (!parsed.ok) {
    const more = parsed.errorCount - parsed.errors.length;
    throw domainError("LAB_REPORT_INVALID", { errorCount: parsed.errorCount }, {
      details: { errors: parsed.errors, errorCount: parsed.errorCount, ...(more > 0 ? { omitted: more } : {}) },
    });
  }
  // The case's last submitted report: the values the re-test replaces.
  const base = await database.labReport.findFirst({
    where: { caseId: row.caseId, submittedAt: { not: null } },
    orderBy: { round: "desc" },
    include: { results: true },
  });
  const baseValues = Object.fromEntries((base?.results ?? []).map((r) => [r.item, { value: r.value, uncertainty: r.uncertainty ?? undefined, n: r.n ?? undefined }]));
  const evaluation = evaluateRetest(scheme, baseValues, parsed.measurements, (row.case.awardedLevel as Level | null) ?? null);
  const units = new Map(scheme.elements.flatMap((e) => e.items.map((i) => [i.key, i.unit] as const)));
  const results = Object.entries(parsed.measurements).map(([item, m]) => ({
    item,
    value: m.value,
    unit: units.get(item)!,
    ...(m.uncertainty !== undefined && m.uncertainty !== null ? { uncertainty: m.uncertainty } : {}),
    ...(m.n !== undefined && m.n !== null ? { n: m.n } : {}),
  }));
  await database.$transaction(async (tx) => {
    const data = {
      labOrgId: user.organizationId,
      results: JSON.stringify(results),
      level: evaluation.level,
      failing: JSON.stringify(evaluation.failing),
      complete: true,
      updatedById: user.id,
    };
    await tx.changeReport.upsert({ where: { changeId }, create: { changeId, ...data }, update: data });
    await appendAuditEvent(tx, {
      caseId: row.caseId,
      actorId: user.id,
      actorRole: user.role,
      type: "CHANGE_REPORT_SAVED",
      payload: { changeId, results: parsed.results, level: evaluation.level, failing: evaluation.failing },
      at,
    });
  });
  return { level: evaluation.level, failing: evaluation.failing, results };
}
