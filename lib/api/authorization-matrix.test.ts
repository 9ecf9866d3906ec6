// Every /api/v1 case and change-case route × every role × (own case, another organisation's case,
// nonexistent case), driven from one table and called through the real route handlers with Bearer
// tokens. A route file under app/api/v1/cases or app/api/v1/changes that the table does not cover
// fails the test. The after-care routes (docs/domain.md#after-care) run on certified cases and
// their change cases: one of Vendor A's (Lab One, experts 1–3) and one of Vendor B's (Lab Two).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, resultsReaching, sampleReport, WORLD_VERSION, type World } from "@/test/world";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/session";
import { TOKEN_SCOPES } from "@/lib/token-scopes";
import { uploadEvidence } from "@/lib/cases/evidence";
import { seededScheme } from "@/lib/grading/schemes";
import { schemeItems } from "@/lib/grading";
import type { SessionUser } from "@/lib/permissions";
import * as casesRoute from "@/app/api/v1/cases/route";
import * as caseRoute from "@/app/api/v1/cases/[id]/route";
import * as eventsRoute from "@/app/api/v1/cases/[id]/events/route";
import * as labReportRoute from "@/app/api/v1/cases/[id]/lab-report/route";
import * as evidenceRoute from "@/app/api/v1/cases/[id]/evidence/route";
import * as evidenceFileRoute from "@/app/api/v1/cases/[id]/evidence/[evidenceId]/route";
import * as decisionLetterRoute from "@/app/api/v1/cases/[id]/decision-letter/route";
import * as labReportPdfRoute from "@/app/api/v1/cases/[id]/lab-report/pdf/route";
import * as caseChangesRoute from "@/app/api/v1/cases/[id]/changes/route";
import * as resultsPublicationRoute from "@/app/api/v1/cases/[id]/results-publication/route";
import * as changesRoute from "@/app/api/v1/changes/route";
import * as changeRoute from "@/app/api/v1/changes/[id]/route";
import * as changeEventsRoute from "@/app/api/v1/changes/[id]/events/route";
import * as changeLabReportRoute from "@/app/api/v1/changes/[id]/lab-report/route";
import { reportChange } from "@/lib/aftercare/report-change";
import * as schemeCommentsRoute from "@/app/api/v1/schemes/[id]/[version]/comments/route";
import * as schemeAnswerRoute from "@/app/api/v1/schemes/[id]/[version]/comments/[commentId]/answer/route";
import * as schemeApproveRoute from "@/app/api/v1/schemes/[id]/[version]/approve/route";
import * as schemePublishRoute from "@/app/api/v1/schemes/[id]/[version]/publish/route";
import * as schemeProposeRoute from "@/app/api/v1/schemes/[id]/[version]/propose/route";
import * as schemeCommentPeriodRoute from "@/app/api/v1/schemes/[id]/[version]/comment-period/route";
import * as categoriesRoute from "@/app/api/v1/categories/route";

type Role = "vendor" | "lab" | "expert" | "secretariat" | "ministry" | "admin" | "anonymous";
type Target = "own" | "other" | "none";
type Cell = [own: number, other: number, none: number];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/**
 * The expected status of each route for each role and target. `on` says what the targets are: the
 * cases in testing (default), the certified cases, or the change cases of the certified ones; `notFound`
 * is the reason every 404 of the route must carry (who may not see a case never learns it exists),
 * `conflict` that of every 409.
 */
const MATRIX: Record<
  string,
  { handler: Handler; on?: "certified" | "change"; notFound?: string; conflict?: string; request: (ctx: Ctx, role: Role) => RequestInit; expect: Record<Role, Cell> }
