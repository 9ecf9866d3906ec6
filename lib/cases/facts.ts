// Facts the pure machine needs but cannot look up itself, read from the database for one event.
import "server-only";
import type { Tx } from "@/lib/db";
import { domainError, type DomainRef } from "@/lib/errors";
import { isLabAccredited, outOfScope } from "@/lib/admin/accreditations";
import { envelopeProblems, storedEnvelope } from "@/lib/grading/envelope";
import { isLevel, reportRound, type CaseContext, type EventType, type Level, type PanelBars } from "@/workflows/certification";
import { parseProductSnapshot } from "./product-snapshot";
import { disclosedModels } from "./models";
import { declaredExperts } from "@/lib/conflicts/declarations";

type CaseForFacts = {
  id: string;
  claimedLevel: string;
  application: string;
  product: { name: string; model: string; softwareVersion: string };
  productSnapshot?: string;
  schemeVersion: { category: string; definition?: string };
};

export function applicationProblems(c: CaseForFacts): string[] {
  const problems: string[] = [];
  if (!c.product.name.trim()) problems.push("product name");
  if (!c.product.model.trim()) problems.push("product model");
  if (!c.product.softwareVersion.trim()) problems.push("software version");
  const app = JSON.parse(c.application || "{}") as { declarations?: Record<string, boolean> };
  const d = app.declarations ?? {};
  if (!d.accurate || !d.samplesAvailable || !d.acceptsRules) problems.push("declarations");
  return problems;
}


/**
 * The experts a case remembers a conflict with (the rule is in workflows/certification/rules.ts):
 * whoever recused from any of its panels, and, once the case was appealed, whoever sat on a panel
 * up to the appeal (the round recorded with the APPEAL event).
 */
export async function panelBars(tx: Tx, caseId: string): Promise<PanelBars> {
  const [seats, appeals] = await Promise.all([
    tx.panelMember.findMany({ where: { caseId }, select: { expertId: true, round: true, active: true, recusedAt: true } }),
    tx.auditEvent.findMany({ where: { caseId, type: "APPEAL" }, select: { payload: true } }),
  ]);
  const appealRounds = appeals.map((a) => (JSON.parse(a.payload) as { round?: unknown }).round).filter((r): r is number => typeof r === "number");
  const lastAppealRound = appealRounds.length ? Math.max(...appealRounds) : null;
  const recused = new Set(seats.filter((s) => !s.active || s.recusedAt !== null).map((s) => s.expertId));
  const appealedPanel = new Set(lastAppealRound === null ? [] : seats.filter((s) => s.round <= lastAppealRound).map((s) => s.expertId));
  return { recused: [...recused].sort(), appealedPanel: [...appealedPanel].sort() };
}

export async function factsFor(
  tx: Tx,
  type: EventType,
  c: CaseForFacts,
  ctx: CaseContext,
  payload: Record<string, unknown>,
  at: Date,
): Promise<Record<string, unknown>> {
  switch (type) {
    case "SUBMIT":
      // Judged on the product as applied (the case's own snapshot), not the live product row.
      return { applicationComplete: applicationProblems({ ...c, product: parseProductSnapshot(c.productSnapshot) ?? c.product }).length === 0 };
    case "ACCEPT": {
      const labId = String(payload.labId);
      const lab = await tx.organization.findUnique({ where: { id: labId } });
      if (!lab || lab.kind !== "lab") throw domainError("LAB_UNKNOWN", { labId }, { fields: { labId: { reason: "LAB_UNKNOWN", params: { labId } } } });
      return { lab: { accreditedForCategory: await isLabAccredited(tx, labId, c.schemeVersion.category, at) } };
    }
    case "SUBMIT_REPORT": {
      const report = await tx.labReport.findUnique({ where: { caseId_round: { caseId: c.id, round: reportRound(ctx) } } });
      if (!report) return { report: { complete: false, level: null, profile: {} } };
      // The envelope, checked against the version applied for (the case's frozen product), and the
      // items outside the lab's accreditation scope now (docs/domain.md#lab-evidence).
      // The sample's models against the models the case discloses (the same snapshot).
      const snapshot = parseProductSnapshot(c.productSnapshot);
      const applied = snapshot ?? c.product;
      const problems = envelopeProblems(storedEnvelope(report), {
        appliedVersion: applied.softwareVersion,
        today: at.toISOString().slice(0, 10),
        disclosedModels: disclosedModels(snapshot?.modelInfo),
      });
      if (ctx.labId && c.schemeVersion.definition) {
        for (const out of await outOfScope(tx, ctx.labId, c.schemeVersion.category, c.schemeVersion.definition, at)) {
          problems.push({ field: `results.${out.item}`, reason: "LAB_SCOPE_EXCLUDES_ITEM", params: { item: out.item, testSet: out.testSet ?? out.item } });
        }
      }
      return {
        report: {
          // A complete report that meets no level (level null) is submitted like any other.
          complete: report.complete,
          level: isLevel(report.level) ? report.level : null,
          profile: JSON.parse(report.profile) as Record<string, Level | null>,
          problems,
        },
      };
    }
    case "ASSIGN_PANEL": {
      const ids = (payload.expertIds as string[]) ?? [];
      const users = await tx.user.findMany({
        where: { id: { in: ids }, role: "expert", disabled: false },
        include: { affiliations: { select: { organizationId: true } } },
      });
      const fields: Record<string, DomainRef> = {};
      ids.forEach((id, i) => {
        if (!users.some((u) => u.id === id)) fields[`expertIds.${i}`] = { reason: "EXPERT_NOT_ACTIVE", params: { expertId: id } };
      });
      if (Object.keys(fields).length) throw domainError("PANEL_NOT_ASSIGNABLE", {}, { fields });
      return {
        experts: users.map((u) => ({ id: u.id, orgIds: [u.organizationId, ...u.affiliations.map((a) => a.organizationId)] })),
        // …and whoever declared a conflict with the vendor or the lab, in force now (lib/conflicts).
        barred: { ...(await panelBars(tx, c.id)), declared: await declaredExperts(tx, [ctx.vendorOrgId, ctx.labId], at) },
      };
    }
    case "AWARD":
      // An award below the level applied for may be appealed (docs/domain.md#due-process).
      return { claimedLevel: isLevel(c.claimedLevel) ? c.claimedLevel : null };
    case "REINSTATE": {
      const ids = ((payload.evidenceIds as string[] | undefined) ?? []).slice(0, 50);
      const found = ids.length
        ? await tx.evidence.findMany({ where: { caseId: c.id, id: { in: ids } }, select: { id: true, purpose: true, createdAt: true } })
        : [];
      return { evidence: found.map((e) => ({ id: e.id, purpose: e.purpose, uploadedAt: e.createdAt.toISOString() })) };
    }
    default:
      return {};
  }
}
