// Conflicts are remembered per case: a recused expert never sits on that case's panel again, and the
// panelists of an appealed decision stay off every later panel, however the case got back to forming.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import { eligibleExperts, notOffered } from "./eligible";
import { declareConflict, declaredExperts, inForce, listMyConflicts, withdrawConflict } from "@/lib/conflicts/declarations";
import { refusal } from "@/test/refusal";

let t: TestDatabase;
let w: World;
const extra: SessionUser[] = [];
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  const e1 = await db().user.findUniqueOrThrow({ where: { id: w.users.expert1.id }, include: { organization: true } });
  for (const n of [6, 7, 8]) {
    const u = await db().user.create({ data: { email: `expert-${n}@test.zhiji`, name: `Expert ${n}`, role: "expert", organizationId: e1.organizationId } });
    extra.push({ id: u.id, email: u.email, name: u.name, role: "expert", organizationId: u.organizationId, organizationName: e1.organization.name });
  }
}, 120_000);
afterAll(async () => t?.drop());

describe(`conflicts remembered (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("a recused expert is refused on the re-formed panel, by name and reason; the others may sit", async () => {
    const { expert1: e1, expert2: e2, expert3: e3, expert4: e4, secretariat: sec } = w.users;
    const id = await caseIn(w, "review.voting");
    await send(e2, id, "RECUSE", { reason: "Consulted for the vendor" });
    const before = await db().case.findUniqueOrThrow({ where: { id } });
    const e = await refusal(send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e2.id, e3.id] }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.details).toMatchObject({ reason: "EXPERT_RECUSED", "expertIds.1": expect.stringContaining(e2.id) });
    const after = await db().case.findUniqueOrThrow({ where: { id } });
    expect({ version: after.version, state: after.state }).toEqual({ version: before.version, state: before.state });
    const choices = await eligibleExperts(sec, id);
    expect(choices.find((x) => x.id === e2.id)).toMatchObject({ conflict: "recused", selectable: false });
    expect(choices.find((x) => x.id === e1.id)).toMatchObject({ conflict: null, selectable: true });
    await send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e3.id, e4.id] });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.voting");
  });

  it("the panelists of an appealed decision stay excluded after the fresh panel falls apart", async () => {
    const { expert1: e1, expert4: e4, secretariat: sec, vendorA, ministry1, ministry2 } = w.users;
    const [e6, e7, e8] = extra;
    const id = await caseIn(w, "decision");
    await send(ministry1, id, "DENY", { reason: "Evidence inconsistent" });
    await send(vendorA, id, "APPEAL", { grounds: "Re-measured" });
    await send(ministry2, id, "UPHOLD_APPEAL", { reason: "New evidence" });
    await send(sec, id, "ASSIGN_PANEL", { expertIds: [e4.id, e6.id, e7.id] });
    await send(e7, id, "RECUSE", { reason: "Former colleague of the lab lead" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.forming");

    const e = await refusal(send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e4.id, e6.id] }));
    expect(e.details).toMatchObject({ reason: "EXPERT_ON_APPEALED_PANEL", "expertIds.0": expect.stringContaining(e1.id) });
    const r = await refusal(send(sec, id, "ASSIGN_PANEL", { expertIds: [e7.id, e4.id, e6.id] }));
    expect(r.details).toMatchObject({ reason: "EXPERT_RECUSED" });
    const choices = await eligibleExperts(sec, id);
    expect(choices.find((x) => x.id === e1.id)).toMatchObject({ formerPanelist: true, selectable: false });
    expect(choices.find((x) => x.id === e7.id)).toMatchObject({ conflict: "recused", selectable: false });
    expect(choices.find((x) => x.id === e4.id)).toMatchObject({ selectable: true });

    await send(sec, id, "ASSIGN_PANEL", { expertIds: [e4.id, e6.id, e8.id] });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.voting");
  });

  it("a declaration is in force from its first day until its last, and not once withdrawn", () => {
    const d = (from: string, until: string | null, withdrawn: string | null = null) => ({
      declaredFrom: new Date(from),
      declaredUntil: until ? new Date(until) : null,
      withdrawnAt: withdrawn ? new Date(withdrawn) : null,
    });
    const at = new Date("2026-06-15T12:00:00Z");
    expect(inForce(d("2026-01-01T00:00:00Z", null), at)).toBe(true);
    expect(inForce(d("2026-01-01T00:00:00Z", "2026-06-15T23:59:59.999Z"), at)).toBe(true);
    // Expired, not yet begun, withdrawn before: not in force.
    expect(inForce(d("2026-01-01T00:00:00Z", "2026-06-14T23:59:59.999Z"), at)).toBe(false);
    expect(inForce(d("2026-06-16T00:00:00Z", null), at)).toBe(false);
    expect(inForce(d("2026-01-01T00:00:00Z", null, "2026-06-01T00:00:00Z"), at)).toBe(false);
    // Withdrawn later: it was in force at `at` (history is kept).
    expect(inForce(d("2026-01-01T00:00:00Z", null, "2026-07-01T00:00:00Z"), at)).toBe(true);
  });

  it("declared conflicts: in force, expired and withdrawn, as the panel rule and the choices see them", async () => {
    const { expert1: e1, expert2: e2, expert3: e3, expert4: e4, secretariat: sec, vendorA } = w.users;
    const [e6] = extra;
    const id = await caseIn(w, "review.forming");
    const vendorOrg = vendorA.organizationId;
    const labOrg = w.orgs["Lab One"].id;
    const seqBefore = await db().auditEvent.count();
    // e4: with the vendor, in force. e6: with the lab, expired yesterday. e3: with the lab, withdrawn.
    await declareConflict(e4, { organizationId: vendorOrg, kind: "client", note: "Advised on their assistant", declaredFrom: "2025-01-01" });
    await declareConflict(e6, { organizationId: labOrg, kind: "employer", declaredFrom: "2024-01-01", declaredUntil: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });
    const withdrawn = await declareConflict(e3, { organizationId: labOrg, kind: "competitor_advised", declaredFrom: "2025-01-01" });
    await withdrawConflict(e3, withdrawn.id);
    // Every declaration and withdrawal is in the audit chain, without a case.
    const audit = await db().auditEvent.findMany({ where: { type: { in: ["CONFLICT_DECLARED", "CONFLICT_WITHDRAWN"] } }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.type, a.caseId])).toEqual([
      ["CONFLICT_DECLARED", null],
      ["CONFLICT_DECLARED", null],
      ["CONFLICT_DECLARED", null],
      ["CONFLICT_WITHDRAWN", null],
    ]);
    expect(await db().auditEvent.count()).toBe(seqBefore + 4);
    // The withdrawn row stays, with its date; a second withdrawal is refused.
    const mine = await listMyConflicts(e3);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: withdrawn.id, inForce: false });
    expect(mine[0].withdrawnAt).not.toBeNull();
    expect((await refusal(withdrawConflict(e3, withdrawn.id))).reason).toBe("CONFLICT_ALREADY_WITHDRAWN");
    expect((await refusal(withdrawConflict(e4, withdrawn.id))).reason).toBe("CONFLICT_NOT_FOUND");
    expect(await declaredExperts(db(), [vendorOrg, labOrg], new Date())).toEqual([e4.id]);

    // ASSIGN_PANEL with the declared expert: refused by name and reason, nothing changes.
    const before = await db().case.findUniqueOrThrow({ where: { id } });
    const auditBefore = await db().auditEvent.count();
    const seatsBefore = await db().panelMember.count({ where: { caseId: id } });
    const e = await refusal(send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e4.id, e2.id] }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.reason).toBe("EXPERT_DECLARED_CONFLICT");
    expect(e.details).toMatchObject({ reason: "EXPERT_DECLARED_CONFLICT", "expertIds.1": expect.stringContaining(e4.id) });
    const after = await db().case.findUniqueOrThrow({ where: { id } });
    expect({ version: after.version, state: after.state }).toEqual({ version: before.version, state: before.state });
    expect(await db().auditEvent.count()).toBe(auditBefore);
    expect(await db().panelMember.count({ where: { caseId: id } })).toBe(seatsBefore);

    // The choices leave the declared expert out and say why; expired and withdrawn ones are offered.
    const choices = await eligibleExperts(sec, id);
    expect(choices.find((x) => x.id === e4.id)).toMatchObject({ conflict: "declared", selectable: false });
    expect(choices.find((x) => x.id === e6.id)).toMatchObject({ conflict: null, selectable: true });
    expect(choices.find((x) => x.id === e3.id)).toMatchObject({ conflict: null, selectable: true });
    const explained = notOffered(choices);
    expect(explained.find((x) => x.id === e4.id)?.reasons).toEqual(["declared"]);
    expect(explained.find((x) => x.id === w.users.expert5.id)?.reasons).toEqual(["vendor"]);
    expect(explained.some((x) => x.id === e6.id || x.id === e3.id)).toBe(false);

    // Expired and withdrawn declarations do not bar: e3 and e6 may sit.
    await send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e3.id, e6.id] });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.voting");
  });

  it("refuses a declaration by a non-expert, about an organisation that is no vendor or lab, or ending before it starts", async () => {
    const { expert1: e1, secretariat: sec, vendorA } = w.users;
    expect((await refusal(declareConflict(sec, { organizationId: vendorA.organizationId, kind: "client", declaredFrom: "2025-01-01" }))).reason).toBe("NOT_PERMITTED");
    expect((await refusal(declareConflict(e1, { organizationId: sec.organizationId, kind: "client", declaredFrom: "2025-01-01" }))).reason).toBe("CONFLICT_ORG_UNKNOWN");
    expect((await refusal(declareConflict(e1, { organizationId: vendorA.organizationId, kind: "client", declaredFrom: "2025-02-01", declaredUntil: "2025-01-01" }))).reason).toBe("CONFLICT_DATES_INVALID");
    await expect(declareConflict(e1, { organizationId: vendorA.organizationId, kind: "friend", declaredFrom: "2025-01-01" })).rejects.toThrow();
  });
});
