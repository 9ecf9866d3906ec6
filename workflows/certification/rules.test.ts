// Every rule both ways: the event is accepted from the right actor with the right payload, and
// refused with the right code otherwise — by checkEvent and the machine's guards alike.
import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  checkEvent,
  createCaseSnapshot,
  EVENT_TYPES,
  readCase,
  transition,
  type CaseEvent,
  type EventType,
  type PersistedCaseSnapshot,
} from "./index";
import { actors, CORRECT_BY, ev, expertActor, expertFacts, input, LAB_ORG, LATER, T0, VENDOR_ORG } from "@/test/fixtures/certification";

const DAY = 24 * 60 * 60 * 1000;
const plusDays = (iso: string, days: number, ms = 0) => new Date(Date.parse(iso) + days * DAY + ms).toISOString();

function run(events: CaseEvent[], from: PersistedCaseSnapshot = createCaseSnapshot(input)): PersistedCaseSnapshot {
  let snap = from;
  for (const e of events) {
    const r = transition(snap, e);
    if (!r.changed) throw new Error(`setup event ${e.type} refused in ${r.state}`);
    snap = r.snapshot;
  }
  return snap;
}

const submit = ev("SUBMIT", actors.vendor, { applicationComplete: true });
const accept = ev("ACCEPT", actors.secretariat, { labId: LAB_ORG, lab: { accreditedForCategory: true } });
const report = ev("SUBMIT_REPORT", actors.lab, { report: { complete: true, level: "L3", profile: { vision: "L3" } } });
const assign = (ids: string[]) => ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ids, experts: expertFacts(ids) });
const approve = (id: string, level: "L1" | "L2" | "L3" | "L4" = "L2") =>
  ev("VOTE", expertActor(id), { verdict: "approve", level, rationale: "ok" });
const reject = (id: string) => ev("VOTE", expertActor(id), { verdict: "reject", level: null, rationale: "no" });
const retest = (id: string) => ev("VOTE", expertActor(id), { verdict: "retest", rationale: "unclear" });
const deny = ev("DENY", actors.ministry, { reason: "weak evidence" });
/** REINSTATE citing `ids`; the case holds ev-1 (corrective, after the suspension), ev-lab (the lab's), ev-old (corrective, before). */
const reinstate = (ids: string[]) =>
  ev("REINSTATE", actors.ministry, {
    reason: "corrected",
    evidenceIds: ids,
    evidence: [
      { id: "ev-1", purpose: "corrective", uploadedAt: plusDays(T0, 1) },
      { id: "ev-lab", purpose: "lab_report", uploadedAt: plusDays(T0, 1) },
      { id: "ev-old", purpose: "corrective", uploadedAt: plusDays(T0, -1) },
    ],
  }, plusDays(T0, 2));
const award = ev("AWARD", actors.ministry, { level: "L2" });

const at = {
  draft: () => createCaseSnapshot(input),
  screening: () => run([submit]),
  testing: () => run([submit, accept]),
  forming: () => run([submit, accept, report]),
  voting: () => run([submit, accept, report, assign(["e1", "e2", "e3"])]),
  decision: () => run([submit, accept, report, assign(["e1", "e2", "e3"]), approve("e1"), approve("e2"), approve("e3")]),
  certified: () => run([award], at.decision()),
  suspended: () => run([ev("SUSPEND", actors.ministry, { reason: "complaints", correctBy: CORRECT_BY })], at.certified()),
  /** Certified at L2 when L3 was applied for: an adverse decision the vendor may appeal. */
  certifiedBelowClaim: () => run([ev("AWARD", actors.ministry, { level: "L2", claimedLevel: "L3" })], at.decision()),
  revoked: () => run([ev("REVOKE", actors.ministry, { reason: "fraud" })], at.certified()),
  /** A complete report that meets no level. */
  formingNoLevel: () => run([submit, accept, ev("SUBMIT_REPORT", actors.lab, { report: { complete: true, level: null, profile: { vision: null } } })]),
  rejected: () => run([deny], at.decision()),
  appeal: () => run([ev("APPEAL", actors.vendor, { grounds: "misread" })], at.rejected()),
  /** A panel on which the ministry user u-min-1 sits as an expert. */
  decisionWithMinistryOnPanel: () => {
    const ids = [actors.ministry.id, "e2", "e3"];
    return run([
      submit,
      accept,
      report,
      assign(ids),
      ...ids.map((id) => ev("VOTE", { ...expertActor(id), id }, { verdict: "approve", level: "L2", rationale: "ok" })),
    ]);
  },
};

