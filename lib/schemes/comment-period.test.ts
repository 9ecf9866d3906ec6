// Setting or extending a proposed version's comment period (docs/domain.md#scheme-governance): a
// proposal made without an end gets one and can then be approved; a bad day is refused by its code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { refusal } from "@/test/refusal";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/chain";
import { seededScheme } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import { ensurePublishedScheme } from "@/prisma/seed/factories";
import { approveScheme, createDraft, getScheme, proposeScheme, setCommentPeriod } from "./index";
import { portalDay } from "./versions";

let t: TestDatabase;
let secretariat: SessionUser, ministry: SessionUser, vendor: SessionUser;

const DAY = 86_400_000;
const day = (offsetDays: number, from = Date.now()) => portalDay(new Date(from + offsetDays * DAY));
const where = (version: string) => ({ schemeId_version: { schemeId: "phone", version } });
const field = async (p: Promise<unknown>) => (await refusal(p)).fields?.commentsUntil?.reason;

beforeAll(async () => {
  t = await useFreshDatabase();
  [secretariat, ministry, vendor] = await Promise.all((["secretariat", "ministry", "vendor"] as const).map((r) => makeSessionUser(r)));
  await ensurePublishedScheme(db(), seededScheme("phone")!);
});
afterAll(async () => t.drop());

describe("the comment period of a proposed version", () => {
  it("sets the end of a proposal that has none, after which it can be approved", async () => {
    await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.30" });
    // A proposal made outside the propose step, ten days ago, without an end.
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    await db().schemeVersion.update({ where: where("2026.30"), data: { status: "proposed", proposedAt: tenDaysAgo, commentsUntil: null } });
    expect(await refusal(approveScheme(ministry, "phone", "2026.30"))).toMatchObject({ reason: "SCHEME_COMMENT_PERIOD_OPEN" });

    // Only the secretariat; a real day; not before the proposal, not past, not too far.
    expect((await refusal(setCommentPeriod(vendor, "phone", "2026.30", { commentsUntil: day(7) }))).code).toBe("FORBIDDEN");
    expect((await refusal(setCommentPeriod(ministry, "phone", "2026.30", { commentsUntil: day(7) }))).code).toBe("FORBIDDEN");
    expect(await field(setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: "2026-02-30" }))).toBe("SCHEME_DATE_FORMAT");
    expect((await refusal(setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: day(7), extra: 1 }))).code).toBe("INVALID_INPUT");
    expect(await field(setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: day(-11) }))).toBe("SCHEME_COMMENTS_UNTIL_BEFORE_PROPOSAL");
    const past = await refusal(setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: day(-1) }));
    expect(past.fields?.commentsUntil).toMatchObject({ reason: "SCHEME_COMMENTS_UNTIL_PAST", params: { day: day(-1), today: day(0) } });
    expect(await field(setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: day(181) }))).toBe("SCHEME_COMMENTS_UNTIL_RANGE");

    // Today is allowed: the period then ends tonight.
    const set = await setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: day(0) });
    expect(set).toMatchObject({ status: "proposed", commentsUntil: day(0) });
    expect((await getScheme(vendor, "phone", "2026.30")).commentsUntil).toBe(day(0));

    // Never shortened, not even to the same day.
    expect(await refusal(setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: day(0) }))).toMatchObject({
      fields: { commentsUntil: { reason: "SCHEME_COMMENTS_UNTIL_NOT_LATER", params: { until: day(0) } } },
    });

    // Once the day has passed (a day later), the ministry may approve: no comments to answer.
    const tomorrow = new Date(Date.now() + DAY);
    const approved = await approveScheme(ministry, "phone", "2026.30", tomorrow);
    expect(approved.status).toBe("approved");
    // An approved version's period is closed for good.
    expect(await refusal(setCommentPeriod(secretariat, "phone", "2026.30", { commentsUntil: day(7) }))).toMatchObject({ reason: "SCHEME_NOT_PROPOSED" });
  });

  it("extends a running or ended period, audited with the previous end", async () => {
    await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.31" });
    await proposeScheme(secretariat, "phone", "2026.31", { commentsUntil: day(5) });
    expect(await field(setCommentPeriod(secretariat, "phone", "2026.31", { commentsUntil: day(3) }))).toBe("SCHEME_COMMENTS_UNTIL_NOT_LATER");
    expect((await setCommentPeriod(secretariat, "phone", "2026.31", { commentsUntil: day(20) })).commentsUntil).toBe(day(20));
    // A draft has no period to set.
    await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.32" });
    expect(await refusal(setCommentPeriod(secretariat, "phone", "2026.32", { commentsUntil: day(5) }))).toMatchObject({ reason: "SCHEME_NOT_PROPOSED" });
    // Only the secretariat learns a draft exists; others are told there is no such version.
    expect(await refusal(setCommentPeriod(secretariat, "phone", "2099.1", { commentsUntil: day(5) }))).toMatchObject({ code: "NOT_FOUND" });

    const events = await db().auditEvent.findMany({ where: { type: "SCHEME_COMMENT_PERIOD_SET" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([
      { schemeId: "phone", version: "2026.30", commentsUntil: day(0), previous: null },
      { schemeId: "phone", version: "2026.31", commentsUntil: day(20), previous: day(5) },
    ]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});
