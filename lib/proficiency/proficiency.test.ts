// Proficiency-testing rounds on SQLite and PostgreSQL (docs/domain.md#proficiency-testing): creating
// (bounds, scheme, items, accredited labs, at least two), submitting (invited labs only, before the
// deadline, again replaces, values hidden from other labs), closing, results and the flag at ACCEPT;
// every accepted write appends one audit event, every refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, type World } from "@/test/world";
import { makeSessionUser } from "@/test/users";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/chain";
import { refusal } from "@/test/refusal";
import { ensureAccreditation, ensureOrganization } from "@/prisma/seed/factories";
import type { SessionUser } from "@/lib/permissions";
import { closeRound, createRound, getRound, labQueue, listRounds, listRoundsPage, proficiencyFlags, resultsCsv, roundResults, submitValues } from "./rounds";
import { resultsPdf } from "./report-pdf";
import crypto from "node:crypto";
import { hashToken } from "@/lib/auth/session";
import * as roundsRoute from "@/app/api/v1/proficiency/route";

let t: TestDatabase;
let w: World;
const extra: SessionUser[] = [];
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  // Four more labs accredited for phones: Algorithm A flags one outlier only from five values on.
  for (const n of [3, 4, 5, 6]) {
    const org = await ensureOrganization(db(), { name: `PT Lab ${n}`, kind: "lab" });
    await ensureAccreditation(db(), { labOrgId: org.id, category: "phone", validFrom: new Date(Date.now() - 30 * DAY), validUntil: new Date(Date.now() + 365 * DAY) });
    extra.push(await makeSessionUser("lab", { organizationId: org.id }));
  }
}, 180_000);
afterAll(async () => t?.drop());

const base = (over: Record<string, unknown> = {}) => ({
  title: "Phone ASR round 1",
  schemeId: "phone",
  schemeVersion: "2026.1",
  items: ["asr_cer_quiet", "intent_accuracy"],
  referenceSample: "Recorded utterances set A, 200 clips.",
  deadline: new Date(Date.now() + 7 * DAY).toISOString(),
  labIds: [w.users.lab1.organizationId, w.users.lab2.organizationId],
  ...over,
});

async function counts() {
  const [rounds, results, events] = await Promise.all([db().proficiencyRound.count(), db().proficiencyResult.findMany({ orderBy: { id: "asc" } }), db().auditEvent.count()]);
  return { rounds, results, events };
}

describe("creating a round", () => {
  it("creates the round with one empty result per invited lab and audits it", async () => {
    const before = await db().auditEvent.count();
    const r = await createRound(w.users.secretariat, base());
    expect(r.category).toBe("phone");
    expect(r.items.map((i) => i.key)).toEqual(["asr_cer_quiet", "intent_accuracy"]);
    expect(r.labs).toHaveLength(2);
    expect(await db().auditEvent.count()).toBe(before + 1);
    const ev = await db().auditEvent.findFirstOrThrow({ where: { type: "PT_ROUND_CREATED" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(ev.payload)).toMatchObject({ roundId: r.id, scheme: "phone 2026.1" });
  });

  it("refuses bad input with codes and changes nothing", async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "x".repeat(201) }, "INVALID_REQUEST"],
      [{ referenceSample: "x".repeat(2001) }, "INVALID_REQUEST"],
      [{ items: Array.from({ length: 101 }, (_, i) => `i${i}`) }, "INVALID_REQUEST"],
      [{ labIds: Array.from({ length: 51 }, (_, i) => `l${i}`) }, "INVALID_REQUEST"],
      [{ labIds: [w.users.lab1.organizationId] }, "PT_TOO_FEW_LABS"],
      [{ labIds: [w.users.lab1.organizationId, w.users.vendorA.organizationId] }, "PT_LAB_NOT_ELIGIBLE"],
      [{ schemeVersion: "1999.1" }, "PT_SCHEME_UNKNOWN"],
      [{ items: ["no_such_item"] }, "PT_ITEM_UNKNOWN"],
      [{ items: ["asr_cer_quiet", "asr_cer_quiet"] }, "PT_REPEATED"],
      [{ deadline: new Date(Date.now() - DAY).toISOString() }, "PT_DEADLINE_NOT_FUTURE"],
    ];
    for (const [over, reason] of cases) {
      const e = await refusal(createRound(w.users.secretariat, base(over)));
      expect(e.reason, JSON.stringify(over).slice(0, 80)).toBe(reason);
    }
    // Lab Two is not accredited for cars.
    const car = await db().schemeVersion.findFirst({ where: { category: "car", status: "published" } });
    if (car) {
      const e = await refusal(createRound(w.users.secretariat, base({ schemeId: car.schemeId, schemeVersion: car.version, items: [] })));
      expect(e.reason).toBe("INVALID_REQUEST");
    }
    expect(await counts()).toEqual(before);
  });

  it("is the secretariat's: a lab, a vendor and the ministry are refused", async () => {
    for (const u of [w.users.lab1, w.users.vendorA, w.users.ministry1]) {
      expect((await refusal(createRound(u, base()))).reason).toBe("NOT_PERMITTED");
    }
  });
});