type Expect = "ok" | "FORBIDDEN" | "CONFLICT" | "INVALID_INPUT";
type Case = [name: string, snapshot: () => PersistedCaseSnapshot, event: CaseEvent, expected: Expect, detailKey?: string];

const cases: Case[] = [
  ["vendor submits a complete application", at.draft, submit, "ok"],
  ["vendor of another org submits", at.draft, ev("SUBMIT", actors.otherVendor, { applicationComplete: true }), "FORBIDDEN"],
  ["secretariat submits", at.draft, ev("SUBMIT", actors.secretariat, { applicationComplete: true }), "FORBIDDEN"],
  ["incomplete application", at.draft, ev("SUBMIT", actors.vendor, { applicationComplete: false }), "INVALID_INPUT", "application"],

  ["vendor withdraws during testing", at.testing, ev("WITHDRAW", actors.vendor, {}), "ok"],
  ["vendor withdraws during voting", at.voting, ev("WITHDRAW", actors.vendor, { reason: "market exit" }), "ok"],
  ["other vendor withdraws", at.testing, ev("WITHDRAW", actors.otherVendor, {}), "FORBIDDEN"],
  ["secretariat withdraws", at.screening, ev("WITHDRAW", actors.secretariat, {}), "FORBIDDEN"],

  ["secretariat returns with reasons", at.screening, ev("RETURN", actors.secretariat, { reasons: ["datasheet"] }), "ok"],
  ["vendor returns", at.screening, ev("RETURN", actors.vendor, { reasons: ["x"] }), "FORBIDDEN"],
  ["return without reasons", at.screening, ev("RETURN", actors.secretariat, { reasons: [] }), "INVALID_INPUT", "reasons"],
  ["return with a blank reason", at.screening, ev("RETURN", actors.secretariat, { reasons: ["  "] }), "INVALID_INPUT", "reasons.0"],

  ["secretariat rejects the application", at.screening, ev("REJECT_APPLICATION", actors.secretariat, { reason: "scope" }), "ok"],
  ["lab rejects the application", at.screening, ev("REJECT_APPLICATION", actors.lab, { reason: "scope" }), "FORBIDDEN"],
  ["rejection without reason", at.screening, ev("REJECT_APPLICATION", actors.secretariat, { reason: "" }), "INVALID_INPUT", "reason"],

  ["secretariat accepts with an accredited lab", at.screening, accept, "ok"],
  ["ministry accepts", at.screening, ev("ACCEPT", actors.ministry, { labId: LAB_ORG, lab: { accreditedForCategory: true } }), "FORBIDDEN"],
  ["lab not accredited for the category", at.screening, ev("ACCEPT", actors.secretariat, { labId: LAB_ORG, lab: { accreditedForCategory: false } }), "INVALID_INPUT", "labId"],
  ["lab is the vendor's own org", at.screening, ev("ACCEPT", actors.secretariat, { labId: VENDOR_ORG, lab: { accreditedForCategory: true } }), "INVALID_INPUT", "labId"],

  ["assigned lab submits its report", at.testing, report, "ok"],
  ["another lab submits a report", at.testing, ev("SUBMIT_REPORT", actors.otherLab, { report: { complete: true, level: "L3", profile: {} } }), "FORBIDDEN"],
  ["vendor submits a report", at.testing, ev("SUBMIT_REPORT", { ...actors.vendor, orgId: LAB_ORG }, { report: { complete: true, level: "L3", profile: {} } }), "FORBIDDEN"],
  ["incomplete report", at.testing, ev("SUBMIT_REPORT", actors.lab, { report: { complete: false, level: "L3", profile: {} } }), "INVALID_INPUT", "report"],

  ["secretariat seats three unconflicted experts", at.forming, assign(["e1", "e2", "e3"]), "ok"],
  ["ministry seats a panel", at.forming, ev("ASSIGN_PANEL", actors.ministry, { expertIds: ["e1", "e2", "e3"], experts: expertFacts(["e1", "e2", "e3"]) }), "FORBIDDEN"],
  ["too few experts", at.forming, assign(["e1", "e2"]), "INVALID_INPUT", "expertIds"],
  ["an expert listed twice", at.forming, assign(["e1", "e2", "e2"]), "INVALID_INPUT", "expertIds"],
  ["expert affiliated with the vendor", at.forming, ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ["e1", "ev", "e3"], experts: [...expertFacts(["e1", "e3"]), { id: "ev", orgIds: ["org-x", VENDOR_ORG] }] }), "INVALID_INPUT", "expertIds.1"],
  ["expert affiliated with the lab", at.forming, ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ["el", "e2", "e3"], experts: [...expertFacts(["e2", "e3"]), { id: "el", orgIds: [LAB_ORG] }] }), "INVALID_INPUT", "expertIds.0"],
  ["expert unknown to the caller", at.forming, ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ["e1", "e2", "e3"], experts: expertFacts(["e1", "e2"]) }), "INVALID_INPUT", "expertIds.2"],
  ["after an upheld appeal, a new panel", () => run([ev("UPHOLD_APPEAL", actors.ministry2, { reason: "new evidence" })], at.appeal()), assign(["e4", "e5", "e6"]), "ok"],
  ["after an upheld appeal, an old panelist", () => run([ev("UPHOLD_APPEAL", actors.ministry2, { reason: "new evidence" })], at.appeal()), assign(["e4", "e5", "e1"]), "INVALID_INPUT", "expertIds.2"],
  ["an expert who recused from the case", at.forming, ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ["e1", "e2", "e3"], experts: expertFacts(["e1", "e2", "e3"]), barred: { recused: ["e2"], appealedPanel: [] } }), "INVALID_INPUT", "expertIds.1"],
  ["a panelist of the case before its appeal", at.forming, ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ["e1", "e2", "e3"], experts: expertFacts(["e1", "e2", "e3"]), barred: { recused: [], appealedPanel: ["e3"] } }), "INVALID_INPUT", "expertIds.2"],
  ["barred experts left out", at.forming, ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ["e1", "e2", "e3"], experts: expertFacts(["e1", "e2", "e3"]), barred: { recused: ["e4"], appealedPanel: ["e5"] } }), "ok"],

  ["panelist recuses", at.voting, ev("RECUSE", expertActor("e1"), { reason: "former employer" }), "ok"],
  ["expert not on the panel recuses", at.voting, ev("RECUSE", actors.outsiderExpert, { reason: "x" }), "FORBIDDEN"],
  ["recusal without reason", at.voting, ev("RECUSE", expertActor("e1"), { reason: " " }), "INVALID_INPUT", "reason"],

  ["panelist votes approve at L2", at.voting, approve("e1"), "ok"],
  ["panelist votes reject", at.voting, reject("e1"), "ok"],
  ["expert off the panel votes", at.voting, approve("e9"), "FORBIDDEN"],
  ["ministry votes", at.voting, ev("VOTE", actors.ministry, { verdict: "reject", level: null, rationale: "no" }), "FORBIDDEN"],
  ["recused panelist votes", () => run([ev("RECUSE", expertActor("e1"), { reason: "x" })], run([assign(["e1", "e2", "e3", "e4"])], at.forming())), approve("e1"), "FORBIDDEN"],
  ["panelist votes twice", () => run([approve("e1")], at.voting()), reject("e1"), "CONFLICT"],
  ["approve above the lab level", at.voting, approve("e1", "L4"), "INVALID_INPUT", "level"],
  ["approve without level", at.voting, ev("VOTE", expertActor("e1"), { verdict: "approve", rationale: "ok" }), "INVALID_INPUT", "level"],
  ["reject with a level", at.voting, ev("VOTE", expertActor("e1"), { verdict: "reject", level: "L2", rationale: "no" }), "INVALID_INPUT", "level"],
  ["vote without rationale", at.voting, ev("VOTE", expertActor("e1"), { verdict: "reject", level: null, rationale: "  " }), "INVALID_INPUT", "rationale"],

  ["ministry awards the recommended level", at.decision, award, "ok"],
  ["ministry awards another level with justification", at.decision, ev("AWARD", actors.ministry, { level: "L3", justification: "lab evidence is strong" }), "ok"],
  ["another level without justification", at.decision, ev("AWARD", actors.ministry, { level: "L3" }), "INVALID_INPUT", "justification"],
  ["award above the lab level", at.decision, ev("AWARD", actors.ministry, { level: "L4", justification: "x" }), "INVALID_INPUT", "level"],
  ["award against a reject recommendation without justification", () => run([submit, accept, report, assign(["e1", "e2", "e3"]), reject("e1"), reject("e2"), approve("e3")]), award, "INVALID_INPUT", "justification"],
  ["secretariat awards", at.decision, ev("AWARD", actors.secretariat, { level: "L2" }), "FORBIDDEN"],
  ["ministry user on the panel awards", at.decisionWithMinistryOnPanel, award, "FORBIDDEN"],
  ["another ministry user awards", at.decisionWithMinistryOnPanel, ev("AWARD", actors.ministry2, { level: "L2" }), "ok"],

  ["ministry denies", at.decision, deny, "ok"],
  ["ministry user on the panel denies", at.decisionWithMinistryOnPanel, deny, "FORBIDDEN"],
  ["vendor denies", at.decision, ev("DENY", actors.vendor, { reason: "x" }), "FORBIDDEN"],
  ["denial without reason", at.decision, ev("DENY", actors.ministry, { reason: "" }), "INVALID_INPUT", "reason"],

  ["ministry remands", at.decision, ev("REMAND", actors.ministry, { reason: "thin rationale" }), "ok"],
  ["secretariat remands", at.decision, ev("REMAND", actors.secretariat, { reason: "x" }), "FORBIDDEN"],
  ["remand without reason", at.decision, ev("REMAND", actors.ministry, {} as never), "INVALID_INPUT", "reason"],

  ["ministry suspends", at.certified, ev("SUSPEND", actors.ministry, { reason: "complaints", correctBy: CORRECT_BY }), "ok"],
  ["system suspends (surveillance overdue)", at.certified, ev("SUSPEND", actors.system, { reason: "surveillance overdue", correctBy: CORRECT_BY }), "ok"],
  ["secretariat suspends", at.certified, ev("SUSPEND", actors.secretariat, { reason: "x", correctBy: CORRECT_BY }), "FORBIDDEN"],
  ["suspension without reason", at.certified, ev("SUSPEND", actors.ministry, { reason: "", correctBy: CORRECT_BY }), "INVALID_INPUT", "reason"],
  ["suspension without a date to correct by", at.certified, ev("SUSPEND", actors.ministry, { reason: "x" } as never), "INVALID_INPUT", "correctBy"],
  ["suspension correct-by in the past", at.certified, ev("SUSPEND", actors.ministry, { reason: "x", correctBy: plusDays(T0, -1) }), "INVALID_INPUT", "correctBy"],
  ["suspension correct-by 180 days ahead", at.certified, ev("SUSPEND", actors.ministry, { reason: "x", correctBy: plusDays(T0, 180) }), "ok"],
  ["suspension correct-by over 180 days ahead", at.certified, ev("SUSPEND", actors.ministry, { reason: "x", correctBy: plusDays(T0, 180, 1) }), "INVALID_INPUT", "correctBy"],
  ["suspension correct-by not a date", at.certified, ev("SUSPEND", actors.ministry, { reason: "x", correctBy: "soon" }), "INVALID_INPUT", "correctBy"],

  ["ministry reinstates with corrective evidence", at.suspended, reinstate(["ev-1"]), "ok"],
  ["admin reinstates", at.suspended, { ...reinstate(["ev-1"]), actor: actors.admin }, "FORBIDDEN"],
  ["reinstatement without evidence", at.suspended, reinstate([]), "INVALID_INPUT", "evidenceIds"],
  ["reinstatement without reason", at.suspended, { ...reinstate(["ev-1"]), reason: " " } as CaseEvent, "INVALID_INPUT", "reason"],
  ["reinstatement citing the lab's evidence", at.suspended, reinstate(["ev-lab"]), "INVALID_INPUT", "evidenceIds.0"],
  ["reinstatement citing evidence from before the suspension", at.suspended, reinstate(["ev-old"]), "INVALID_INPUT", "evidenceIds.0"],
  ["reinstatement citing unknown evidence", at.suspended, reinstate(["ev-1", "nope"]), "INVALID_INPUT", "evidenceIds.1"],

  ["ministry downgrades", at.certified, ev("DOWNGRADE", actors.ministry, { level: "L1", reason: "model update" }), "ok"],
  ["downgrade to the same level", at.certified, ev("DOWNGRADE", actors.ministry, { level: "L2", reason: "x" }), "INVALID_INPUT", "level"],
  ["downgrade to a higher level", at.certified, ev("DOWNGRADE", actors.ministry, { level: "L3", reason: "x" }), "INVALID_INPUT", "level"],
  ["downgrade without reason", at.certified, ev("DOWNGRADE", actors.ministry, { level: "L1", reason: "" }), "INVALID_INPUT", "reason"],
  ["secretariat downgrades", at.certified, ev("DOWNGRADE", actors.secretariat, { level: "L1", reason: "x" }), "FORBIDDEN"],

  ["panelist approves a report that meets no level", () => run([assign(["e1", "e2", "e3"])], at.formingNoLevel()), approve("e1", "L1"), "INVALID_INPUT", "verdict"],
  ["panelist rejects a report that meets no level", () => run([assign(["e1", "e2", "e3"])], at.formingNoLevel()), reject("e1"), "ok"],
  ["award on a report that meets no level", () => run([assign(["e1", "e2", "e3"]), reject("e1"), reject("e2"), reject("e3")], at.formingNoLevel()), ev("AWARD", actors.ministry, { level: "L1", justification: "x" }), "CONFLICT"],
  ["denial on a report that meets no level", () => run([assign(["e1", "e2", "e3"]), reject("e1"), reject("e2"), reject("e3")], at.formingNoLevel()), deny, "ok"],

  ["vendor appeals an award below the level applied for", at.certifiedBelowClaim, ev("APPEAL", actors.vendor, { grounds: "L3 was met" }), "ok"],
  ["vendor appeals an award at the level applied for", () => run([ev("AWARD", actors.ministry, { level: "L2", claimedLevel: "L2" })], at.decision()), ev("APPEAL", actors.vendor, { grounds: "x" }), "CONFLICT"],
  ["vendor appeals a suspension", at.suspended, ev("APPEAL", actors.vendor, { grounds: "the complaint was false" }), "ok"],
  ["vendor appeals a revocation", at.revoked, ev("APPEAL", actors.vendor, { grounds: "no fraud" }), "ok"],
  ["vendor appeals a revocation after 30 days", at.revoked, ev("APPEAL", actors.vendor, { grounds: "no fraud" }, plusDays(T0, 30, 1)), "CONFLICT"],
  ["vendor appeals a downgrade", () => run([ev("DOWNGRADE", actors.ministry, { level: "L1", reason: "update" })], at.certified()), ev("APPEAL", actors.vendor, { grounds: "x" }), "ok"],
  ["vendor appeals after reinstatement", () => run([reinstate(["ev-1"])], at.suspended()), ev("APPEAL", actors.vendor, { grounds: "x" }), "CONFLICT"],
  ["the suspending ministry user decides its appeal", () => run([ev("APPEAL", actors.vendor, { grounds: "x" })], at.suspended()), ev("UPHOLD_APPEAL", actors.ministry, { reason: "x" }), "FORBIDDEN"],
  ["another ministry user decides a suspension's appeal", () => run([ev("APPEAL", actors.vendor, { grounds: "x" })], at.suspended()), ev("UPHOLD_APPEAL", actors.ministry2, { reason: "x" }), "ok"],
  ["upholding without reason", at.appeal, ev("UPHOLD_APPEAL", actors.ministry2, { reason: "" }), "INVALID_INPUT", "reason"],

  ["ministry revokes a certified case", at.certified, ev("REVOKE", actors.ministry, { reason: "fraud" }), "ok"],
  ["ministry revokes a suspended case", at.suspended, ev("REVOKE", actors.ministry, { reason: "fraud" }), "ok"],
  ["vendor revokes", at.certified, ev("REVOKE", actors.vendor, { reason: "x" }), "FORBIDDEN"],
  ["revocation without reason", at.certified, ev("REVOKE", actors.ministry, { reason: "" }), "INVALID_INPUT", "reason"],

  ["system expires after validity", at.certified, ev("EXPIRE", actors.system, {}, LATER), "ok"],
  ["system expires exactly at validUntil", at.certified, ev("EXPIRE", actors.system, {}, "2028-03-01T08:00:00.000Z"), "ok"],
  ["system expires a suspended case", at.suspended, ev("EXPIRE", actors.system, {}, LATER), "ok"],
  ["system expires before validity ends", at.certified, ev("EXPIRE", actors.system, {}, "2028-03-01T07:59:59.999Z"), "CONFLICT"],
  ["ministry expires", at.certified, ev("EXPIRE", actors.ministry, {}, LATER), "FORBIDDEN"],

  ["vendor appeals within 30 days", at.rejected, ev("APPEAL", actors.vendor, { grounds: "misread" }, plusDays(T0, 30)), "ok"],
  ["vendor appeals after 30 days", at.rejected, ev("APPEAL", actors.vendor, { grounds: "misread" }, plusDays(T0, 30, 1)), "CONFLICT"],
  ["vendor appeals a second time", () => run([ev("DISMISS_APPEAL", actors.ministry2, { reason: "no" })], at.appeal()), ev("APPEAL", actors.vendor, { grounds: "again" }), "CONFLICT"],
  ["vendor appeals a screening rejection", () => run([ev("REJECT_APPLICATION", actors.secretariat, { reason: "scope" })], at.screening()), ev("APPEAL", actors.vendor, { grounds: "in scope" }), "ok"],
  ["vendor of another org appeals", at.rejected, ev("APPEAL", actors.otherVendor, { grounds: "x" }), "FORBIDDEN"],
  ["appeal without grounds", at.rejected, ev("APPEAL", actors.vendor, { grounds: "" }), "INVALID_INPUT", "grounds"],

  ["another ministry user upholds", at.appeal, ev("UPHOLD_APPEAL", actors.ministry2, { reason: "new evidence" }), "ok"],
  ["the denying ministry user upholds", at.appeal, ev("UPHOLD_APPEAL", actors.ministry, { reason: "new evidence" }), "FORBIDDEN"],
  ["vendor upholds", at.appeal, ev("UPHOLD_APPEAL", actors.vendor, { reason: "x" }), "FORBIDDEN"],
  ["another ministry user dismisses", at.appeal, ev("DISMISS_APPEAL", actors.ministry2, { reason: "no" }), "ok"],
  ["the denying ministry user dismisses", at.appeal, ev("DISMISS_APPEAL", actors.ministry, { reason: "no" }), "FORBIDDEN"],
  ["dismissal without reason", at.appeal, ev("DISMISS_APPEAL", actors.ministry2, { reason: "" }), "INVALID_INPUT", "reason"],
];

