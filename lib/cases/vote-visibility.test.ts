// Blind means blind on every path: a case walked through a recusal, a re-formed panel, a decision,
// a remand and a new panel, and at each step what every reader (case view, case events, audit
// explorer and export, inbox and homes, mail) lets each role read of the votes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, type World } from "@/test/world";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role, SessionUser } from "@/lib/permissions";
import { getCase } from "./get-case";
import { listCaseEvents } from "./case-events";
import { eligibleExperts } from "./eligible";
import { voteAccess, type RoundInfo } from "./vote-visibility";
import { listAuditEvents } from "@/lib/audit/explorer/query";
import { exportAudit } from "@/lib/audit/export";
import { getInbox } from "@/lib/inbox/get-inbox";
import { getExpertHome } from "@/lib/inbox/get-expert-home";
import { getVendorHome } from "@/lib/inbox/get-vendor-home";
import { getLabHome } from "@/lib/inbox/get-lab-home";
import { getSecretariatHome } from "@/lib/inbox/get-secretariat-home";
import { getMinistryHome } from "@/lib/inbox/get-ministry-home";
import { registerMailJobs } from "@/lib/mail/register";
import { MAIL_JOB } from "@/lib/mail/enqueue-mail";
import { runOutboxOnce } from "@/lib/outbox/worker";
import { refusal } from "@/test/refusal";

let t: TestDatabase;
let w: World;
let expert6: SessionUser;
beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  const e1 = await db().user.findUniqueOrThrow({ where: { id: w.users.expert1.id }, include: { organization: true } });
  const u = await db().user.create({ data: { email: "expert-6@test.zhiji", name: "Expert Six", role: "expert", organizationId: e1.organizationId } });
  expert6 = { id: u.id, email: u.email, name: u.name, role: "expert" as Role, organizationId: u.organizationId, organizationName: e1.organization.name };
}, 120_000);
afterAll(async () => t?.drop());

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

/** Everything the user can read about the case through every reader, as one text. */
async function everything(user: SessionUser, caseId: string): Promise<string> {
  const parts: unknown[] = [];
  const view = await getCase(user, caseId).catch((e: AppError) => ({ refused: e.code }));
  parts.push(view);
  parts.push(await listCaseEvents(user, caseId).catch((e: AppError) => ({ refused: e.code })));
  parts.push(await getInbox(user));
  const home = { vendor: getVendorHome, lab: getLabHome, expert: getExpertHome, secretariat: getSecretariatHome, ministry: getMinistryHome }[
    user.role as "vendor" | "lab" | "expert" | "secretariat" | "ministry"
  ];
  parts.push(await home(user));
  if (user.role === "secretariat" || user.role === "ministry") {
    parts.push((await listAuditEvents(user, { caseId })).events);
    parts.push(await text((await exportAudit(user, { what: "events", format: "json", caseId })).stream));
    parts.push(await text((await exportAudit(user, { what: "events", format: "csv", caseId })).stream));
  }
  return JSON.stringify(parts);
}

const MARKERS = ["R1-e1", "R1-e2", "R2-e4", "R2-e1", "R2-e2", "R3-e6"] as const;
type Marker = (typeof MARKERS)[number];

/** Which vote rationales (markers) the user can read anywhere. */
async function readable(user: SessionUser, caseId: string): Promise<Marker[]> {
  const all = await everything(user, caseId);
  return MARKERS.filter((m) => all.includes(`secret ${m}`));
}

/** Mail composed so far (the outbox composes case notices into mail jobs) never carries a vote's content. */
async function mailLeaks(): Promise<Marker[]> {
  registerMailJobs();
  for (let i = 0; i < 10 && (await runOutboxOnce()) > 0; i++);
  const mails = await db().outboxJob.findMany({ where: { kind: MAIL_JOB } });
  expect(mails.length).toBeGreaterThan(0);
  const jobs = JSON.stringify(await db().outboxJob.findMany());
  return MARKERS.filter((m) => jobs.includes(`secret ${m}`));
}

