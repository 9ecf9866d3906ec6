// Every /api/v1 case route × every role × (own case, another organisation's case, nonexistent case),
// driven from one table and called through the real route handlers with Bearer tokens.
// A route file under app/api/v1/cases that the table does not cover fails the test.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, send, resultsReaching, type World } from "@/test/world";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/session";
import { TOKEN_SCOPES } from "@/lib/token-scopes";
import { uploadEvidence } from "@/lib/cases/evidence";
import type { SessionUser } from "@/lib/permissions";
import * as casesRoute from "@/app/api/v1/cases/route";
import * as caseRoute from "@/app/api/v1/cases/[id]/route";
import * as eventsRoute from "@/app/api/v1/cases/[id]/events/route";
import * as labReportRoute from "@/app/api/v1/cases/[id]/lab-report/route";
import * as evidenceRoute from "@/app/api/v1/cases/[id]/evidence/route";
import * as evidenceFileRoute from "@/app/api/v1/cases/[id]/evidence/[evidenceId]/route";
import * as decisionLetterRoute from "@/app/api/v1/cases/[id]/decision-letter/route";

type Role = "vendor" | "lab" | "expert" | "secretariat" | "ministry" | "admin" | "anonymous";
type Target = "own" | "other" | "none";
type Cell = [own: number, other: number, none: number];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** The expected status of each route for each role and target. */
const MATRIX: Record<string, { handler: Handler; request: (ctx: Ctx) => RequestInit; expect: Record<Role, Cell> }> = {
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
};

function json(body: unknown): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

type Ctx = { w: World; tokens: Record<Exclude<Role, "anonymous">, string>; cases: Record<Exclude<Role, "anonymous">, Record<Target, { id: string; evidenceId: string }>> };

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
  await saveLabReport(u.lab1, v, { results: resultsReaching("phone", "L3") });
  await send(u.lab1, v, "SUBMIT_REPORT");
  await send(u.secretariat, v, "ASSIGN_PANEL", { expertIds: [u.expert1.id, u.expert2.id, u.expert3.id] });

  const A = { id: a, evidenceId: aEv };
  const B = { id: bCase.id, evidenceId: bEv };
  const V = { id: v, evidenceId: vEv };
  const NONE = { id: "does-not-exist", evidenceId: "does-not-exist" };
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
  return found.sort();
}

describe("authorisation matrix of the case API", () => {
  it("covers every case route on disk", () => {
    expect(caseRoutesOnDisk()).toEqual([...Object.keys(MATRIX), ...Object.keys(COLLECTION)].sort());
  });

  const roles: Role[] = ["vendor", "lab", "expert", "secretariat", "ministry", "admin", "anonymous"];
  for (const [route, spec] of Object.entries(MATRIX)) {
    it(`${route}: every role × own, other, none`, async () => {
      const got: Record<string, Cell> = {};
      for (const role of roles) {
        const cell: number[] = [];
        for (const target of ["own", "other", "none"] as Target[]) {
          const c = role === "anonymous" ? ctx.cases.vendor[target] : ctx.cases[role][target];
          const init = spec.request(ctx);
          const headers = new Headers(init.headers);
          if (role !== "anonymous") headers.set("authorization", `Bearer ${ctx.tokens[role]}`);
          const [method, path] = route.split(" ");
          const req = new Request(`http://test/api/v1${path}`, { ...init, method, headers });
          const res = await spec.handler(req, { params: Promise.resolve({ id: c.id, evidenceId: c.evidenceId }) });
          cell.push(res.status);
          if (res.status >= 400) expect((await res.json()).error.code).toMatch(/^[A-Z_]+$/);
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

  it("a revoked or unknown token is 401, never a silent anonymous call", async () => {
    const res = await (caseRoute.GET as Handler)(new Request("http://test", { headers: { authorization: "Bearer zj_nope" } }), {
      params: Promise.resolve({ id: ctx.cases.vendor.own.id }),
    });
    expect(res.status).toBe(401);
  });
});