describe("rules, both ways", () => {
  it.each(cases)("%s", (_name, snapshot, event, expected, detailKey) => {
    const before = snapshot();
    const { state, context } = readCase(before);
    const check = checkEvent(state, context, event);
    const result = transition(before, event);
    if (expected === "ok") {
      expect(check).toEqual({ ok: true });
      expect(result.changed).toBe(true);
    } else {
      expect(check).toMatchObject({ ok: false, code: expected });
      if (detailKey && !check.ok) expect(check.details).toHaveProperty([detailKey]);
      expect(result.changed).toBe(false);
      expect(result.snapshot).toEqual(before);
    }
  });

  it("covers every event type with an accepted and a refused-for-the-actor case", () => {
    const by = (code: Expect) => new Set(cases.filter((c) => c[3] === code).map((c) => c[2].type));
    const ok = by("ok");
    const forbidden = by("FORBIDDEN");
    expect(EVENT_TYPES.filter((t: EventType) => !ok.has(t) || !forbidden.has(t))).toEqual([]);
  });
});

describe("lifecycle outcomes", () => {
  it("closes the panel when every active panelist voted, recommending the lower median level", () => {
    const r = transition(run([submit, accept, report, assign(["e1", "e2", "e3"]), approve("e1", "L1"), approve("e2", "L3")]), approve("e3", "L2"));
    expect(r.state).toBe("decision");
    expect(r.context.recommendation).toEqual({ verdict: "approve", level: "L2", approve: 3, reject: 0, retest: 0 });
  });

  it("keeps voting open until the last active panelist voted", () => {
    const r = transition(at.voting(), approve("e1"));
    expect(r.state).toBe("review.voting");
    expect(r.context.votes).toHaveLength(1);
  });

  it("sends a retest majority back to testing, where the lab must report again", () => {
    const r = transition(run([submit, accept, report, assign(["e1", "e2", "e3"]), retest("e1"), retest("e2")]), reject("e3"));
    expect(r.state).toBe("testing");
    expect(r.context.recommendation?.verdict).toBe("retest");
    expect(transition(r.snapshot, report).state).toBe("review.forming");
  });

  it("returns to forming when a recusal leaves fewer than panelSize active panelists", () => {
    const r = transition(at.voting(), ev("RECUSE", expertActor("e2"), { reason: "co-author" }));
    expect(r.state).toBe("review.forming");
    expect(r.context.panel.find((s) => s.expertId === "e2")).toMatchObject({ active: false, recuseReason: "co-author" });
    expect(r.context.formerPanelists).toContain("e2");
  });

  it("closes the panel when a recusal leaves only panelists who voted", () => {
    const voted = run([submit, accept, report, assign(["e1", "e2", "e3", "e4"]), approve("e1"), approve("e2"), reject("e3")]);
    const r = transition(voted, ev("RECUSE", expertActor("e4"), { reason: "conflict found" }));
    expect(r.state).toBe("decision");
    expect(r.context.recommendation).toMatchObject({ verdict: "approve", approve: 2, reject: 1 });
  });

  it("drops the vote of a panelist who recuses after voting", () => {
    const voted = run([submit, accept, report, assign(["e1", "e2", "e3", "e4"]), approve("e1")]);
    const r = transition(voted, ev("RECUSE", expertActor("e1"), { reason: "conflict found" }));
    expect(r.state).toBe("review.voting");
    expect(r.context.votes).toEqual([]);
  });

  it("reassigning a panel starts a new round with no votes", () => {
    const r = transition(run([ev("REMAND", actors.ministry, { reason: "thin" })], at.decision()), assign(["e1", "e2", "e3"]));
    expect(r.context).toMatchObject({ round: 2, votes: [], recommendation: null });
    expect(r.context.formerPanelists).toEqual(["e1", "e2", "e3"]);
  });

  it("awards: level, decider, certification time and validity of validityMonths", () => {
    const r = transition(at.decision(), award);
    expect(r.state).toBe("certified");
    expect(r.context).toMatchObject({ awardedLevel: "L2", awardedBy: actors.ministry.id, certifiedAt: T0, validUntil: "2028-03-01T08:00:00.000Z" });
  });

  it("denial records who denied and when; a screening rejection records no denier", () => {
    expect(readCase(at.rejected()).context).toMatchObject({ deniedBy: actors.ministry.id, rejectedAt: T0 });
    const screened = run([ev("REJECT_APPLICATION", actors.secretariat, { reason: "scope" })], at.screening());
    expect(readCase(screened)).toMatchObject({ state: "rejected", context: { deniedBy: null, rejectedAt: T0, rejectionReason: "scope" } });
  });

  it("an upheld appeal goes back to review with a fresh panel, or to screening if there was no lab report", () => {
    const upheld = transition(at.appeal(), ev("UPHOLD_APPEAL", actors.ministry2, { reason: "new evidence" }));
    expect(upheld.state).toBe("review.forming");
    expect(upheld.context).toMatchObject({ needsFreshPanel: true, panel: [], appealed: true });
    const early = run([ev("REJECT_APPLICATION", actors.secretariat, { reason: "scope" }), ev("APPEAL", actors.vendor, { grounds: "in scope" })], at.screening());
    expect(transition(early, ev("UPHOLD_APPEAL", actors.ministry, { reason: "new evidence" })).state).toBe("screening");
  });

  it("an appeal goes where what was appealed says: upheld or dismissed, from each adverse decision", () => {
    const appealed = (snap: PersistedCaseSnapshot) => run([ev("APPEAL", actors.vendor, { grounds: "x" })], snap);
    const uphold = ev("UPHOLD_APPEAL", actors.ministry2, { reason: "yes" });
    const dismiss = ev("DISMISS_APPEAL", actors.ministry2, { reason: "no" });
    const table: [string, () => PersistedCaseSnapshot, string, string][] = [
      ["denial", at.rejected, "review.forming", "rejected"],
      ["level", at.certifiedBelowClaim, "review.forming", "certified"],
      ["suspension", at.suspended, "certified", "suspended"],
      ["revocation", at.revoked, "certified", "revoked"],
    ];
    for (const [kind, snap, upheldTo, dismissedTo] of table) {
      const a = appealed(snap());
      expect(readCase(a).context.pendingAppeal?.kind, kind).toBe(kind);
      expect(transition(a, uphold).state, kind).toBe(upheldTo);
      const d = transition(a, dismiss);
      expect(d.state, kind).toBe(dismissedTo);
      // Once per decision: the dismissed decision cannot be appealed again.
      expect(checkEvent(d.state, d.context, ev("APPEAL", actors.vendor, { grounds: "again" }))).toMatchObject({ ok: false, reason: "ALREADY_APPEALED" });
    }
    // An upheld suspension or revocation clears the suspension.
    const reinstated = transition(appealed(at.suspended()), uphold);
    expect(reinstated.context).toMatchObject({ correctBy: null, suspendedAt: null, adverse: null });
  });

  it("a suspension records its date to correct by; a reinstatement clears it", () => {
    expect(readCase(at.suspended()).context).toMatchObject({ suspendedAt: T0, correctBy: CORRECT_BY, adverse: { kind: "suspension", appealed: false } });
    const back = transition(at.suspended(), reinstate(["ev-1"]));
    expect(back.state).toBe("certified");
    expect(back.context).toMatchObject({ suspendedAt: null, correctBy: null, lastReason: "corrected" });
  });

  it("a downgrade lowers the level and stays certified", () => {
    const r = transition(at.certified(), ev("DOWNGRADE", actors.ministry, { level: "L1", reason: "model update" }));
    expect(r).toMatchObject({ changed: true, state: "certified", context: { awardedLevel: "L1", adverse: { kind: "level" } } });
  });

  it("a report that meets no level goes to review; a denial follows", () => {
    const { state, context } = readCase(at.formingNoLevel());
    expect(state).toBe("review.forming");
    expect(context.labLevel).toBeNull();
  });
});

