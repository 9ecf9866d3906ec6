// Scheme governance (docs/domain.md#scheme-governance): propose → comment → answer → approve →
// publish with an effective day and a transition, and which versions applications may pin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { refusal } from "@/test/refusal";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/chain";
import { seededScheme } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import { createCase } from "@/lib/cases/create-case";
import { ensurePublishedScheme } from "@/prisma/seed/factories";
import { answerComment, approveScheme, commentOnScheme, createDraft, getScheme, listComments, listSchemes, proposeScheme, publishScheme, updateDraftItem } from "./index";
import { versionForApplication } from "./in-force";
import { portalDay } from "./versions";

let t: TestDatabase;
let secretariat: SessionUser, ministry: SessionUser, vendor: SessionUser, expert: SessionUser, lab: SessionUser;

const day = (offsetDays: number) => portalDay(new Date(Date.now() + offsetDays * 86_400_000));
const where = (version: string) => ({ schemeId_version: { schemeId: "phone", version } });
const reason = async (p: Promise<unknown>) => (await refusal(p)).reason;

beforeAll(async () => {
  t = await useFreshDatabase();
  [secretariat, ministry, vendor, expert, lab] = await Promise.all(
    (["secretariat", "ministry", "vendor", "expert", "lab"] as const).map((r) => makeSessionUser(r)),
  );
  await ensurePublishedScheme(db(), seededScheme("phone")!);
});
afterAll(async () => t.drop());