describe("submitting values", () => {
  let roundId: string;
  beforeAll(async () => {
    roundId = (await createRound(w.users.secretariat, base({ title: "Submission round" }))).id;
  });

  it("takes an invited lab's values, replaces them on a second submission, and hides them from the other lab", async () => {
    const before = await db().auditEvent.count();
    await submitValues(w.users.lab1, roundId, { values: { asr_cer_quiet: 4.2, intent_accuracy: 91 } });
    const again = await submitValues(w.users.lab1, roundId, { values: { asr_cer_quiet: 4.4, intent_accuracy: 90 } });
    expect(again.myValues).toEqual({ asr_cer_quiet: 4.4, intent_accuracy: 90 });
    expect(await db().auditEvent.count()).toBe(before + 2);
    const other = await getRound(w.users.lab2, roundId);
    expect(other.myValues).toEqual({});
    expect(other.labs).toEqual([]);
    expect(JSON.stringify(other)).not.toContain("4.4");
    // The secretariat sees who submitted, not the values, before the close.
    const sec = await getRound(w.users.secretariat, roundId);
    expect(sec.labs.filter((l) => l.submittedAt)).toHaveLength(1);
    expect(sec.myValues).toBeNull();
    // The results are not shown before the close.
    expect((await refusal(roundResults(w.users.secretariat, roundId))).reason).toBe("PT_RESULTS_NOT_READY");
  });

  it("refuses a lab not invited (as not found), a vendor, a missing or extra item, and changes nothing", async () => {
    const before = await counts();
    expect((await refusal(submitValues(extra[0], roundId, { values: { asr_cer_quiet: 1, intent_accuracy: 1 } }))).reason).toBe("PT_NOT_INVITED");
    expect((await refusal(getRound(extra[0], roundId))).reason).toBe("PT_ROUND_NOT_FOUND");
    expect((await refusal(submitValues(w.users.vendorA, roundId, { values: { asr_cer_quiet: 1, intent_accuracy: 1 } }))).reason).toBe("NOT_PERMITTED");
    expect((await refusal(submitValues(w.users.lab2, roundId, { values: { asr_cer_quiet: 1 } }))).reason).toBe("PT_VALUE_MISSING");
    expect((await refusal(submitValues(w.users.lab2, roundId, { values: { asr_cer_quiet: 1, intent_accuracy: 1, wake_false_reject: 2 } }))).reason).toBe("PT_ITEM_NOT_IN_ROUND");
    expect((await refusal(submitValues(w.users.lab2, roundId, { values: { asr_cer_quiet: "1", intent_accuracy: 1 } }))).reason).toBe("INVALID_REQUEST");
    expect(await counts()).toEqual(before);
  });

  it("refuses a submission after the deadline", async () => {
    const later = new Date(Date.now() + 8 * DAY);
    const e = await refusal(submitValues(w.users.lab2, roundId, { values: { asr_cer_quiet: 1, intent_accuracy: 1 } }, later));
    expect(e.reason).toBe("PT_DEADLINE_PASSED");
    // Past its deadline the round counts as closed for its results.
    const res = await roundResults(w.users.secretariat, roundId, later);
    expect(res.items[0].n).toBe(1);
  });

  it("lists a lab's rounds only where it is invited", async () => {
    const mine = await listRounds(extra[0]);
    expect(mine.find((r) => r.id === roundId)).toBeUndefined();
    expect((await listRounds(w.users.lab1)).find((r) => r.id === roundId)?.mine?.submittedAt).toBeTruthy();
  });
});