describe("allowedEvents", () => {
  it("offers a panelist VOTE only until it voted", () => {
    const voting = readCase(at.voting());
    expect(allowedEvents(voting.state, voting.context, expertActor("e1"))).toEqual(["RECUSE", "VOTE"]);
    const voted = readCase(run([approve("e1")], at.voting()));
    expect(allowedEvents(voted.state, voted.context, expertActor("e1"))).toEqual(["RECUSE"]);
    expect(allowedEvents(voted.state, voted.context, actors.vendor)).toEqual(["WITHDRAW"]);
  });

  it("offers APPEAL once, and within the window when a time is given", () => {
    const rejected = readCase(at.rejected());
    expect(allowedEvents(rejected.state, rejected.context, actors.vendor)).toEqual(["APPEAL"]);
    expect(allowedEvents(rejected.state, rejected.context, actors.vendor, plusDays(T0, 31))).toEqual([]);
    const dismissed = readCase(run([ev("DISMISS_APPEAL", actors.ministry2, { reason: "no" })], at.appeal()));
    expect(allowedEvents(dismissed.state, dismissed.context, actors.vendor)).toEqual([]);
  });

  it("offers the ministry the decisions, except to a panelist", () => {
    const d = readCase(at.decision());
    expect(allowedEvents(d.state, d.context, actors.ministry)).toEqual(["AWARD", "DENY", "REMAND"]);
    const onPanel = readCase(at.decisionWithMinistryOnPanel());
    expect(allowedEvents(onPanel.state, onPanel.context, actors.ministry)).toEqual(["REMAND"]);
  });
});