describe("governance of a scheme version", () => {
  it("walks propose → comments → answers → approval → publication, refusing each step out of turn with its code", async () => {
    await createDraft(secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.5" });
    // Nobody but the secretariat sees a draft, so nobody can comment on it.
    expect((await refusal(commentOnScheme(vendor, "phone", "2026.5", { text: "early" }))).code).toBe("NOT_FOUND");
    expect(await reason(approveScheme(ministry, "phone", "2026.5"))).toBe("SCHEME_VERSION_NOT_FOUND");

    // Proposing: a real day, today or later, within 180 days; only the secretariat.
    expect((await refusal(proposeScheme(secretariat, "phone", "2026.5", { commentsUntil: "2026-02-30" }))).fields).toMatchObject({
      commentsUntil: { reason: "SCHEME_DATE_FORMAT" },
    });
    expect(await reason(proposeScheme(secretariat, "phone", "2026.5", { commentsUntil: day(-1) }))).toBe("SCHEME_COMMENTS_UNTIL_RANGE");
    expect(await reason(proposeScheme(secretariat, "phone", "2026.5", { commentsUntil: day(181) }))).toBe("SCHEME_COMMENTS_UNTIL_RANGE");
    expect((await refusal(proposeScheme(vendor, "phone", "2026.5", { commentsUntil: day(7) }))).code).toBe("FORBIDDEN");
    const proposed = await proposeScheme(secretariat, "phone", "2026.5", { commentsUntil: day(7) });
    expect(proposed).toMatchObject({ status: "proposed", commentsUntil: day(7), inForce: false });
    expect(await reason(proposeScheme(secretariat, "phone", "2026.5", { commentsUntil: day(7) }))).toBe("SCHEME_NOT_DRAFT");
    // Frozen: the text under consultation is the text approved.
    expect((await refusal(updateDraftItem(secretariat, { schemeId: "phone", version: "2026.5", itemKey: "asr_cer_quiet", patch: { thresholds: { L2: 5 } } }))).code).toBe("CONFLICT");
    // Every signed-in role sees a proposed version; the public does not.
    expect((await getScheme(vendor, "phone", "2026.5")).status).toBe("proposed");
    expect((await refusal(getScheme(null, "phone", "2026.5"))).code).toBe("NOT_FOUND");
    expect((await listSchemes(null)).find((s) => s.schemeId === "phone")!.versions.map((v) => v.version)).toEqual(["2026.1"]);

    // Comments: experts, labs and vendors; on the whole scheme or a key of it; bounded.
    expect((await refusal(commentOnScheme(secretariat, "phone", "2026.5", { text: "x" }))).code).toBe("FORBIDDEN");
    expect((await refusal(commentOnScheme(ministry, "phone", "2026.5", { text: "x" }))).code).toBe("FORBIDDEN");
    expect(await reason(commentOnScheme(vendor, "phone", "2026.5", { target: "no_such_item", text: "x" }))).toBe("SCHEME_COMMENT_TARGET_UNKNOWN");
    expect((await refusal(commentOnScheme(vendor, "phone", "2026.5", { text: "x".repeat(2001) }))).code).toBe("INVALID_INPUT");
    expect((await refusal(commentOnScheme(vendor, "phone", "2026.5", { text: "   " }))).code).toBe("INVALID_INPUT");
    expect((await refusal(commentOnScheme(vendor, "phone", "2026.5", { text: "ok", extra: 1 }))).code).toBe("INVALID_INPUT");
    const c1 = await commentOnScheme(expert, "phone", "2026.5", { target: "asr_cer_quiet", text: "3.5 % is below what the reference set can resolve." });
    const c2 = await commentOnScheme(vendor, "phone", "2026.5", { text: "Please give a transition of six months." });
    await commentOnScheme(lab, "phone", "2026.5", { target: "perception", text: "Name the noise test set's version." });
    expect(c1).toMatchObject({ target: "asr_cer_quiet", author: { role: "expert", name: expert.name }, answer: null });

    // Approval: not while the period runs.
    expect(await reason(approveScheme(ministry, "phone", "2026.5"))).toBe("SCHEME_COMMENT_PERIOD_OPEN");
    // The period passes.
    await db().schemeVersion.update({ where: where("2026.5"), data: { commentsUntil: new Date(Date.now() - 1000) } });
    expect(await reason(commentOnScheme(vendor, "phone", "2026.5", { text: "late" }))).toBe("SCHEME_COMMENT_PERIOD_OVER");
    const open = await refusal(approveScheme(ministry, "phone", "2026.5"));
    expect(open).toMatchObject({ reason: "SCHEME_COMMENTS_UNANSWERED", params: { count: 3 } });

    // Answers: the secretariat, once each; the author is told by mail.
    expect((await refusal(answerComment(vendor, "phone", "2026.5", c1.id, { answer: "x" }))).code).toBe("FORBIDDEN");
    expect(await reason(answerComment(secretariat, "phone", "2026.5", "nope", { answer: "x" }))).toBe("SCHEME_COMMENT_NOT_FOUND");
    const a1 = await answerComment(secretariat, "phone", "2026.5", c1.id, { answer: "The set has 2,000 utterances; 3.5 % is resolved." });
    expect(a1.answer).toMatchObject({ by: secretariat.name });
    expect(await reason(answerComment(secretariat, "phone", "2026.5", c1.id, { answer: "again" }))).toBe("SCHEME_COMMENT_ALREADY_ANSWERED");
    for (const c of (await listComments(vendor, "phone", "2026.5")).filter((c) => !c.answer)) {
      await answerComment(secretariat, "phone", "2026.5", c.id, { answer: "Taken into account." });
    }
    expect((await listComments(vendor, "phone", "2026.5")).map((c) => c.id).slice(0, 2)).toEqual([c1.id, c2.id]);
    const mails = await db().outboxJob.findMany({ where: { dedupeKey: { startsWith: "mail:scheme-comment-answered:" } } });
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => JSON.parse(m.payload).to)).toContain(expert.email);

    // Approval: the ministry only.
    expect((await refusal(approveScheme(secretariat, "phone", "2026.5"))).code).toBe("FORBIDDEN");
    expect(await reason(publishScheme(secretariat, "phone", "2026.5", { effectiveFrom: day(0), transitionUntil: day(30) }))).toBe("SCHEME_NOT_APPROVED");
    const approved = await approveScheme(ministry, "phone", "2026.5");
    expect(approved.status).toBe("approved");
    expect(await reason(approveScheme(ministry, "phone", "2026.5"))).toBe("SCHEME_NOT_PROPOSED");
    expect(await reason(answerComment(secretariat, "phone", "2026.5", c1.id, { answer: "late" }))).toBe("SCHEME_NOT_PROPOSED");

    // Publication: effective today or later; the version in force gets a transition end, not before that day.
    expect((await refusal(publishScheme(ministry, "phone", "2026.5", { effectiveFrom: day(0), transitionUntil: day(30) }))).code).toBe("FORBIDDEN");
    expect(await reason(publishScheme(secretariat, "phone", "2026.5", { effectiveFrom: day(-1), transitionUntil: day(30) }))).toBe("SCHEME_EFFECTIVE_FROM_RANGE");
    expect(await reason(publishScheme(secretariat, "phone", "2026.5", { effectiveFrom: day(0) }))).toBe("SCHEME_TRANSITION_REQUIRED");
    expect(await reason(publishScheme(secretariat, "phone", "2026.5", { effectiveFrom: day(2), transitionUntil: day(1) }))).toBe("SCHEME_TRANSITION_BEFORE_EFFECTIVE");
    expect(await reason(publishScheme(secretariat, "phone", "2026.5", { effectiveFrom: day(0), transitionUntil: day(800) }))).toBe("SCHEME_TRANSITION_TOO_LONG");
    const published = await publishScheme(secretariat, "phone", "2026.5", { effectiveFrom: day(0), transitionUntil: day(30) });
    expect(published).toMatchObject({ status: "published", effectiveFrom: day(0), inForce: true });
    const old = await getScheme(vendor, "phone", "2026.1");
    expect(old).toMatchObject({ transitionUntil: day(30), inForce: true });

    const types = (await db().auditEvent.findMany({ orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types).toEqual([
      "SCHEME_DRAFT_CREATED",
      "SCHEME_PROPOSED",
      "SCHEME_COMMENTED",
      "SCHEME_COMMENTED",
      "SCHEME_COMMENTED",
      "SCHEME_COMMENT_ANSWERED",
      "SCHEME_COMMENT_ANSWERED",
      "SCHEME_COMMENT_ANSWERED",
      "SCHEME_APPROVED",
      "SCHEME_PUBLISHED",
    ]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: "SCHEME_PUBLISHED" } });
    expect(JSON.parse(event.payload)).toMatchObject({ version: "2026.5", effectiveFrom: day(0), replaced: [{ version: "2026.1", transitionUntil: day(30) }] });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("lets applications pin only versions in force: the newest by default, the old one until its transition ends", async () => {
    const now = new Date();
    expect((await versionForApplication(db(), "phone", undefined, now)).version).toBe("2026.5");
    expect((await versionForApplication(db(), "phone", "2026.1", now)).version).toBe("2026.1");
    expect((await listSchemes(vendor)).find((s) => s.schemeId === "phone")).toMatchObject({ defaultVersion: "2026.5" });

    // Past the transition's last day.
    await db().schemeVersion.update({ where: where("2026.1"), data: { transitionUntil: new Date(now.getTime() - 1000) } });
    const e = await refusal(versionForApplication(db(), "phone", "2026.1", now));
    expect(e).toMatchObject({ reason: "SCHEME_VERSION_NOT_IN_FORCE", params: { schemeId: "phone", version: "2026.1", inForce: "2026.5" } });
    expect(e.fields?.schemeVersion?.reason).toBe("SCHEME_VERSION_NOT_IN_FORCE");
    const viaCase = await refusal(createCase(vendor, { schemeId: "phone", schemeVersion: "2026.1", product: { name: "P", model: "M", softwareVersion: "1" }, claimedLevel: "L2" }));
    expect(viaCase.reason).toBe("SCHEME_VERSION_NOT_IN_FORCE");
    expect(await reason(versionForApplication(db(), "phone", "2099.1", now))).toBe("SCHEME_VERSION_NOT_PUBLISHED");
    expect((await listSchemes(vendor)).find((s) => s.schemeId === "phone")!.versions.find((v) => v.version === "2026.1")).toMatchObject({ inForce: false });

    // A version whose effective day is still ahead is not in force yet.
    await db().schemeVersion.update({ where: where("2026.5"), data: { effectiveFrom: new Date(now.getTime() + 86_400_000) } });
    expect(await reason(versionForApplication(db(), "phone", undefined, now))).toBe("SCHEME_NOT_PUBLISHED");
    expect(await reason(versionForApplication(db(), "phone", "2026.5", now))).toBe("SCHEME_VERSION_NOT_IN_FORCE");
  });
});
