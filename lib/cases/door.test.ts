// The door's cheaper path (docs/performance.md#the-door-what-was-done), on a real database: the case
// it answers with is the case as stored (it is no longer read again after the commit), the route's
// answer is the view a fresh read gives, and the audit chain holds when the head the process
// remembers is stale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, correctByIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { appendAuditEvent, verifyAuditChain } from "@/lib/audit/chain";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { registerCertificateJobs } from "@/lib/certificates/register";
import { CASE_INCLUDE } from "./load-case";
import { sendEvent } from "./send-event";
import { getCase } from "./get-case";

let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  registerCertificateJobs();
}, 120_000);
afterAll(async () => t?.drop());

const stored = (id: string) => db().case.findUniqueOrThrow({ where: { id }, include: CASE_INCLUDE });

describe(`the door's answer (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("is the case as stored: the new lab after ACCEPT, the certificate's new status after SUSPEND", async () => {
    const id = await caseIn(w, "screening");
    const accepted = await send(w.users.secretariat, id, "ACCEPT", { labId: w.orgs["Lab One"].id });
    expect(accepted.case.lab?.id).toBe(w.orgs["Lab One"].id);
    expect(accepted.case).toEqual(await stored(id));

    const certified = await caseIn(w, "certified", { level: "L2" });
    await runOutboxOnce();
    expect((await stored(certified)).certificates[0]?.status).toBe("valid");
    const suspended = await send(w.users.ministry1, certified, "SUSPEND", { reason: "Pending re-test", correctBy: correctByIn(30) });
    expect(suspended.case.certificates[0]?.status).toBe("suspended");
    expect(suspended.case).toEqual(await stored(certified));
  }, 120_000);

  it("through the route is the view a fresh read gives, for the sender's role", async () => {
    const id = await caseIn(w, "draft");
    const c = await stored(id);
    expect(await sendEvent(w.users.vendorA, id, { type: "SUBMIT", expectedVersion: c.version })).toEqual(await getCase(w.users.vendorA, id));

    const voting = await caseIn(w, "review.voting");
    const v = await stored(voting);
    const { users } = w;
    const answer = await sendEvent(users.expert1, voting, { type: "VOTE", expectedVersion: v.version, verdict: "approve", level: "L3", rationale: "Fits L3" });
    expect(answer).toEqual(await getCase(users.expert1, voting));
    expect(answer.votes).toHaveLength(1);
  }, 120_000);

  it("keeps one unbroken chain when the head it remembers was rolled back", async () => {
    const id = await caseIn(w, "draft");
    // An append whose transaction rolls back leaves this process remembering a head that was never stored.
    await expect(
      db().$transaction(async (tx) => {
        await appendAuditEvent(tx, { caseId: id, actorId: null, actorRole: "system", type: "SUBMIT", payload: { note: "rolled back" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await send(w.users.vendorA, id, "SUBMIT");
    await send(w.users.secretariat, id, "ACCEPT", { labId: w.orgs["Lab One"].id });
    const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const last = await db().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect([head.seq, head.hash]).toEqual([last.seq, last.hash]);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  }, 120_000);
});