describe("closing and results", () => {
  it("scores six labs, flags the outlier at ACCEPT, and refuses values after the close", async () => {
    const labs = [w.users.lab1, w.users.lab2, ...extra];
    const r = await createRound(w.users.secretariat, base({ title: "Outlier round", items: ["intent_accuracy"], labIds: labs.map((l) => l.organizationId) }));
    const values = [58, 50.8, 50.0, 50.4, 51.2, 50.6];
    for (const [i, u] of labs.entries()) await submitValues(u, r.id, { values: { intent_accuracy: values[i] } });
    expect((await refusal(closeRound(w.users.lab1, r.id))).reason).toBe("NOT_PERMITTED");
    const before = await db().auditEvent.count();
    await closeRound(w.users.secretariat, r.id);
    expect(await db().auditEvent.count()).toBe(before + 1);
    expect((await refusal(closeRound(w.users.secretariat, r.id))).reason).toBe("PT_ROUND_CLOSED");
    expect((await refusal(submitValues(w.users.lab2, r.id, { values: { intent_accuracy: 1 } }))).reason).toBe("PT_ROUND_CLOSED");

    const res = await roundResults(w.users.secretariat, r.id);
    const item = res.items[0];
    expect(item.n).toBe(6);
    const lab1 = item.scores.find((s) => s.labId === w.users.lab1.organizationId)!;
    expect(lab1.class).toBe("unsatisfactory");
    expect(item.scores.filter((s) => s.class === "satisfactory")).toHaveLength(5);
    // A lab sees the statistics and its own row only.
    const asLab2 = await roundResults(w.users.lab2, r.id);
    expect(asLab2.items[0].scores.map((s) => s.labId)).toEqual([w.users.lab2.organizationId]);
    expect(asLab2.items[0].robustMean).toBeCloseTo(item.robustMean!, 9);

    const csv = await resultsCsv(w.users.secretariat, r.id);
    expect(csv.split("\n")[0]).toBe("round,title,item,unit,lab,value,robust_mean,robust_sd,z,classification");
    expect(csv).toContain("unsatisfactory");

    // The same figures as a bilingual PDF report, for the secretariat and for a lab (its own row).
    for (const who of [w.users.secretariat, w.users.lab2]) {
      const pdf = await resultsPdf(who, r.id);
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(1000);
    }

    const flags = await proficiencyFlags(w.users.secretariat, labs.map((l) => l.organizationId));
    expect(flags.map((f) => f.labId)).toEqual([w.users.lab1.organizationId]);
    expect(flags[0]).toMatchObject({ roundId: r.id, roundTitle: "Outlier round", items: [{ key: "intent_accuracy" }] });
    // Not for a vendor.
    expect(await proficiencyFlags(w.users.vendorA, [w.users.lab1.organizationId])).toEqual([]);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });
});

describe("listing rounds", () => {
  it("pages on the server with N of M, newest deadline first, and a lab's queue holds its open rounds soonest first", async () => {
    const total = await db().proficiencyRound.count();
    expect(total).toBeGreaterThanOrEqual(3);
    const first = await listRoundsPage(w.users.secretariat, { size: "2" });
    expect(first).toMatchObject({ page: 1, size: 2, total, from: 1, to: 2, pageCount: Math.ceil(total / 2) });
    expect(first.rows[0].deadline >= first.rows[1].deadline).toBe(true);
    const last = await listRoundsPage(w.users.secretariat, { size: "2", page: "999" });
    expect(last.page).toBe(Math.ceil(total / 2));
    const seen = new Set<string>();
    for (let page = 1; page <= first.pageCount; page++) for (const r of (await listRoundsPage(w.users.secretariat, { size: "2", page: String(page) })).rows) seen.add(r.id);
    expect(seen.size).toBe(total);
    // A lab pages over its own rounds only.
    const lab = await listRoundsPage(extra[0], { size: "100" });
    expect(lab.total).toBe(lab.rows.length);
    expect(lab.rows.every((r) => r.mine !== null)).toBe(true);
    const queue = await labQueue(w.users.lab1);
    expect(queue.every((r) => !r.closed)).toBe(true);
    expect([...queue].map((r) => r.deadline)).toEqual([...queue].map((r) => r.deadline).sort());
  });

  it("GET /api/v1/proficiency pages like the other lists: page, size, sort, dir; total and pageCount", async () => {
    const get = async (user: SessionUser, query: string) => {
      const token = `zj_${crypto.randomBytes(32).toString("base64url")}`;
      await db().apiToken.create({ data: { userId: user.id, name: "pt-list", prefix: token.slice(0, 8), tokenHash: hashToken(token), scopes: "read" } });
      const res = await roundsRoute.GET(new Request(`http://localhost/api/v1/proficiency${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) } as never);
      expect(res.status).toBe(200);
      return (await res.json()) as { rounds: { id: string; deadline: string; title: string }[]; total: number; page: number; size: number; pageCount: number };
    };
    const total = await db().proficiencyRound.count();
    const first = await get(w.users.secretariat, "?size=2");
    expect(first).toMatchObject({ total, page: 1, size: 2, pageCount: Math.ceil(total / 2) });
    expect(first.rounds.map((r) => r.id)).toEqual((await listRoundsPage(w.users.secretariat, { size: "2" })).rows.map((r) => r.id));
    const second = await get(w.users.secretariat, "?size=2&page=2");
    expect(second.page).toBe(2);
    expect(second.rounds.some((r) => first.rounds.some((f) => f.id === r.id))).toBe(false);
    // Another order, and bad values falling back to the defaults (size 25, page 1) instead of failing.
    const byTitle = await get(w.users.secretariat, "?sort=title&dir=asc&size=100");
    expect(byTitle.rounds.map((r) => r.title)).toEqual([...byTitle.rounds.map((r) => r.title)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(await get(w.users.secretariat, "?size=1e3&page=-1")).toMatchObject({ page: 1, size: 25, total });
    // A lab pages over the rounds it is invited to only.
    const lab = await get(extra[0], "?size=100");
    expect(lab.total).toBe((await listRoundsPage(extra[0], { size: "100" })).total);
    expect(lab.total).toBeLessThanOrEqual(total);
  });
});
