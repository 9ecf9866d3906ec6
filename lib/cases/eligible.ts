// Whom the secretariat may choose for a case: the labs it may ACCEPT the case with, and the
// experts for ASSIGN_PANEL with their conflicts and current load. The machine's rules still
// decide on submission; these lists only keep the forms from offering what would be refused.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { loadVisibleCase } from "./load-case";
import { eligibleLabs as accreditedLabs } from "@/lib/admin/accreditations";
import { panelBars } from "./facts";
import { declaredExperts } from "@/lib/conflicts/declarations";

export type EligibleLab = {
  id: string;
  name: string;
  nameZh: string | null;
  accreditedUntil: Date;
  /** The accreditation's number and accrediting body (docs/domain.md#lab-evidence), when recorded. */
  accreditationNumber: string | null;
  accreditationBody: string | null;
};

/** Labs accredited for the case's category now (validFrom ≤ now ≤ validUntil), other than the vendor's own organisation. */
export async function eligibleLabs(user: SessionUser, caseId: string, now = new Date()): Promise<EligibleLab[]> {
  assertCan(user, "event:ACCEPT");
  const row = await loadVisibleCase(db(), user, caseId);
  // The one accreditation query (lib/admin): the same rule decides the choices and the admin's view.
  const labs = await accreditedLabs(db(), { category: row.schemeVersion.category, vendorOrgId: row.organizationId, at: now });
  return labs.map((l) => ({
    id: l.id,
    name: l.name,
    nameZh: l.nameZh,
    accreditedUntil: l.accreditedUntil,
    accreditationNumber: l.accreditationNumber,
    accreditationBody: l.accreditationBody,
  }));
}

/**
 * Why an expert may not sit on this case's panel: tied to the vendor or the lab (own organisation
 * or an affiliation), recused from this case, or a conflict the expert declared with the vendor or
 * the lab that is in force now (docs/domain.md#conflict-declarations).
 */
export type ExpertConflict = "vendor" | "lab" | "recused" | "declared";

export type EligibleExpert = {
  id: string;
  name: string;
  organizationName: string;
  /** Tied to the vendor's or the case's lab's organisation (own organisation or an affiliation), recused from this case, or a declared conflict: never on this panel. */
  conflict: ExpertConflict | null;
  /** Sat on a panel of the case before it was appealed: never on a later one. */
  formerPanelist: boolean;
  /** Active panel seats in cases that are being voted on now. */
  load: number;
  selectable: boolean;
};

/** Active, enabled experts with what stands against choosing them, least loaded first. */
export async function eligibleExperts(user: SessionUser, caseId: string, now = new Date()): Promise<EligibleExpert[]> {
  assertCan(user, "event:ASSIGN_PANEL");
  const database = db();
  const row = await loadVisibleCase(database, user, caseId);
  const ctx = (JSON.parse(row.snapshot) as PersistedCaseSnapshot).context;
  const experts = await database.user.findMany({
    where: { role: "expert", disabled: false },
    include: { organization: true, affiliations: { select: { organizationId: true } } },
  });
  const load = await panelLoad();
  const bars = await panelBars(database, row.id);
  // The same lookup ASSIGN_PANEL makes (lib/cases/facts.ts), so the form offers what the rule accepts.
  const declared = new Set(await declaredExperts(database, [row.organizationId, row.labOrgId], now));
  return experts
    .map((u) => {
      const orgIds = [u.organizationId, ...u.affiliations.map((a) => a.organizationId)];
      const conflict: ExpertConflict | null = orgIds.includes(row.organizationId)
        ? "vendor"
        : row.labOrgId && orgIds.includes(row.labOrgId)
          ? "lab"
          : bars.recused.includes(u.id)
            ? "recused"
            : declared.has(u.id)
              ? "declared"
              : null;
      const formerPanelist = bars.appealedPanel.includes(u.id) || (ctx.needsFreshPanel && ctx.formerPanelists.includes(u.id));
      return {
        id: u.id,
        name: u.name,
        organizationName: u.organization.name,
        conflict,
        formerPanelist,
        load: load.get(u.id) ?? 0,
        selectable: conflict === null && !formerPanelist,
      };
    })
    .sort((a, b) => Number(b.selectable) - Number(a.selectable) || a.load - b.load || a.name.localeCompare(b.name));
}

/** Expert id → number of active seats on the current panels of cases in review.voting. */
async function panelLoad(): Promise<Map<string, number>> {
  const seats = await db().panelMember.findMany({
    where: { case: { state: "review.voting" } },
    select: { caseId: true, round: true, expertId: true, active: true },
  });
  // Seats of earlier rounds stay in the table; a case's current panel is its highest round.
  const currentRound = new Map<string, number>();
  for (const s of seats) currentRound.set(s.caseId, Math.max(currentRound.get(s.caseId) ?? 0, s.round));
  const load = new Map<string, number>();
  for (const s of seats) {
    if (s.active && s.round === currentRound.get(s.caseId)) load.set(s.expertId, (load.get(s.expertId) ?? 0) + 1);
  }
  return load;
}

export type ExclusionReason = ExpertConflict | "formerPanelist";
export type NotOfferedExpert = { id: string; name: string; organizationName: string; reasons: ExclusionReason[] };

/** The experts the panel form does not offer, each with every reason why (the case page explains them). */
export function notOffered(experts: EligibleExpert[]): NotOfferedExpert[] {
  return experts
    .filter((e) => !e.selectable)
    .map((e) => ({
      id: e.id,
      name: e.name,
      organizationName: e.organizationName,
      reasons: [...(e.conflict ? [e.conflict] : []), ...(e.formerPanelist ? (["formerPanelist"] as const) : [])],
    }));
}
