// The assigned lab puts its results (JSON rows or CSV) for the case's pinned scheme version.
// A report with any error is refused whole, with an error per row (the first 50, and the count of
// all); a valid one is stored with its determination, ready for SUBMIT_REPORT. The body is bounded
// by the route (lib/http/body.ts) and the rows by the scheme (lib/grading/lab-report.ts).
import "server-only";
import { db } from "@/lib/db";
import { AppError, domainError, ruleError } from "@/lib/errors";
import { domainRef } from "@/workflows/errors";
import { outOfScope } from "@/lib/admin/accreditations";
import { sampleOf, type EnvelopeDraft } from "@/lib/grading/envelope";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent } from "@/lib/audit/chain";
import { parseLabReport, parseScheme, type Determination, type LabReportInput, type Level, type Scheme } from "@/lib/grading";
import { checkAllowed, reportRound, type PersistedCaseSnapshot } from "@/workflows/certification";
import { loadVisibleCase } from "./load-case";
import { actorFor } from "./actor";

export function schemeOf(definition: string): Scheme {
  const parsed = parseScheme(JSON.parse(definition));
  if (!parsed.ok) throw new AppError("INTERNAL", "The case's scheme is invalid");
  return parsed.scheme;
}

/**
 * `input`: CSV, or JSON with `results` and any envelope fields; JSON without `results` changes only
 * the envelope of the round's report (a CSV upload's envelope, or a draft begun before the results).
 */
export async function saveLabReport(user: SessionUser, caseId: string, input: LabReportInput | EnvelopeDraft) {
  assertCan(user, "lab-report:write");
  const database = db();
  const row = await loadVisibleCase(database, user, caseId);
  // A report is saved only when the machine would let this lab submit it now (state, role, assignment).
  const ctx = (JSON.parse(row.snapshot) as PersistedCaseSnapshot).context;
  const allowed = checkAllowed(row.state, ctx, await actorFor(database, user), "SUBMIT_REPORT");
  if (!allowed.ok) throw ruleError(allowed);
  if (typeof input !== "string" && !Array.isArray((input as { results?: unknown }).results)) {
    return saveEnvelopeOnly(user, caseId, reportRound(ctx), envelopeData(input));
  }
  const scheme = schemeOf(row.schemeVersion.definition);
  const parsed = parseLabReport(scheme, input);
  if (!parsed.ok) {
    // At most MAX_REPORTED_ERRORS errors are listed; `errorCount` says how many there are in all.
    const more = parsed.errorCount - parsed.errors.length;
    throw domainError("LAB_REPORT_INVALID", { errorCount: parsed.errorCount }, {
      details: { errors: parsed.errors, errorCount: parsed.errorCount, ...(more > 0 ? { omitted: more } : {}) },
    });
  }
  // Only items the lab's accreditation covers (docs/domain.md#lab-evidence): each other one named with its test set.
  if (row.labOrgId) {
    const out = await outOfScope(database, row.labOrgId, row.schemeVersion.category, row.schemeVersion.definition);
    if (out.length) {
      const fields = Object.fromEntries(out.map((o) => [`results.${o.item}`, domainRef("LAB_SCOPE_EXCLUDES_ITEM", { item: o.item, testSet: o.testSet ?? o.item })]));
      throw domainError("LAB_SCOPE_EXCLUDES_ITEM", { item: out[0].item, testSet: out[0].testSet ?? out[0].item }, { fields });
    }
  }
  const envelope = envelopeData(input);
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
      ...withStoredModels(envelope, existing?.sample),
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
      payload: {
        round,
        results: parsed.results,
        ...reported(parsed.measurements),
        level: d.level,
        profile: d.profile,
        // What identifies the report and the build tested (the rest of the envelope stays on the report).
        ...envelopeAudit(report),
      },
    });
  });
  return { level: d.level, profile: d.profile, blockers: d.blockers };
}

/**
 * The envelope fields a JSON upload gave, as columns: an absent field keeps what is stored, null (or
 * an empty text) clears it. A CSV upload carries no envelope and keeps the stored one.
 */
function envelopeData(input: LabReportInput | EnvelopeDraft) {
  if (typeof input === "string") return {};
  const e = input as EnvelopeDraft;
  const textOf = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());
  const dateOf = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === "" ? null : new Date(`${v}T00:00:00Z`));
  const data: Record<string, string | Date | null> = {};
  const put = (key: string, v: string | Date | null | undefined) => {
    if (v !== undefined) data[key] = v;
  };
  put("reportNumber", textOf(e.reportNumber));
  put("environment", textOf(e.environment));
  put("signatory", textOf(e.signatory));
  put("testedFrom", dateOf(e.testedFrom));
  put("testedTo", dateOf(e.testedTo));
  if (e.sample !== undefined) {
    const s = e.sample;
    put(
      "sample",
      s === null
        ? null
        : JSON.stringify({
            serials: (s.serials ?? []).map((x) => x.trim()).filter(Boolean),
            buildFingerprint: s.buildFingerprint?.trim() ?? "",
            softwareVersion: s.softwareVersion?.trim() ?? "",
            // Absent: the stored sample's models are kept (withStoredModels).
            ...(s.models ? { models: s.models } : {}),
          }),
    );
  }
  return data;
}

/** A new sample without `models` (an API draft that leaves them out) keeps the models of the stored one. */
function withStoredModels(envelope: Record<string, string | Date | null>, stored: string | null | undefined) {
  if (typeof envelope.sample !== "string") return envelope;
  const sample = JSON.parse(envelope.sample) as Record<string, unknown>;
  if (sample.models) return envelope;
  return { ...envelope, sample: JSON.stringify({ ...sample, models: sampleOf(stored)?.models ?? [] }) };
}

/** The envelope alone: the round's report keeps its results (or, begun without any, is incomplete). */
async function saveEnvelopeOnly(user: SessionUser, caseId: string, round: number, envelope: Record<string, string | Date | null>) {
  return db().$transaction(async (tx) => {
    const existing = await tx.labReport.findUnique({ where: { caseId_round: { caseId, round } } });
    const report = existing
      ? await tx.labReport.update({ where: { id: existing.id }, data: { ...withStoredModels(envelope, existing.sample), updatedById: user.id } })
      : await tx.labReport.create({
          data: { caseId, round, labOrgId: user.organizationId, level: null, profile: "{}", blockers: "null", complete: false, updatedById: user.id, ...withStoredModels(envelope, null) },
        });
    await appendAuditEvent(tx, {
      caseId,
      actorId: user.id,
      actorRole: user.role,
      type: "LAB_REPORT_SAVED",
      payload: { round, envelopeOnly: true, ...envelopeAudit(report) },
    });
    return {
      level: (report.level ?? null) as Level | null,
      profile: JSON.parse(report.profile) as Record<string, Level | null>,
      blockers: JSON.parse(report.blockers) as Determination["blockers"],
    };
  });
}

function envelopeAudit(report: { reportNumber: string | null; sample: string | null }) {
  const sample = sampleOf(report.sample);
  return {
    ...(report.reportNumber ? { reportNumber: report.reportNumber } : {}),
    ...(sample?.buildFingerprint ? { buildFingerprint: sample.buildFingerprint } : {}),
    ...(sample?.softwareVersion ? { sampleVersion: sample.softwareVersion } : {}),
  };
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
