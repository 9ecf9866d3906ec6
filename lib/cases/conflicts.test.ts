// Conflicts are remembered per case: a recused expert never sits on that case's panel again, and the
// panelists of an appealed decision stay off every later panel, however the case got back to forming.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { eligibleExperts } from "./eligible";

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

async function refusal(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

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
    await send(vendorA, id, "APPEAL", { reason: "Re-measured" });
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
});
