// Decisive acts (AWARD, REVOKE, publishing a scheme, role changes) need a password entered in the
// last 15 minutes; API tokens never do them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import { caseIn, seedWorld, send, type World } from "@/test/world";
import { approveScheme, createDraft, proposeScheme, publishScheme } from "@/lib/schemes";
import { changeRole } from "@/lib/admin/change-role";
import { makeSessionUser } from "@/test/users";
import { REAUTH_MAX_AGE_MS } from "./reauth";
import { refusal } from "@/test/refusal";

let t: TestDatabase;
let w: World;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
});
afterAll(async () => t.drop());

const signedInAgo = (u: SessionUser, ms: number): SessionUser => ({ ...u, via: "session", authAt: Date.now() - ms });
const viaToken = (u: SessionUser): SessionUser => ({ ...u, via: "token" });
const STALE = REAUTH_MAX_AGE_MS + 60_000;

describe("re-authentication for decisive acts", () => {
  it("AWARD: a sign-in older than 15 minutes is refused with REAUTH_REQUIRED and changes nothing; a fresh one passes", async () => {
    const id = await caseIn(w, "decision");
    const before = await db().case.findUniqueOrThrow({ where: { id } });
    const e = await refusal(send(signedInAgo(w.users.ministry1, STALE), id, "AWARD", { level: "L3" }));
    expect(e.code).toBe("UNAUTHENTICATED");
    expect(e.status).toBe(401);
    expect(e.details).toMatchObject({ reason: "REAUTH_REQUIRED" });
    const after = await db().case.findUniqueOrThrow({ where: { id } });
    expect(after.version).toBe(before.version);
    expect(after.state).toBe("decision");
    // A session with no sign-in time at all is as old as can be.
    expect((await refusal(send({ ...w.users.ministry1, via: "session" }, id, "AWARD", { level: "L3" }))).details?.reason).toBe("REAUTH_REQUIRED");

    await send(signedInAgo(w.users.ministry1, 60_000), id, "AWARD", { level: "L3" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("certified");
  });

  it("REVOKE through an API token is refused (403 REAUTH_REQUIRED), through a fresh session it passes", async () => {
    const id = await caseIn(w, "certified");
    const e = await refusal(send(viaToken(w.users.ministry1), id, "REVOKE", { reason: "Tampered firmware" }));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.details).toMatchObject({ reason: "REAUTH_REQUIRED" });
    expect((await refusal(send(signedInAgo(w.users.ministry1, STALE), id, "REVOKE", { reason: "Tampered firmware" }))).details?.reason).toBe(
      "REAUTH_REQUIRED",
    );
    await send(signedInAgo(w.users.ministry1, 1000), id, "REVOKE", { reason: "Tampered firmware" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("revoked");
  });

  it("other events do not ask: a long session still votes, and permission is checked first", async () => {
    const id = await caseIn(w, "review.voting");
    await send(signedInAgo(w.users.expert1, 10 * 60 * 60 * 1000), id, "VOTE", { verdict: "approve", level: "L3", rationale: "Fine" });
    // A vendor sending AWARD is refused for the role, not asked for a password.
    const d = await caseIn(w, "decision");
    const e = await refusal(send(signedInAgo(w.users.vendorA, STALE), d, "AWARD", { level: "L3" }));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.details?.reason).toBe("NOT_PERMITTED");
  });

  it("approving and publishing a scheme", async () => {
    const draft = await createDraft(w.users.secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.9" });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await proposeScheme(w.users.secretariat, draft.schemeId, draft.version, { commentsUntil: today });
    const where = { schemeId_version: { schemeId: "phone", version: "2026.9" } };
    // The comment period has passed.
    await db().schemeVersion.update({ where, data: { commentsUntil: new Date(Date.now() - 1000) } });
    expect((await refusal(approveScheme(signedInAgo(w.users.ministry1, STALE), "phone", "2026.9"))).details?.reason).toBe("REAUTH_REQUIRED");
    await approveScheme(signedInAgo(w.users.ministry1, 5000), "phone", "2026.9");
    const input = { effectiveFrom: today, transitionUntil: today };
    const e = await refusal(publishScheme(signedInAgo(w.users.secretariat, STALE), draft.schemeId, draft.version, input));
    expect(e.details?.reason).toBe("REAUTH_REQUIRED");
    expect((await refusal(publishScheme(viaToken(w.users.secretariat), draft.schemeId, draft.version, input))).details?.reason).toBe("REAUTH_REQUIRED");
    expect((await db().schemeVersion.findUniqueOrThrow({ where })).status).toBe("approved");
    const published = await publishScheme(signedInAgo(w.users.secretariat, 5000), draft.schemeId, draft.version, input);
    expect(published.status).toBe("published");
  });

  it("changing a role", async () => {
    const person = await makeSessionUser("expert");
    const e = await refusal(changeRole(signedInAgo(w.users.admin, STALE), { userId: person.id, role: "secretariat" }));
    expect(e.details?.reason).toBe("REAUTH_REQUIRED");
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("expert");
    await changeRole(signedInAgo(w.users.admin, 5000), { userId: person.id, role: "secretariat" });
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).role).toBe("secretariat");
  });
});