describe(`blind votes on every path (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"})`, () => {
  it("the rule: by round status and seat, never by the case's state", () => {
    const open: RoundInfo = { status: "open", panelists: new Set(["a", "b"]) };
    const closed: RoundInfo = { status: "closed", panelists: new Set(["a", "b"]) };
    const ended: RoundInfo = { status: "ended", panelists: new Set(["a", "b"]) };
    const expertA = { id: "a", role: "expert" as const };
    const expertC = { id: "c", role: "expert" as const };
    expect(voteAccess(expertA, "a", open)).toBe("full");
    expect(voteAccess(expertA, "b", open)).toBe("none");
    expect(voteAccess(expertA, "b", closed)).toBe("full");
    expect(voteAccess(expertA, "b", ended)).toBe("none");
    // Seated on a later round only: never an earlier round's votes.
    expect(voteAccess(expertC, "b", closed)).toBe("none");
    expect(voteAccess({ id: "v", role: "vendor" }, "b", closed)).toBe("anonymous");
    expect(voteAccess({ id: "v", role: "vendor" }, "b", ended)).toBe("none");
    expect(voteAccess({ id: "l", role: "lab" }, "b", open)).toBe("none");
    expect(voteAccess({ id: "s", role: "secretariat" }, "b", open)).toBe("presence");
    expect(voteAccess({ id: "s", role: "secretariat" }, "b", ended)).toBe("full");
    expect(voteAccess({ id: "m", role: "ministry" }, "b", open)).toBe("full");
    // A round without a record is sealed.
    expect(voteAccess({ id: "v", role: "vendor" }, "b", undefined)).toBe("none");
    expect(voteAccess({ id: "admin", role: "admin" }, "b", closed)).toBe("none");
  });

  it("recusal, a re-formed panel, a decision, a remand and a new panel: every reader, every role", async () => {
    const { expert1: e1, expert2: e2, expert3: e3, expert4: e4, vendorA: vendor, lab1: lab, secretariat: sec, ministry1: min } = w.users;
    const id = await caseIn(w, "review.voting");

    // Round 1: two votes cast, the panel still open.
    await send(e1, id, "VOTE", { verdict: "approve", level: "L3", rationale: "secret R1-e1" });
    await send(e2, id, "VOTE", { verdict: "reject", rationale: "secret R1-e2" });
    expect(await readable(e1, id)).toEqual(["R1-e1"]);
    expect(await readable(e2, id)).toEqual(["R1-e2"]);
    expect(await readable(e3, id)).toEqual([]);
    expect(await readable(vendor, id)).toEqual([]);
    expect(await readable(lab, id)).toEqual([]);
    expect(await readable(sec, id)).toEqual([]);
    expect(await readable(min, id)).toEqual(["R1-e1", "R1-e2"]);
    // The secretariat sees who voted, not what.
    const secView = await getCase(sec, id);
    expect(secView.votes).toHaveLength(2);
    expect(secView.votes.every((v) => "voted" in v && !("verdict" in v))).toBe(true);

    // e3 recuses: too few panelists, the case goes back to forming and round 1 ends unclosed.
    await send(e3, id, "RECUSE", { reason: "Advised the vendor last year" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("review.forming");
    expect(await db().reviewRound.findUniqueOrThrow({ where: { caseId_round: { caseId: id, round: 1 } } })).toMatchObject({ closedAt: null, endedAt: expect.any(Date) });
    // Sealed for good to panelists, vendor and lab; the secretariat and ministry read it.
    expect(await readable(e1, id)).toEqual(["R1-e1"]);
    expect(await readable(e2, id)).toEqual(["R1-e2"]);
    expect(await readable(e3, id)).toEqual([]);
    expect(await readable(vendor, id)).toEqual([]);
    expect(await readable(lab, id)).toEqual([]);
    expect(await readable(sec, id)).toEqual(["R1-e1", "R1-e2"]);
    expect(await readable(min, id)).toEqual(["R1-e1", "R1-e2"]);
    const e1events = await listCaseEvents(e1, id);
    const e2vote = e1events.find((e) => e.type === "VOTE" && e.seq !== e1events.find((x) => x.type === "VOTE" && x.actorId === e1.id)?.seq)!;
    expect(e2vote).toMatchObject({ actorId: null, sealed: true });
    expect(e2vote.payload).not.toHaveProperty("verdict");
    expect((await getCase(vendor, id)).recommendation).toBeNull();

    // The recused expert can never come back (and the form does not offer it).
    const back = await refusal(send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e3.id, e4.id] }));
    expect(back.code).toBe("INVALID_INPUT");
    expect(back.details).toMatchObject({ reason: "EXPERT_RECUSED", "expertIds.1": expect.stringContaining(e3.id) });
    expect((await eligibleExperts(sec, id)).find((x) => x.id === e3.id)).toMatchObject({ conflict: "recused", selectable: false });

    // Round 2: e1 and e2 again, e4 new. e4 never reads round 1.
    await send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e2.id, e4.id] });
    expect(await readable(e4, id)).toEqual([]);
    await send(e4, id, "VOTE", { verdict: "approve", level: "L2", rationale: "secret R2-e4" });
    expect(await readable(e4, id)).toEqual(["R2-e4"]);
    expect(await readable(e1, id)).toEqual(["R1-e1"]);
    expect(await readable(sec, id)).toEqual(["R1-e1", "R1-e2"]);
    await send(e1, id, "VOTE", { verdict: "approve", level: "L2", rationale: "secret R2-e1" });
    await send(e2, id, "VOTE", { verdict: "approve", level: "L2", rationale: "secret R2-e2" });
    expect((await db().case.findUniqueOrThrow({ where: { id } })).state).toBe("decision");

    // Round 2 closed: its panel reads it all, the vendor and lab read it without names; round 1 stays sealed.
    const round2 = ["R2-e4", "R2-e1", "R2-e2"];
    expect(await readable(e1, id)).toEqual(["R1-e1", ...round2]);
    expect(await readable(e2, id)).toEqual(["R1-e2", ...round2]);
    expect(await readable(e4, id)).toEqual(round2);
    expect(await readable(e3, id)).toEqual([]);
    expect(await readable(vendor, id)).toEqual(round2);
    expect(await readable(lab, id)).toEqual(round2);
    expect(await readable(sec, id)).toEqual(["R1-e1", "R1-e2", ...round2]);
    expect(await readable(min, id)).toEqual(["R1-e1", "R1-e2", ...round2]);
    const vendorView = await getCase(vendor, id);
    expect(vendorView.votes).toHaveLength(3);
    for (const v of vendorView.votes) expect(Object.keys(v).sort()).toEqual(["level", "rationale", "verdict"]);
    expect(vendorView.recommendation).toMatchObject({ verdict: "approve", level: "L2" });
    const vendorEvents = await listCaseEvents(vendor, id);
    expect(vendorEvents.filter((e) => e.type === "VOTE").every((e) => e.actorId === null && e.actorName === null)).toBe(true);
    expect(JSON.stringify(vendorEvents)).not.toContain(e1.name);

    // Remand, then round 3 with a newly added expert: it reads nothing of rounds 1 and 2 before (or after) voting.
    await send(min, id, "REMAND", { reason: "Re-review the latency evidence" });
    expect(await readable(e1, id)).toEqual(["R1-e1", ...round2]);
    expect(await readable(vendor, id)).toEqual(round2);
    await send(sec, id, "ASSIGN_PANEL", { expertIds: [e1.id, e4.id, expert6.id] });
    expect(await readable(expert6, id)).toEqual([]);
    expect((await getCase(expert6, id)).votes).toEqual([]);
    expect((await getCase(expert6, id)).recommendation).toBeNull();
    await send(expert6, id, "VOTE", { verdict: "reject", rationale: "secret R3-e6" });
    expect(await readable(expert6, id)).toEqual(["R3-e6"]);
    expect(await readable(e1, id)).toEqual(["R1-e1", ...round2]);
    expect(await readable(vendor, id)).toEqual(round2);
    expect(await readable(lab, id)).toEqual(round2);
    expect(await readable(sec, id)).toEqual(["R1-e1", "R1-e2", ...round2]);
    expect(await readable(min, id)).toEqual(["R1-e1", "R1-e2", ...round2, "R3-e6"]);
    const secExplorer = (await listAuditEvents(sec, { caseId: id, type: "VOTE" })).events;
    expect(secExplorer.filter((e) => e.redacted)).toHaveLength(1);
    expect(secExplorer.find((e) => e.redacted)?.actorId).toBe(expert6.id);

    // Round 3 closes: its panel reads round 3; expert6 still never reads rounds 1 and 2.
    await send(e1, id, "VOTE", { verdict: "reject", rationale: "secret R3-e1" });
    await send(e4, id, "VOTE", { verdict: "reject", rationale: "secret R3-e4" });
    expect(await readable(expert6, id)).toEqual(["R3-e6"]);
    expect(JSON.stringify(await listCaseEvents(expert6, id))).not.toContain("secret R2-");
    expect(await readable(vendor, id)).toEqual([...round2, "R3-e6"]);
    expect(await readable(e2, id)).toEqual(["R1-e2", ...round2]);

    expect(await mailLeaks()).toEqual([]);
  });

  it("a round withdrawn while voting ends unclosed: sealed to its panelists for good", async () => {
    const id = await caseIn(w, "review.voting");
    await send(w.users.expert1, id, "VOTE", { verdict: "approve", level: "L3", rationale: "withdrawn-secret" });
    await send(w.users.vendorA, id, "WITHDRAW", { reason: "Product cancelled" });
    expect(await db().reviewRound.findFirstOrThrow({ where: { caseId: id } })).toMatchObject({ closedAt: null, endedAt: expect.any(Date) });
    expect(JSON.stringify(await listCaseEvents(w.users.expert2, id))).not.toContain("withdrawn-secret");
    expect(JSON.stringify(await getCase(w.users.vendorA, id))).not.toContain("withdrawn-secret");
    expect(JSON.stringify(await listCaseEvents(w.users.vendorA, id))).not.toContain("withdrawn-secret");
    expect(JSON.stringify(await listCaseEvents(w.users.secretariat, id))).toContain("withdrawn-secret");
  });
});
