// Test fixtures shared by the certification tests: actors, a case input, and generators of
// events that the rules accept in a given snapshot (used to drive xstate/graph traversals).
import type { Actor, CaseContext, CaseEvent, CaseInput, EventType, Level } from "./types";

export const VENDOR_ORG = "org-vendor";
export const OTHER_VENDOR_ORG = "org-other-vendor";
export const LAB_ORG = "org-lab";
export const T0 = "2025-03-01T08:00:00.000Z";
export const LATER = "2031-01-01T00:00:00.000Z";

export const input: CaseInput = { vendorOrgId: VENDOR_ORG, category: "smartphone", panelSize: 3 };

const actor = (id: string, role: Actor["role"], orgId: string | null, extra: string[] = []): Actor => ({
  id,
  role,
  orgId,
  affiliationOrgIds: orgId ? [orgId, ...extra] : extra,
});

export const actors = {
  vendor: actor("u-vendor", "vendor", VENDOR_ORG),
  otherVendor: actor("u-other-vendor", "vendor", OTHER_VENDOR_ORG),
  secretariat: actor("u-sec", "secretariat", "org-wg"),
  lab: actor("u-lab", "lab", LAB_ORG),
  otherLab: actor("u-other-lab", "lab", "org-other-lab"),
  ministry: actor("u-min-1", "ministry", "org-ministry"),
  ministry2: actor("u-min-2", "ministry", "org-ministry"),
  system: actor("system", "system", null),
  admin: actor("u-admin", "admin", null),
  outsiderExpert: actor("e-outsider", "expert", "org-e-outsider"),
};

export const EXPERT_POOL = Array.from({ length: 12 }, (_, i) => `e${i + 1}`);
export const expertActor = (id: string): Actor => actor(id, "expert", `org-${id}`);
export const expertFacts = (ids: string[]) => ids.map((id) => ({ id, orgIds: [`org-${id}`] }));

type Payload<T extends EventType> = Omit<Extract<CaseEvent, { type: T }>, "type" | "actor" | "at">;

export function ev<T extends EventType>(type: T, by: Actor, payload: Payload<T>, at: string = T0): CaseEvent {
  return { type, actor: by, at, ...payload } as unknown as CaseEvent;
}

/** The experts the secretariat would seat: the first of the pool still eligible. */
export function panelCandidates(ctx: CaseContext, size: number): string[] {
  return EXPERT_POOL.filter((id) => !(ctx.needsFreshPanel && ctx.formerPanelists.includes(id))).slice(0, size);
}

const deciderFor = (ctx: CaseContext): Actor =>
  ctx.panel.some((s) => s.expertId === actors.ministry.id) ? actors.ministry2 : actors.ministry;

/** Events the rules accept in `state` with `ctx` (a sample of each kind, enough to take every transition). */
export function acceptedEvents(state: string, ctx: CaseContext): CaseEvent[] {
  const withdraw = ev("WITHDRAW", actors.vendor, { reason: "changed plans" });
  switch (state) {
    case "draft":
      return [ev("SUBMIT", actors.vendor, { applicationComplete: true }), withdraw];
    case "screening":
      return [
        ev("RETURN", actors.secretariat, { reasons: ["missing datasheet"] }),
        ev("REJECT_APPLICATION", actors.secretariat, { reason: "out of scope" }),
        ev("ACCEPT", actors.secretariat, { labId: LAB_ORG, lab: { accreditedForCategory: true } }),
        withdraw,
      ];
    case "testing":
      return [
        ev("SUBMIT_REPORT", actors.lab, { report: { complete: true, level: "L3", profile: { perception: "L3" } } }),
        withdraw,
      ];
    case "review.forming":
      return [3, 4].map((n) => {
        const ids = panelCandidates(ctx, n);
        return ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ids, experts: expertFacts(ids) });
      }).concat([withdraw]);
    case "review.voting": {
      const active = ctx.panel.filter((s) => s.active).map((s) => s.expertId);
      const next = active.find((id) => !ctx.votes.some((v) => v.expertId === id));
      if (!next) return [withdraw];
      const by = expertActor(next);
      return [
        ev("VOTE", by, { verdict: "approve", level: "L2" as Level, rationale: "meets L2 criteria" }),
        ev("VOTE", by, { verdict: "reject", level: null, rationale: "fails perception" }),
        ev("VOTE", by, { verdict: "retest", rationale: "evidence unclear" }),
        ev("RECUSE", by, { reason: "former employer" }),
        withdraw,
      ];
    }
    case "decision": {
      const rec = ctx.recommendation;
      const by = deciderFor(ctx);
      const award =
        rec?.verdict === "approve" && rec.level
          ? ev("AWARD", by, { level: rec.level })
          : ev("AWARD", by, { level: "L1", justification: "the lab evidence supports L1" });
      return [
        award,
        ev("DENY", by, { reason: "insufficient evidence" }),
        ev("REMAND", by, { reason: "panel rationale too thin" }),
        withdraw,
      ];
    }
    case "certified":
      return [
        ev("SUSPEND", actors.ministry, { reason: "field complaints" }),
        ev("REVOKE", actors.ministry, { reason: "fraud" }),
        ev("EXPIRE", actors.system, {}, LATER),
      ];
    case "suspended":
      return [
        ev("REINSTATE", actors.ministry, {}),
        ev("REVOKE", actors.ministry, { reason: "fraud" }),
        ev("EXPIRE", actors.system, {}, LATER),
      ];
    case "rejected":
      return ctx.appealed ? [] : [ev("APPEAL", actors.vendor, { reason: "the panel misread the report" })];
    case "appeal": {
      const by = ctx.deniedBy === actors.ministry.id ? actors.ministry2 : actors.ministry;
      return [ev("UPHOLD_APPEAL", by, { reason: "new evidence" }), ev("DISMISS_APPEAL", by, { reason: "no new evidence" })];
    }
    default:
      return [];
  }
}

/** A well-formed event of each type from the actor entitled to send it (ignores state). */
export function sampleEvent(type: EventType, ctx: CaseContext): CaseEvent {
  for (const state of ["draft", "screening", "testing", "review.forming", "review.voting", "decision", "certified", "suspended", "rejected", "appeal"]) {
    const found = acceptedEvents(state, ctx).find((e) => e.type === type);
    if (found) return found;
  }
  switch (type) {
    case "VOTE":
      return ev("VOTE", expertActor("e1"), { verdict: "reject", level: null, rationale: "no" });
    case "RECUSE":
      return ev("RECUSE", expertActor("e1"), { reason: "conflict" });
    case "APPEAL":
      return ev("APPEAL", actors.vendor, { reason: "please" });
    default:
      throw new Error(`no sample for ${type}`);
  }
}