> = {
  "GET /cases/{id}": {
    handler: caseRoute.GET as Handler,
    request: () => ({ method: "GET" }),
    expect: { vendor: [200, 404, 404], lab: [200, 404, 404], expert: [200, 404, 404], secretariat: [200, 200, 404], ministry: [200, 200, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "PATCH /cases/{id}": {
    handler: caseRoute.PATCH as Handler,
    request: () => json({ expectedVersion: 1, claimedLevel: "L2" }),
    // The vendor's own case is past draft: 409.
    expect: { vendor: [409, 404, 404], lab: [403, 403, 403], expert: [403, 403, 403], secretariat: [403, 403, 403], ministry: [403, 403, 403], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /cases/{id}/events": {
    handler: eventsRoute.GET as Handler,
    request: () => ({ method: "GET" }),
    expect: { vendor: [200, 404, 404], lab: [200, 404, 404], expert: [200, 404, 404], secretariat: [200, 200, 404], ministry: [200, 200, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "POST /cases/{id}/events": {
    handler: eventsRoute.POST as Handler,
    // SUBMIT with a stale version: the vendor of the case gets 409, other roles 403, those who cannot see it 404.
    request: () => json({ type: "SUBMIT", expectedVersion: 999 }),
    expect: { vendor: [409, 404, 404], lab: [403, 404, 404], expert: [403, 404, 404], secretariat: [403, 403, 404], ministry: [403, 403, 404], admin: [404, 404, 404], anonymous: [401, 401, 401] },
  },
  "PUT /cases/{id}/lab-report": {
    handler: labReportRoute.PUT as Handler,
    request: () => json({ results: resultsReaching("phone", "L2") }),
    expect: { vendor: [403, 403, 403], lab: [200, 404, 404], expert: [403, 403, 403], secretariat: [403, 403, 403], ministry: [403, 403, 403], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "POST /cases/{id}/evidence": {
    handler: evidenceRoute.POST as Handler,
    request: () => {
      const form = new FormData();
      form.set("file", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "report.pdf");
      return { method: "POST", body: form };
    },
    // The vendor adds corrective evidence only while its case is suspended: its own case in testing is 409.
    expect: { vendor: [409, 404, 404], lab: [201, 404, 404], expert: [403, 403, 403], secretariat: [403, 403, 403], ministry: [403, 403, 403], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /cases/{id}/evidence": {
    handler: evidenceRoute.GET as Handler,
    request: () => ({ method: "GET" }),
    expect: { vendor: [200, 404, 404], lab: [200, 404, 404], expert: [200, 404, 404], secretariat: [200, 200, 404], ministry: [200, 200, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /cases/{id}/evidence/{evidenceId}": {
    handler: evidenceFileRoute.GET as Handler,
    request: () => ({ method: "GET" }),
    expect: { vendor: [200, 404, 404], lab: [200, 404, 404], expert: [200, 404, 404], secretariat: [200, 200, 404], ministry: [200, 200, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /cases/{id}/decision-letter": {
    handler: decisionLetterRoute.GET as Handler,
    request: () => ({ method: "GET" }),
    // None of these cases was denied: who may see the case learns there is no letter (404
    // DECISION_LETTER_NOT_FOUND), like who may not (lib/letters/letters.test.ts downloads a real one).
    expect: { vendor: [404, 404, 404], lab: [404, 404, 404], expert: [404, 404, 404], secretariat: [404, 404, 404], ministry: [404, 404, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /cases/{id}/lab-report/pdf": {
    handler: labReportPdfRoute.GET as Handler,
    request: () => ({ method: "GET" }),
    // The cases in testing have no submitted report: who may see one learns so (404 LAB_REPORT_NOT_FOUND),
    // like who may not; the expert's own case is in review, its report submitted (the PDF, 200).
    expect: { vendor: [404, 404, 404], lab: [404, 404, 404], expert: [200, 404, 404], secretariat: [404, 404, 404], ministry: [404, 404, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "POST /cases/{id}/changes": {
    handler: caseChangesRoute.POST as Handler,
    on: "certified",
    notFound: "CASE_NOT_FOUND",
    // The secretariat and the ministry send a surveillance, everyone else a software change: the
    // vendor reports on its own certified case, the secretariat opens surveillance on any; a role
    // that may not open that kind is 403 whatever the case.
    request: (_ctx, role) =>
      json(
        role === "secretariat" || role === "ministry"
          ? { kind: "surveillance", description: "Matrix surveillance" }
          : { kind: "software", from: "5.0.1", to: "5.0.2", description: "Matrix change" },
      ),
    expect: { vendor: [201, 404, 404], lab: [403, 403, 403], expert: [403, 403, 403], secretariat: [201, 201, 404], ministry: [403, 403, 403], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "POST /cases/{id}/results-publication": {
    handler: resultsPublicationRoute.POST as Handler,
    on: "certified",
    notFound: "CASE_NOT_FOUND",
    conflict: "RESULTS_NOT_PUBLISHED",
    // Withdrawing results never published: the vendor of the case learns so (409); only vendors publish.
    request: () => json({ publish: false }),
    expect: { vendor: [409, 404, 404], lab: [403, 403, 403], expert: [403, 403, 403], secretariat: [403, 403, 403], ministry: [403, 403, 403], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /cases/{id}/changes": {
    handler: caseChangesRoute.GET as Handler,
    on: "certified",
    notFound: "CASE_NOT_FOUND",
    request: () => ({ method: "GET" }),
    // Experts do not follow after-care (no change:read), not even of a case they reviewed.
    expect: { vendor: [200, 404, 404], lab: [200, 404, 404], expert: [403, 403, 403], secretariat: [200, 200, 404], ministry: [200, 200, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /changes/{id}": {
    handler: changeRoute.GET as Handler,
    on: "change",
    notFound: "CHANGE_NOT_FOUND",
    request: () => ({ method: "GET" }),
    expect: { vendor: [200, 404, 404], lab: [200, 404, 404], expert: [403, 403, 403], secretariat: [200, 200, 404], ministry: [200, 200, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "POST /changes/{id}/events": {
    handler: changeEventsRoute.POST as Handler,
    on: "change",
    notFound: "CHANGE_NOT_FOUND",
    // Each role sends the event it may send, with a stale version: 409 where it can see the change
    // case, 404 where it cannot; a role that may send no event is 403 whatever the change case.
    conflict: "CHANGE_VERSION_MISMATCH",
    request: (_ctx, role) => json(CHANGE_EVENT_OF[role]),
    expect: { vendor: [409, 404, 404], lab: [409, 404, 404], expert: [403, 403, 403], secretariat: [409, 409, 404], ministry: [409, 409, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "PUT /changes/{id}/lab-report": {
    handler: changeLabReportRoute.PUT as Handler,
    on: "change",
    notFound: "CHANGE_NOT_FOUND",
    // Own: Vendor A's surveillance, in re-testing by Lab One: the lab's results over its items are saved.
    request: (ctx) => ({ ...json({ results: ctx.retestResults }), method: "PUT" }),
    expect: { vendor: [403, 403, 403], lab: [200, 404, 404], expert: [403, 403, 403], secretariat: [403, 403, 403], ministry: [403, 403, 403], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
  "GET /changes/{id}/lab-report": {
    handler: changeLabReportRoute.GET as Handler,
    on: "change",
    notFound: "CHANGE_NOT_FOUND",
    request: () => ({ method: "GET" }),
    expect: { vendor: [200, 404, 404], lab: [200, 404, 404], expert: [403, 403, 403], secretariat: [200, 200, 404], ministry: [200, 200, 404], admin: [403, 403, 403], anonymous: [401, 401, 401] },
  },
};

/** The change event each role would send (all with a stale version). */
const CHANGE_EVENT_OF: Record<Role, Record<string, unknown>> = {
  vendor: { type: "WITHDRAW", expectedVersion: 999, reason: "Matrix" },
  lab: { type: "SUBMIT_REPORT", expectedVersion: 999 },
  expert: { type: "CLASSIFY", expectedVersion: 999, classification: "minor", reason: "Matrix" },
  secretariat: { type: "CLASSIFY", expectedVersion: 999, classification: "minor", reason: "Matrix" },
  ministry: { type: "CONCLUDE", expectedVersion: 999, outcome: "amended", reason: "Matrix" },
  admin: { type: "CLASSIFY", expectedVersion: 999, classification: "minor", reason: "Matrix" },
  anonymous: { type: "CLASSIFY", expectedVersion: 999, classification: "minor", reason: "Matrix" },
};

/** Collection routes take no case: one status per role. */
const COLLECTION: Record<string, { handler: (req: Request) => Promise<Response>; request: () => RequestInit; expect: Record<Role, number> }> = {
  "GET /cases": {
    handler: casesRoute.GET as (req: Request) => Promise<Response>,
    request: () => ({ method: "GET" }),
    expect: { vendor: 200, lab: 200, expert: 200, secretariat: 200, ministry: 200, admin: 403, anonymous: 401 },
  },
  "POST /cases": {
    handler: casesRoute.POST as (req: Request) => Promise<Response>,
    request: () => json({ schemeId: "phone", product: { name: "Matrix phone", model: "MX-1", softwareVersion: "1.0" }, claimedLevel: "L2" }),
    expect: { vendor: 201, lab: 403, expert: 403, secretariat: 403, ministry: 403, admin: 403, anonymous: 401 },
  },
  "GET /changes": {
    handler: changesRoute.GET as (req: Request) => Promise<Response>,
    request: () => ({ method: "GET" }),
    expect: { vendor: 200, lab: 200, expert: 403, secretariat: 200, ministry: 200, admin: 403, anonymous: 401 },
  },
};

function json(body: unknown): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

type Targets = Record<Exclude<Role, "anonymous">, Record<Target, { id: string; evidenceId: string }>>;
type Ctx = {
  w: World;
  tokens: Record<Exclude<Role, "anonymous">, string>;
  cases: Targets;
  certified: Targets;
  changes: Targets;
  /** Lab One's results over the items of Vendor A's surveillance. */
  retestResults: { item: string; value: number; unit: string }[];
  /** Every change case of each certified case (the lists must show a caller only those it may see). */
  changeIds: { a: string[]; b: string[] };
};

let t: TestDatabase;
let ctx: Ctx;

async function tokenFor(user: SessionUser) {
  const token = `zj_${crypto.randomBytes(32).toString("base64url")}`;
  // Every scope: this matrix is about roles and cases (token scopes: lib/token-scopes.test.ts).
  await db().apiToken.create({ data: { userId: user.id, name: "matrix", prefix: token.slice(0, 8), tokenHash: hashToken(token), scopes: TOKEN_SCOPES.join(" ") } });
  return token;
}

async function addEvidence(user: SessionUser, caseId: string) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(PDF)], { type: "application/pdf" }), "setup.pdf");
  const req = new Request("http://test/x", { method: "POST", body: form });
  return (await uploadEvidence(user, caseId, req)).id;
}

beforeAll(async () => {
  t = await useFreshDatabase();
  const w = await seedWorld();
  const u = w.users;
  // A: Vendor A, tested by Lab One. B: Vendor B, tested by Lab Two. V: Vendor A, with expert-1 on its panel.
  const a = await caseIn(w, "testing");
  const aEv = await addEvidence(u.lab1, a);
  const bCase = await (await import("@/lib/cases/create-case")).createCase(u.vendorB, {
    schemeId: "phone",
    product: { name: "Other phone", model: "OP-1", softwareVersion: "2.0" },
    claimedLevel: "L2",
    application: { declarations: { accurate: true, samplesAvailable: true, acceptsRules: true } },
  });
  await send(u.vendorB, bCase.id, "SUBMIT");
  await send(u.secretariat, bCase.id, "ACCEPT", { labId: w.orgs["Lab Two"].id });
  const bEv = await addEvidence(u.lab2, bCase.id);
  const v = await caseIn(w, "testing");
  const vEv = await addEvidence(u.lab1, v);
  const { saveLabReport } = await import("@/lib/cases/save-lab-report");
  await saveLabReport(u.lab1, v, sampleReport("phone", "L3", WORLD_VERSION));
  await send(u.lab1, v, "SUBMIT_REPORT");
  await send(u.secretariat, v, "ASSIGN_PANEL", { expertIds: [u.expert1.id, u.expert2.id, u.expert3.id] });

  // Certified: CA (Vendor A, Lab One, experts 1–3) and CB (Vendor B, Lab Two, experts 4, 6, 7). On
  // CA a software change (in classification) and a surveillance of two items (in re-testing, the
  // change target); on CB a software change.
  const ca = await caseIn(w, "certified");
  const cb = await caseIn(w, "certified", { vendor: u.vendorB, lab: "Lab Two", experts: [u.expert4, u.expert6, u.expert7] });
  const phoneItems = schemeItems(seededScheme("phone")!).map(({ item }) => item);
  const retestItems = phoneItems.slice(0, 2);
  const caChange = await reportChange(u.vendorA, ca, { kind: "software", from: "5.0.1", to: "5.1.0", description: "New camera pipeline" });
  const caSurveillance = await reportChange(u.secretariat, ca, { kind: "surveillance", description: "Spot check", items: retestItems.map((i) => i.key) });
  const cbChange = await reportChange(u.vendorB, cb, { kind: "hardware", from: "rev A", to: "rev B", description: "New modem" });
  const l3 = new Map(resultsReaching("phone", "L3").map((r) => [r.item, r]));
  const retestResults = retestItems.map((i) => l3.get(i.key)!);

  const A = { id: a, evidenceId: aEv };
  const B = { id: bCase.id, evidenceId: bEv };
  const V = { id: v, evidenceId: vEv };
  const NONE = { id: "does-not-exist", evidenceId: "does-not-exist" };
  const CA = { id: ca, evidenceId: "does-not-exist" };
  const CB = { id: cb, evidenceId: "does-not-exist" };
  const XA = { id: caSurveillance.id, evidenceId: "does-not-exist" };
  const XB = { id: cbChange.id, evidenceId: "does-not-exist" };
  const sameFor = (own: typeof A, other: typeof A) =>
    Object.fromEntries((["vendor", "lab", "expert", "secretariat", "ministry", "admin"] as const).map((r) => [r, { own, other, none: NONE }])) as Targets;
  ctx = {
    w,
    tokens: {
      vendor: await tokenFor(u.vendorA),
      lab: await tokenFor(u.lab1),
      expert: await tokenFor(u.expert1),
      secretariat: await tokenFor(u.secretariat),
      ministry: await tokenFor(u.ministry1),
      admin: await tokenFor(u.admin),
    },
    cases: {
      vendor: { own: A, other: B, none: NONE },
      lab: { own: A, other: B, none: NONE },
      expert: { own: V, other: A, none: NONE },
      secretariat: { own: A, other: B, none: NONE },
      ministry: { own: A, other: B, none: NONE },
      admin: { own: A, other: B, none: NONE },
    },
    // The expert's "own" is a case it reviewed (CA): still no after-care for experts.
    certified: sameFor(CA, CB),
    changes: sameFor(XA, XB),
    retestResults,
    changeIds: { a: [caChange.id, caSurveillance.id], b: [cbChange.id] },
  };
}, 120_000);
afterAll(async () => t?.drop());

function caseRoutesOnDisk(): string[] {
  const root = path.join(process.cwd(), "app/api/v1");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "route.ts") {
        const rel = "/" + path.relative(root, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
        for (const m of fs.readFileSync(full, "utf8").matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push(`${m[1]} ${rel}`);
        }
      }
    }
  };
  walk(path.join(root, "cases"));
  walk(path.join(root, "changes"));
  return found.sort();
}

describe("authorisation matrix of the case API", () => {
  it("covers every case and change-case route on disk", () => {
    expect(caseRoutesOnDisk()).toEqual([...Object.keys(MATRIX), ...Object.keys(COLLECTION)].sort());
  });

  const roles: Role[] = ["vendor", "lab", "expert", "secretariat", "ministry", "admin", "anonymous"];
  for (const [route, spec] of Object.entries(MATRIX)) {
    it(`${route}: every role × own, other, none`, async () => {
      const got: Record<string, Cell> = {};
      for (const role of roles) {
        const cell: number[] = [];
        for (const target of ["own", "other", "none"] as Target[]) {
          const targets = spec.on === "certified" ? ctx.certified : spec.on === "change" ? ctx.changes : ctx.cases;
          const c = role === "anonymous" ? targets.vendor[target] : targets[role][target];
          const init = spec.request(ctx, role);
          const headers = new Headers(init.headers);
          if (role !== "anonymous") headers.set("authorization", `Bearer ${ctx.tokens[role]}`);
          const [method, path] = route.split(" ");
          const req = new Request(`http://test/api/v1${path}`, { ...init, method, headers });
          const res = await spec.handler(req, { params: Promise.resolve({ id: c.id, evidenceId: c.evidenceId }) });
          cell.push(res.status);
          if (res.status >= 400) {
            const { error } = (await res.json()) as { error: { code: string; reason?: string } };
            expect(error.code).toMatch(/^[A-Z_]+$/);
            if (res.status === 404 && spec.notFound) expect(`${role} ${target}: ${error.reason}`).toBe(`${role} ${target}: ${spec.notFound}`);
            if (res.status === 409 && spec.conflict) expect(`${role} ${target}: ${error.reason}`).toBe(`${role} ${target}: ${spec.conflict}`);
          }
        }
        got[role] = cell as Cell;
      }
      expect(got).toEqual(spec.expect);
    });
  }

  for (const [route, spec] of Object.entries(COLLECTION)) {
    it(`${route}: every role`, async () => {
      const got: Record<string, number> = {};
      for (const role of roles) {
        const init = spec.request();
        const headers = new Headers(init.headers);
        if (role !== "anonymous") headers.set("authorization", `Bearer ${ctx.tokens[role]}`);
        const [method, path] = route.split(" ");
        got[role] = (await spec.handler(new Request(`http://test/api/v1${path}`, { ...init, method, headers }))).status;
      }
      expect(got).toEqual(spec.expect);
    });
  }

  it("the change list and its queue show a caller only the change cases of cases it may see", async () => {
    const ca = ctx.certified.vendor.own.id;
    const cb = ctx.certified.vendor.other.id;
    const list = async (role: Exclude<Role, "anonymous">, query: string) => {
      const res = await (changesRoute.GET as (req: Request) => Promise<Response>)(
        new Request(`http://test/api/v1/changes?size=100${query}`, { headers: { authorization: `Bearer ${ctx.tokens[role]}` } }),
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { changes: { id: string; caseId: string }[] }).changes;
    };
    for (const query of ["", "&open=1", "&queue=1"]) {
      for (const role of ["vendor", "lab"] as const) {
        const rows = await list(role, query);
        expect(rows.filter((r) => r.caseId === cb), `${role} ${query}`).toEqual([]);
      }
    }
    const mine = (await list("vendor", "")).map((r) => r.id);
    expect(mine).toEqual(expect.arrayContaining(ctx.changeIds.a));
    // Lab One's queue: the surveillance it re-tests.
    expect((await list("lab", "&queue=1")).map((r) => r.id)).toContain(ctx.changes.lab.own.id);
    for (const role of ["secretariat", "ministry"] as const) {
      const ids = (await list(role, "")).map((r) => r.id);
      expect(ids).toEqual(expect.arrayContaining([...ctx.changeIds.a, ...ctx.changeIds.b]));
      expect((await list(role, "")).some((r) => r.caseId === ca)).toBe(true);
    }
  });

  it("a revoked or unknown token is 401, never a silent anonymous call", async () => {
    const res = await (caseRoute.GET as Handler)(new Request("http://test", { headers: { authorization: "Bearer zj_nope" } }), {
      params: Promise.resolve({ id: ctx.cases.vendor.own.id }),
    });
    expect(res.status).toBe(401);
  });
});

// Scheme governance (docs/domain.md#scheme-governance): every route × every role, through the real
// handlers with Bearer tokens. Approving and publishing are never done with a token (403
// REAUTH_REQUIRED, lib/auth/reauth.ts), so a token of the right role is refused there too.
describe("authorisation matrix of the scheme governance API", () => {
  type SchemeRole = Role;
  const ROLES: SchemeRole[] = ["vendor", "lab", "expert", "ministry", "admin", "anonymous", "secretariat"];
  let commentId = "";

  beforeAll(async () => {
    const { createDraft, proposeScheme, commentOnScheme } = await import("@/lib/schemes");
    const u = ctx.w.users;
    await createDraft(u.secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.70" });
    await createDraft(u.secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.71" });
    const inAWeek = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    await proposeScheme(u.secretariat, "phone", "2026.70", { commentsUntil: inAWeek });
    commentId = (await commentOnScheme(u.vendorA, "phone", "2026.70", { text: "A comment to answer." })).id;
  });

  const inAWeek = () => new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  const SCHEME_MATRIX: Record<string, { handler: Handler; version: string; init: () => RequestInit; expect: Record<SchemeRole, number> }> = {
    "GET /schemes/{id}/{version}/comments (proposed)": {
      handler: schemeCommentsRoute.GET as Handler,
      version: "2026.70",
      init: () => ({ method: "GET" }),
      expect: { vendor: 200, lab: 200, expert: 200, secretariat: 200, ministry: 200, admin: 200, anonymous: 401 },
    },
    "GET /schemes/{id}/{version}/comments (draft)": {
      handler: schemeCommentsRoute.GET as Handler,
      version: "2026.71",
      init: () => ({ method: "GET" }),
      expect: { vendor: 404, lab: 404, expert: 404, secretariat: 200, ministry: 404, admin: 404, anonymous: 401 },
    },
    "POST /schemes/{id}/{version}/comments": {
      handler: schemeCommentsRoute.POST as Handler,
      version: "2026.70",
      init: () => json({ target: "asr_cer_quiet", text: "Matrix comment." }),
      expect: { vendor: 201, lab: 201, expert: 201, secretariat: 403, ministry: 403, admin: 403, anonymous: 401 },
    },
    "POST /schemes/{id}/{version}/comments/{commentId}/answer": {
      handler: schemeAnswerRoute.POST as Handler,
      version: "2026.70",
      init: () => json({ answer: "Matrix answer." }),
      expect: { vendor: 403, lab: 403, expert: 403, secretariat: 200, ministry: 403, admin: 403, anonymous: 401 },
    },
    "POST /schemes/{id}/{version}/approve": {
      handler: schemeApproveRoute.POST as Handler,
      version: "2026.70",
      init: () => ({ method: "POST" }),
      expect: { vendor: 403, lab: 403, expert: 403, secretariat: 403, ministry: 403, admin: 403, anonymous: 401 },
    },
    "POST /schemes/{id}/{version}/publish": {
      handler: schemePublishRoute.POST as Handler,
      version: "2026.70",
      init: () => json({ effectiveFrom: inAWeek(), transitionUntil: inAWeek() }),
      expect: { vendor: 403, lab: 403, expert: 403, secretariat: 403, ministry: 403, admin: 403, anonymous: 401 },
    },
    "POST /schemes/{id}/{version}/propose": {
      handler: schemeProposeRoute.POST as Handler,
      version: "2026.71",
      init: () => json({ commentsUntil: inAWeek() }),
      expect: { vendor: 403, lab: 403, expert: 403, secretariat: 200, ministry: 403, admin: 403, anonymous: 401 },
    },
    // Last: it extends 2026.70's period, which the entries above rely on.
    "POST /schemes/{id}/{version}/comment-period": {
      handler: schemeCommentPeriodRoute.POST as Handler,
      version: "2026.70",
      init: () => json({ commentsUntil: new Date(Date.now() + 8 * 3_600_000 + 14 * 86_400_000).toISOString().slice(0, 10) }),
      expect: { vendor: 403, lab: 403, expert: 403, secretariat: 200, ministry: 403, admin: 403, anonymous: 401 },
    },
  };

  for (const [route, spec] of Object.entries(SCHEME_MATRIX)) {
    it(route, async () => {
      const got: Partial<Record<SchemeRole, number>> = {};
      // The secretariat last: its call changes the version (proposes it, answers the comment).
      for (const role of ROLES) {
        const init = spec.init();
        const headers = new Headers(init.headers);
        if (role !== "anonymous") headers.set("authorization", `Bearer ${ctx.tokens[role]}`);
        // The real path: a token's scope is looked up by it (lib/token-scopes.ts).
        const tail = route.split(" ")[1].replace("{id}", "phone").replace("{version}", spec.version).replace("{commentId}", commentId);
        const req = new Request(`http://test/api/v1${tail}`, { ...init, headers });
        const res = await spec.handler(req, { params: Promise.resolve({ id: "phone", version: spec.version, commentId }) });
        got[role] = res.status;
      }
      expect(got).toEqual(spec.expect);
    });
  }
});

describe("authorisation matrix of the categories API", () => {
  // Public (docs/domain.md#categories): every role, and anyone without a token, reads the list.
  it("GET /categories", async () => {
    const got: Partial<Record<Role, number>> = {};
    for (const role of ["vendor", "lab", "expert", "secretariat", "ministry", "admin", "anonymous"] as Role[]) {
      const headers = new Headers();
      if (role !== "anonymous") headers.set("authorization", `Bearer ${ctx.tokens[role]}`);
      const res = await (categoriesRoute.GET as Handler)(new Request("http://test/api/v1/categories", { headers }), { params: Promise.resolve({}) });
      got[role] = res.status;
      if (res.status === 200) expect(((await res.json()) as { categories: { key: string }[] }).categories[0]).toMatchObject({ key: "phone", certificateCode: "PHONE" });
    }
    expect(got).toEqual({ vendor: 200, lab: 200, expert: 200, secretariat: 200, ministry: 200, admin: 200, anonymous: 200 });
  });
});
