import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, sampleReport, WORLD_VERSION, type World } from "@/test/world";
import { db } from "@/lib/db";
import { ensureAccreditation, ensureAffiliation, ensureUser } from "@/prisma/seed/factories";
import { createCase } from "./create-case";
import { saveLabReport } from "./save-lab-report";
import { eligibleExperts, eligibleLabs } from "./eligible";
import type { SessionUser } from "@/lib/permissions";

let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
}, 120_000);
afterAll(async () => t?.drop());

const DAY = 24 * 3600 * 1000;

describe(`who the secretariat may choose for a case (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("offers only labs whose accreditation for the category is in force now", async () => {
    const id = await caseIn(w, "screening", { schemeId: "glasses" });
    // Lab Two is not accredited for glasses in the demo data; give it one that has run out.
    await ensureAccreditation(db(), {
      labOrgId: w.orgs["Lab Two"].id,
      category: "glasses",
      validFrom: new Date(Date.now() - 400 * DAY),
      validUntil: new Date(Date.now() - DAY),
    });
    const labs = await eligibleLabs(w.users.secretariat, id);
    expect(labs.map((l) => l.name)).toEqual(["Lab One"]);

    // One that has not started yet is not offered either; on its first day it is.
    const from = new Date(Date.now() + 10 * DAY);
    await db().labAccreditation.update({
      where: { labOrgId_category: { labOrgId: w.orgs["Lab Two"].id, category: "glasses" } },
      data: { validFrom: from, validUntil: new Date(Date.now() + 400 * DAY) },
    });
    expect((await eligibleLabs(w.users.secretariat, id)).map((l) => l.name)).toEqual(["Lab One"]);
    expect((await eligibleLabs(w.users.secretariat, id, from)).map((l) => l.name)).toEqual(["Lab One", "Lab Two"]);
  });

  it("never offers the vendor's own organisation as the lab", async () => {
    // A vendor account inside a lab organisation: its own lab may not test its product.
    const row = await ensureUser(db(), { email: `lab-vendor-${Date.now()}@test.zhiji`, name: "Lab Two product team", role: "vendor", organizationId: w.orgs["Lab Two"].id });
    const labVendor: SessionUser = { id: row.id, email: row.email, name: row.name, role: "vendor", organizationId: w.orgs["Lab Two"].id, organizationName: "Lab Two" };
    const c = await createCase(labVendor, { schemeId: "phone", product: { name: "Lab phone", model: "LP-1", softwareVersion: "1.0" }, claimedLevel: "L1" });
    expect((await eligibleLabs(w.users.secretariat, c.id)).map((l) => l.name)).toEqual(["Lab One"]);
    const phoneCase = await caseIn(w, "screening");
    expect((await eligibleLabs(w.users.secretariat, phoneCase)).map((l) => l.name)).toEqual(["Lab One", "Lab Two"]);
  });

  it("flags the vendor-affiliated expert and the lab-affiliated expert as conflicted", async () => {
    const id = await caseIn(w, "review.forming");
    await ensureAffiliation(db(), w.users.expert4.id, w.orgs["Lab One"].id, "Visiting researcher at Lab One");
    try {
      const experts = await eligibleExperts(w.users.secretariat, id);
      const by = (id: string) => experts.find((e) => e.id === id)!;
      expect(experts).toHaveLength(8);
      expect(by(w.users.expert5.id)).toMatchObject({ conflict: "vendor", selectable: false });
      expect(by(w.users.expert4.id)).toMatchObject({ conflict: "lab", selectable: false });
      expect(by(w.users.expert1.id)).toMatchObject({ conflict: null, formerPanelist: false, selectable: true });
      // The conflicted come last.
      expect(experts.slice(-2).map((e) => e.selectable)).toEqual([false, false]);
    } finally {
      await db().expertAffiliation.deleteMany({ where: { userId: w.users.expert4.id, organizationId: w.orgs["Lab One"].id } });
    }
  });

  it("counts each expert's active seats on the current panels of cases being voted on", async () => {
    const probe = await caseIn(w, "review.forming");
    const loads = async () => new Map((await eligibleExperts(w.users.secretariat, probe)).map((e) => [e.id, e.load]));
    const before = await loads();
    const { expert1, expert2, expert3, expert4 } = w.users;
    const delta = async () => {
      const now = await loads();
      return [expert1, expert2, expert3, expert4].map((e) => (now.get(e.id) ?? 0) - (before.get(e.id) ?? 0));
    };

    await caseIn(w, "review.voting"); // experts 1–3
    await caseIn(w, "decision"); // panel closed: no load
    expect(await delta()).toEqual([1, 1, 1, 0]);

    // A four-member panel where expert 4 recuses: the panel keeps voting, the recused seat is no load.
    const four = await caseIn(w, "review.forming");
    await send(w.users.secretariat, four, "ASSIGN_PANEL", { expertIds: [expert1.id, expert2.id, expert3.id, expert4.id] });
    await send(expert4, four, "RECUSE", { reason: "Reviewed a competing product last month" });
    expect((await db().case.findUniqueOrThrow({ where: { id: four } })).state).toBe("review.voting");
    expect(await delta()).toEqual([2, 2, 2, 0]);

    // A retest sends the case back to the lab; its new panel (round 2) is what counts, not round 1's seats.
    const retest = await caseIn(w, "review.voting");
    expect(await delta()).toEqual([3, 3, 3, 0]);
    for (const e of [expert1, expert2, expert3]) await send(e, retest, "VOTE", { verdict: "retest", rationale: "Noise test set-up unclear" });
    await saveLabReport(w.users.lab1, retest, sampleReport("phone", "L2", WORLD_VERSION));
    await send(w.users.lab1, retest, "SUBMIT_REPORT");
    await send(w.users.secretariat, retest, "ASSIGN_PANEL", { expertIds: [expert1.id, expert2.id, expert4.id] });
    expect(await delta()).toEqual([3, 3, 2, 1]);
  });

  it("flags the former panelists once an upheld appeal asks for a new panel", async () => {
    const id = await caseIn(w, "decision");
    await send(w.users.ministry1, id, "DENY", { reason: "Evidence inconsistent" });
    await send(w.users.vendorA, id, "APPEAL", { grounds: "Re-measured" });
    await send(w.users.ministry2, id, "UPHOLD_APPEAL", { reason: "New evidence" });
    const experts = await eligibleExperts(w.users.secretariat, id);
    const former = experts.filter((e) => e.formerPanelist).map((e) => e.id).sort();
    expect(former).toEqual([w.users.expert1.id, w.users.expert2.id, w.users.expert3.id].sort());
    const fresh = [w.users.expert4, w.users.expert6, w.users.expert7, w.users.expert8].map((e) => e.id).sort();
    expect(experts.filter((e) => e.selectable).map((e) => e.id).sort()).toEqual(fresh);
  });

  it("is only for the secretariat, and only for cases it may see", async () => {
    const id = await caseIn(w, "screening");
    await expect(eligibleLabs(w.users.vendorA, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(eligibleExperts(w.users.ministry1, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(eligibleLabs(w.users.secretariat, "no-such-case")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
