// The assigned lab puts its results (JSON rows or CSV) for the case's pinned scheme version.
// A report with any error is refused whole, with an error per row (the first 50, and the count of
// all); a valid one is stored with its determination, ready for SUBMIT_REPORT. The body is bounded
// by the route (lib/http/body.ts) and the rows by the scheme (lib/grading/lab-report.ts).
import "server-only";
import { db } from "@/lib/db";
import { AppError, domainError, ruleError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { parseLabReport, parseScheme, type LabReportInput, type Scheme } from "@/lib/grading";
import { checkAllowed, reportRound, type PersistedCaseSnapshot } from "@/workflows/certification";
import { loadVisibleCase } from "./load-case";
import { actorFor } from "./actor";

export function schemeOf(definition: string): Scheme {
  const parsed = parseScheme(JSON.parse(definition));
  if (!parsed.ok) throw new AppError("INTERNAL", "The case's scheme is invalid");
  return parsed.scheme;
}

export async function saveLabReport(user: SessionUser, caseId: string, input: LabReportInput) {
  assertCan(user, "lab-report:write");
  const database = db();
  const row = await loadVisibleCase(database, user, caseId);
  // A report is saved only when the machine would let this lab submit it now (state, role, assignment).
  const ctx = (JSON.parse(row.snapshot) as PersistedCaseSnapshot).context;
  const allowed = checkAllowed(row.state, ctx, await actorFor(database, user), "SUBMIT_REPORT");
  if (!allowed.ok) throw ruleError(allowed);
  const scheme = schemeOf(row.schemeVersion.definition);
  const parsed = parseLabReport(scheme, input);
  if (!parsed.ok) {
    // At most MAX_REPORTED_ERRORS errors are listed; `errorCount` says how many there are in all.
    const more = parsed.errorCount - parsed.errors.length;
    throw domainError("LAB_REPORT_INVALID", { errorCount: parsed.errorCount }, {
      details: { errors: parsed.errors, errorCount: parsed.errorCount, ...(more > 0 ? { omitted: more } : {}) },
    });
  }
  const round = reportRound(ctx);
  const d = parsed.determination;
  const units = new Map(scheme.elements.flatMap((e) => e.items.map((i) => [i.key, i.unit] as const)));
  await database.$transaction(async (tx) => {
    const existing = await tx.labReport.findUnique({ where: { caseId_round: { caseId, round } } });
    const data = {
      labOrgId: user.organizationId,
      level: d.level,
      profile: JSON.stringify(d.profile),
      blockers: JSON.stringify(d.blockers),
      complete: true,
      updatedById: user.id,
    };
    const report = existing
      ? await tx.labReport.update({ where: { id: existing.id }, data })
      : await tx.labReport.create({ data: { caseId, round, ...data } });
    await tx.labResult.deleteMany({ where: { reportId: report.id } });
    await tx.labResult.createMany({
      // The uncertainty U and n as reported (null when not): the engine graded with them (docs/domain.md#schemes).
      data: Object.entries(parsed.measurements).map(([item, m]) => ({
        reportId: report.id,
        item,
        value: m.value,
        unit: units.get(item)!,
        uncertainty: m.uncertainty,
        n: m.n,
      })),
    });
    await appendAuditEvent(tx, {
      caseId,
      actorId: user.id,
      actorRole: user.role,
      type: "LAB_REPORT_SAVED",
      payload: { round, results: parsed.results, ...reported(parsed.measurements), level: d.level, profile: d.profile },
    });
  });
  return { level: d.level, profile: d.profile, blockers: d.blockers };
}

/** The uncertainties and n a report gave, by item, for the audit payload; nothing when it gave none (a v1 report reads as before). */
function reported(measurements: Record<string, { uncertainty: number | null; n: number | null }>) {
  const pick = (field: "uncertainty" | "n") =>
    Object.fromEntries(Object.entries(measurements).flatMap(([item, m]) => (m[field] === null ? [] : [[item, m[field]]])));
  const uncertainty = pick("uncertainty");
  const n = pick("n");
  return {
    ...(Object.keys(uncertainty).length ? { uncertainty } : {}),
    ...(Object.keys(n).length ? { n } : {}),
  };
}

/** The stored report of the current round, for pages and the API. */
export async function currentLabReport(caseId: string, round: number) {
  return db().labReport.findUnique({ where: { caseId_round: { caseId, round } }, include: { results: true } });
}