describe("conflicts remembered per case", () => {
  const seat = (barred: { recused: string[]; appealedPanel: string[] }) =>
    ev("ASSIGN_PANEL", actors.secretariat, { expertIds: ["e1", "e2", "e3"], experts: expertFacts(["e1", "e2", "e3"]), barred });
  it("names the recused expert with the stable reason EXPERT_RECUSED, and the machine refuses too", () => {
    const snap = at.forming();
    const r = checkEvent("review.forming", snap.context, seat({ recused: ["e2"], appealedPanel: [] }));
    expect(r).toMatchObject({ ok: false, code: "INVALID_INPUT", details: { reason: "EXPERT_RECUSED", "expertIds.1": expect.stringContaining("e2") } });
    expect(transition(snap, seat({ recused: ["e2"], appealedPanel: [] })).changed).toBe(false);
  });
  it("names a panelist from before the appeal with EXPERT_ON_APPEALED_PANEL, even once a fresh panel was seated", () => {
    // After an upheld appeal a fresh panel sat, then a recusal sent the case back to forming: the
    // machine's own needsFreshPanel is spent, the remembered bar still holds.
    const reformed = run(
      [ev("UPHOLD_APPEAL", actors.ministry2, { reason: "new evidence" }), assign(["e4", "e5", "e6"]), ev("RECUSE", expertActor("e6"), { reason: "conflict" })],
      at.appeal(),
    );
    expect(readCase(reformed).state).toBe("review.forming");
    expect(checkEvent("review.forming", reformed.context, seat({ recused: [], appealedPanel: [] })).ok).toBe(true);
    const r = checkEvent("review.forming", reformed.context, seat({ recused: ["e6"], appealedPanel: ["e1", "e2", "e3"] }));
    expect(r).toMatchObject({ ok: false, details: { reason: "EXPERT_ON_APPEALED_PANEL", "expertIds.0": expect.stringContaining("e1") } });
  });
});
