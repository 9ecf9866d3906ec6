// The inbox's governance tasks (docs/domain.md#scheme-governance): who sees which, and only while
// the step would be accepted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { seededScheme } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import { ensurePublishedScheme } from "@/prisma/seed/factories";
import { answerComment, approveScheme, commentOnScheme, createDraft, proposeScheme, publishScheme, setCommentPeriod } from "@/lib/schemes";
import { portalDay } from "@/lib/schemes/versions";
import { countSchemeTasks, listSchemeTasks } from "./scheme-tasks";

let t: TestDatabase;
let secretariat: SessionUser, ministry: SessionUser, vendor: SessionUser, lab: SessionUser, expert: SessionUser, admin: SessionUser;
const DAY = 86_400_000;
const day = (offset: number) => portalDay(new Date(Date.now() + offset * DAY));
const kinds = async (u: SessionUser, now = new Date()) => (await listSchemeTasks(u, now)).map((x) => `${x.kind} ${x.version}${x.count ? ` ×${x.count}` : ""}`);
const where = (version: string) => ({ schemeId_version: { schemeId: "phone", version } });

beforeAll(async () => {
  t = await useFreshDatabase();
  [secretariat, ministry, vendor, lab, expert, admin] = await Promise.all(
    (["secretariat", "ministry", "vendor", "lab", "expert", "admin"] as const).map((r) => makeSessionUser(r)),
  );
  await ensurePublishedScheme(db(), seededScheme("phone")!);
});
afterAll(async () => t.drop());

describe("scheme governance tasks in the inbox", () => {
  it("gives each role the steps it may take now, and nothing for drafts", async () => {
    await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.40" });
    for (const u of [secretariat, ministry, vendor, lab, expert, admin]) expect(await kinds(u)).toEqual([]);

    // Proposed: experts, labs and vendors may comment until the end of the period; the link is the public version page.
    await proposeScheme(secretariat, "phone", "2026.40", { commentsUntil: day(7) });
    for (const u of [vendor, lab, expert]) expect(await kinds(u)).toEqual(["commentOnScheme 2026.40"]);
    const [task] = await listSchemeTasks(vendor);
    expect(task).toMatchObject({ schemeId: "phone", category: "phone", commentsUntil: day(7), href: "/schemes/phone/2026.40" });
    for (const u of [secretariat, ministry, admin]) expect(await kinds(u)).toEqual([]);

    // Comments: the author counts its own; the secretariat has them to answer, on its own version page.
    await commentOnScheme(vendor, "phone", "2026.40", { text: "One." });
    await commentOnScheme(vendor, "phone", "2026.40", { text: "Two." });
    await commentOnScheme(expert, "phone", "2026.40", { text: "Three." });
    expect(await kinds(vendor)).toEqual(["commentOnScheme 2026.40 ×2"]);
    expect(await kinds(lab)).toEqual(["commentOnScheme 2026.40"]);
    expect(await kinds(secretariat)).toEqual(["answerComments 2026.40 ×3"]);
    expect((await listSchemeTasks(secretariat))[0].href).toBe("/secretariat/schemes/phone/2026.40");

    // The period ends: no more commenting; the ministry waits while comments are unanswered.
    const later = new Date(Date.now() + 8 * DAY);
    for (const u of [vendor, lab, expert]) expect(await kinds(u, later)).toEqual([]);
    expect(await kinds(ministry, later)).toEqual([]);
    const open = await db().schemeComment.findMany({ where: { answeredAt: null } });
    for (const x of open) await answerComment(secretariat, "phone", "2026.40", x.id, { answer: "Noted." });
    expect(await kinds(secretariat, later)).toEqual([]);
    expect(await kinds(ministry)).toEqual([]); // the period still runs today
    expect(await kinds(ministry, later)).toEqual(["approveScheme 2026.40"]);
    expect(await countSchemeTasks(ministry, later)).toBe(1);

    // Approved: the secretariat publishes; nobody else has anything to do.
    await approveScheme(ministry, "phone", "2026.40", later);
    expect(await kinds(secretariat)).toEqual(["publishScheme 2026.40"]);
    for (const u of [ministry, vendor, lab, expert, admin]) expect(await kinds(u)).toEqual([]);
    await publishScheme(secretariat, "phone", "2026.40", { effectiveFrom: day(0), transitionUntil: day(30) });
    for (const u of [secretariat, ministry, vendor, lab, expert, admin]) expect(await kinds(u)).toEqual([]);
  });

  it("asks the secretariat to set the end of a proposal that has none, while participants may comment", async () => {
    await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.41" });
    await db().schemeVersion.update({ where: where("2026.41"), data: { status: "proposed", proposedAt: new Date(), commentsUntil: null } });
    expect(await kinds(secretariat)).toEqual(["setCommentPeriod 2026.41"]);
    expect(await kinds(vendor)).toEqual(["commentOnScheme 2026.41"]);
    // Without an end the ministry cannot approve, even a year later.
    expect(await kinds(ministry, new Date(Date.now() + 365 * DAY))).toEqual([]);
    await setCommentPeriod(secretariat, "phone", "2026.41", { commentsUntil: day(3) });
    expect(await kinds(secretariat)).toEqual([]);
    expect(await kinds(ministry, new Date(Date.now() + 4 * DAY))).toEqual(["approveScheme 2026.41"]);
  });
});
