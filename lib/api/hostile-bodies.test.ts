// Fuzz of every write route of the OpenAPI document (POST, PUT, PATCH, DELETE) with hostile bodies —
// wrong types, huge strings, NUL and lone surrogates, prototype keys, 10k-deep nesting, 10k-element
// arrays, invalid UTF-8, wrong content types, broken multipart — as each role (Bearer tokens with
// every scope) and anonymously, through the real route handlers. Each hostile value goes into all
// of a body's properties at once; the roles whose wrongly typed body reaches the route's schema
// also get each property hostile on its own next to plausible ones. No answer may be a 5xx, every
// refusal is the JSON error format, and a refusal changes nothing (a digest of the tables a write
// can touch, the audit chain head and the evidence files, compared around each request).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase, type TestDatabase } from "@/test/test-db";
import { seedWorld, caseIn, type World } from "@/test/world";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashToken } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/permissions";
import { recordFinding } from "@/lib/audit/findings/record-finding";
import { reportChange } from "@/lib/aftercare/report-change";
import { seededScheme } from "@/lib/grading/schemes";
import { schemeItems } from "@/lib/grading";
import { openApiDocument } from "./openapi";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Role = "vendor" | "lab" | "expert" | "secretariat" | "ministry" | "admin" | "anonymous";
type Body = { name: string; init: () => RequestInit };
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };
type Operation = { method: string; path: string; public: boolean; content: string[]; props: string[] };

const DB = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite";
const ROLES: Role[] = ["vendor", "lab", "expert", "secretariat", "ministry", "admin", "anonymous"];
const WRITE_METHODS = ["post", "put", "patch", "delete"];

// ---- hostile values and bodies ----------------------------------------------------------------

const deepArray = (n: number) => "[".repeat(n) + "]".repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);
const INVALID_UTF8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0x22, 0x7d]);
const HUGE = 300 * 1024; // over the 256 KB JSON limit
const LARGE = 100 * 1024; // under it, over every field's max length

/** JSON texts of hostile values, put in place of every property of a body at once. */
const VALUES: Record<string, string> = {
  number: "42",
  "negative huge number": "-1e308",
  "fraction": "0.5",
  "huge string": JSON.stringify("x".repeat(HUGE)),
  "large string": JSON.stringify("x".repeat(LARGE)),
  "NUL": '"a\\u0000b"',
  "lone high surrogate": '"\\ud800"',
  "lone low surrogate": '"x\\udfff"',
  "empty array": "[]",
  "empty object": "{}",
  null: "null",
  boolean: "true",
  "10k-element array": JSON.stringify(Array.from({ length: 10_000 }, (_, i) => `id-${i}`)),
  "10k-element array of objects": JSON.stringify(Array.from({ length: 10_000 }, () => ({ item: "x", value: 1, unit: "%" }))),
  "10k-deep array": deepArray(10_000),
  "10k-deep object": deepObject(10_000),
  "prototype key": '{"__proto__":{"isAdmin":true,"role":"admin"}}',
  "constructor key": '{"constructor":{"prototype":{"isAdmin":true}}}',
};

const json = (text: string | Uint8Array, type = "application/json"): RequestInit => ({ method: "POST", headers: { "content-type": type }, body: text as BodyInit });
const form = (fill: (f: FormData) => void): RequestInit => {
  const f = new FormData();
  fill(f);
  return { method: "POST", body: f };
};
const multipartText = (boundary: string, text: string): RequestInit => ({ method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body: text });

/** The values also tried one property at a time (every value is tried on all properties at once). */
const PER_PROPERTY = ["huge string", "NUL", "lone high surrogate", "10k-element array", "prototype key"];

/** Bodies every write route gets, whatever it expects. */
const GENERIC: Body[] = [
  { name: "no body", init: () => ({ method: "POST" }) },
  { name: "empty JSON body", init: () => json("") },
  { name: "truncated JSON", init: () => json('{"a": [1, 2') },
  { name: "JSON null", init: () => json("null") },
  { name: "JSON string", init: () => json('"hello"') },
  { name: "JSON number", init: () => json("12") },
  { name: "top-level 10k-element array", init: () => json(JSON.stringify(Array.from({ length: 10_000 }, () => 0))) },
  { name: "10k-deep array", init: () => json(deepArray(10_000)) },
  { name: "10k-deep object", init: () => json(deepObject(10_000)) },
  { name: "__proto__ at the top", init: () => json('{"__proto__":{"isAdmin":true},"type":"SUBMIT","expectedVersion":1}') },
  { name: "constructor.prototype at the top", init: () => json('{"constructor":{"prototype":{"isAdmin":true}}}') },
  { name: "NUL in a key", init: () => json('{"a\\u0000":1}') },
  { name: "lone surrogate at the top", init: () => json('"\\ud800"') },
  { name: "invalid UTF-8", init: () => json(INVALID_UTF8) },
  { name: "1 MB of JSON", init: () => json(JSON.stringify({ a: "x".repeat(1024 * 1024) })) },
  { name: "JSON sent as text/plain", init: () => json('{"a":1}', "text/plain") },
  { name: "CSV sent to a JSON route", init: () => json("item,value,unit\nx,1,%\n", "text/csv") },
  { name: "form-urlencoded", init: () => json("a=1&__proto__[x]=1", "application/x-www-form-urlencoded") },
  { name: "PDF bytes", init: () => json(new Uint8Array(Buffer.from("%PDF-1.7\n%\xff\xff\n")), "application/pdf") },
  { name: "multipart form", init: () => form((f) => f.set("file", new Blob([new Uint8Array(Buffer.from("%PDF-1.4\n"))]), "x.pdf")) },
  { name: "multipart without a boundary", init: () => json("--x\r\n", "multipart/form-data") },
  { name: "truncated multipart", init: () => multipartText("zz", '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4') },
  { name: "content type with NUL-free junk parameters", init: () => json("{}", "application/json; charset=utf-7; boundary=\"\"") },
];

/** Bodies for routes that take a file (multipart), and the lab's CSV. */
const MULTIPART: Body[] = [
  { name: "file part named with NUL", init: () => form((f) => f.set("file", new Blob([new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n"))]), "a\u0000b.pdf")) },
  { name: "file part named with a lone surrogate", init: () => form((f) => f.set("file", new Blob([new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n"))]), "\ud800.pdf")) },
  { name: "file part named like a path", init: () => form((f) => f.set("file", new Blob([new Uint8Array(Buffer.from("just text, no comma"))]), "../../../etc/passwd")) },
  { name: "empty file", init: () => form((f) => f.set("file", new Blob([]), "empty.pdf")) },
  { name: "1000 fields and no file", init: () => form((f) => Array.from({ length: 1000 }, (_, i) => f.append(`f${i}`, "x"))) },
  { name: "two files", init: () => form((f) => { f.append("file", new Blob([new Uint8Array(10)]), "a.bin"); f.append("file", new Blob([new Uint8Array(10)]), "b.bin"); }) },
  { name: "header with a huge boundary", init: () => multipartText("b".repeat(100_000), "--x\r\n") },
  { name: "non-UTF-8 text file", init: () => form((f) => f.set("file", new Blob([INVALID_UTF8]), "x.csv")) },
  { name: "deep JSON file", init: () => form((f) => f.set("file", new Blob([deepArray(100_000)]), "x.json")) },
];
const CSV: Body[] = [
  { name: "CSV with NUL", init: () => json("item,value,unit\nasr\u0000,1,%\n", "text/csv") },
  { name: "CSV not UTF-8", init: () => json(INVALID_UTF8, "text/csv") },
  { name: "CSV with 10k rows", init: () => json("item,value,unit\n" + Array.from({ length: 10_000 }, (_, i) => `k${i},1,%`).join("\n"), "text/csv") },
  { name: "CSV with a 1 MB cell", init: () => json(`item,value,unit\n${"k".repeat(1024 * 1024)},1,%\n`, "text/csv") },
  { name: "CSV with an unclosed quote", init: () => json('item,value,unit\n"k,1,%\n', "text/csv") },
  { name: "CSV with 10k columns", init: () => json(Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",") + "\n", "text/csv") },
  { name: "CSV with a lone surrogate and formulas", init: () => json("item,value,unit\n\ud800,=1+1,%\n=HYPERLINK(\"x\"),1,%\n", "text/csv") },
  { name: "CSV of 3 MB", init: () => json("item,value,unit\n" + "k,1,%\n".repeat(500_000), "text/csv") },
];

/**
 * Hostile disclosed models (docs/domain.md#model-disclosure) in an otherwise plausible application:
 * each hostile value as the list, as every field of one model, and lists past the bounds.
 */
const application = (models: string) => `{"schemeId":"phone","claimedLevel":"L2","product":{"name":"P","model":"M","softwareVersion":"1","models":${models}}}`;
const MODEL_FIELDS = ["name", "version", "deployment", "provider", "parameters", "filingNumber"];
const MODELS: Body[] = [
  ...Object.entries(VALUES).map(([name, value]) => ({ name: `product.models = ${name}`, init: () => json(application(value)) })),
  ...Object.entries(VALUES).map(([name, value]) => ({
    name: `every field of a model = ${name}`,
    init: () => json(application(`[{${MODEL_FIELDS.map((f) => `${JSON.stringify(f)}:${value}`).join(",")}}]`)),
  })),
  { name: "21 models", init: () => json(application(JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ name: `m${i}`, version: "1", deployment: "on_device" }))))) },
  { name: "10k models", init: () => json(application(JSON.stringify(Array.from({ length: 10_000 }, () => ({ name: "m", version: "1", deployment: "cloud" }))))) },
  { name: "a cloud model without a provider", init: () => json(application('[{"name":"m","version":"1","deployment":"cloud"}]')) },
  { name: "a filing number of the wrong form", init: () => json(application('[{"name":"m","version":"1","deployment":"cloud","provider":"p","filingNumber":"网信算备1号"}]')) },
  { name: "a deployment named __proto__", init: () => json(application('[{"name":"m","version":"1","deployment":"__proto__"}]')) },
];

/** Every property of the body schema (and of each member of a union), for the per-property values. */
function propertiesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const out = new Set<string>(Object.keys(schema.properties ?? {}));
  for (const member of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) for (const p of propertiesOf(member)) out.add(p);
  return [...out];
}

/** The bodies of a route: generic ones, per content type, and every hostile value on all properties at once. */
function bodiesFor(op: Operation): Body[] {
  const bodies = [...GENERIC];
  if (op.content.some((c) => c.startsWith("multipart/"))) bodies.push(...MULTIPART);
  if (op.content.includes("text/csv")) bodies.push(...CSV);
  if (op.method === "POST" && op.path === "/cases") bodies.push(...MODELS);
  for (const [name, value] of op.props.length ? Object.entries(VALUES) : []) {
    bodies.push({ name: `every property = ${name}`, init: () => json(`{${op.props.map((p) => `${JSON.stringify(p)}:${value}`).join(",")}}`) });
  }
  return bodies;
}

/**
 * The event types a route's per-property bodies are sent as, where not only SUBMIT_REPORT: each
 * type's payload schema is what reads the hostile property (a stale version refuses the rest).
 */
const EVENT_TYPES_OF: Record<string, string[]> = {
  "/changes/{id}/events": ["SUBMIT_REPORT", "CLASSIFY", "CONCLUDE", "WITHDRAW"],
};

/** Each property alone hostile next to plausible ones, so the schema gets past the first error: for callers the route lets in. */
function perPropertyBodies(op: Operation): Body[] {
  return (EVENT_TYPES_OF[op.path] ?? [null]).flatMap((type) =>
    op.props.flatMap((p) => {
      const prefix = op.props
        .filter((q) => q !== p)
        .map((q) => `${JSON.stringify(q)}:${JSON.stringify(q === "type" && type ? type : plausible(q))},`)
        .join("");
      const as = type && p !== "type" ? ` (${type})` : "";
      return PER_PROPERTY.map((name) => ({ name: `${p} = ${name}${as}`, init: () => json(`{${prefix}${JSON.stringify(p)}:${VALUES[name]}}`) }));
    }),
  );
}

/** A value of the right type for the fields the routes know, so that one hostile field is what gets refused. */
function plausible(prop: string): unknown {
  switch (prop) {
    case "type":
      return "SUBMIT_REPORT";
    case "expectedVersion":
      return 999_999; // stale: even a body the schema accepts ends in 409, never in a change
    case "claimedLevel":
    case "level":
      return "L2";
    case "severity":
      return "low";
    case "verdict":
      return "approve";
    case "expertIds":
    case "reasons":
      return ["x"];
    case "results":
      return [{ item: "x", value: 1, unit: "%" }];
    case "product":
      return { name: "P", model: "M", softwareVersion: "1" };
    case "application":
      return { declarations: { accurate: true } };
    case "screening":
    case "testing":
    case "review":
    case "decision":
      return "not a number";
    case "caseId":
      return "does-not-exist";
    case "kind":
      return "hardware"; // a change kind with no version check: the other fields decide
    case "classification":
      return "minor";
    case "outcome":
      return "amended";
    default:
      return "text";
  }
}

// ---- the world --------------------------------------------------------------------------------

let t: TestDatabase;
let w: World;
let tokens: Record<Exclude<Role, "anonymous">, string>;
let params: Record<string, Record<string, string>>;
/** Path parameters of one route, where its first segment's are not the right rows. */
let paramsByPath: Record<string, Record<string, string>>;

async function tokenFor(user: SessionUser) {
  const token = `zj_${crypto.randomBytes(32).toString("base64url")}`;
  await db().apiToken.create({
    data: { userId: user.id, name: "fuzz", prefix: token.slice(0, 8), tokenHash: hashToken(token), scopes: "read cases:write lab:report oversight:write" },
  });
  return token;
}

const sha = (v: unknown) => crypto.createHash("sha256").update(JSON.stringify(v)).digest("hex");

/** Everything a write route can change: cases and their parts, products, findings, pilots, change cases and re-test reports, scheme versions and comments, the audit chain, checkpoints, outbox, evidence files. */
async function digest(): Promise<string> {
  const d = db();
  const byId = { orderBy: { id: "asc" as const } };
  const [cases, products, reports, results, evidence, panel, rounds, votes, decisions, certificates, findings, pilots, changes, changeReports, schemeVersions, schemeComments, head, events, checkpoints, outbox] = await Promise.all([
    d.case.findMany(byId),
    d.product.findMany(byId),
    d.labReport.findMany(byId),
    d.labResult.findMany(byId),
    d.evidence.findMany(byId),
    d.panelMember.findMany(byId),
    d.reviewRound.findMany(byId),
    d.vote.findMany(byId),
    d.decision.findMany(byId),
    d.certificate.findMany({ ...byId, select: { id: true, status: true, pdfSha256: true } }),
    d.finding.findMany(byId),
    d.pilot.findMany(byId),
    d.changeCase.findMany(byId),
    d.changeReport.findMany(byId),
    d.schemeVersion.findMany({ ...byId, select: { id: true, status: true, definition: true, commentsUntil: true, approvedAt: true, effectiveFrom: true, transitionUntil: true } }),
    d.schemeComment.findMany(byId),
    d.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
    d.auditEvent.count(),
    d.auditCheckpoint.count(),
    d.outboxJob.count(),
  ]);
  const evidenceDir = path.join(env().dataDir, "evidence");
  const files = fs.existsSync(evidenceDir) ? fs.readdirSync(evidenceDir, { recursive: true }).map(String).sort() : [];
  return sha({ cases, products, reports, results, evidence, panel, rounds, votes, decisions, certificates, findings, pilots, changes, changeReports, schemeVersions, schemeComments, head, events, checkpoints, outbox, files });
}

/** The audit chain head, checkpoints and evidence files: cheap enough to take around every request. */
async function quickDigest(): Promise<string> {
  const d = db();
  // Cases, lab reports, evidence, findings, stage limits, change cases and re-test reports change only with an audit event in the same transaction.
  const [head, checkpoints] = await Promise.all([
    d.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
    d.auditCheckpoint.count(),
  ]);
  const evidenceDir = path.join(env().dataDir, "evidence");
  const files = fs.existsSync(evidenceDir) ? fs.readdirSync(evidenceDir, { recursive: true }).length : 0;
  return sha({ head, checkpoints, files });
}

function operations(): Operation[] {
  const doc = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  };
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!WRITE_METHODS.includes(method)) continue;
      const content = Object.keys(op.requestBody?.content ?? {});
      const props = propertiesOf(op.requestBody?.content?.["application/json"]?.schema);
      ops.push({ method: method.toUpperCase(), path: p, public: Array.isArray(op.security) && op.security.length === 0, content, props });
    }
  }
  return ops;
}

async function handlerOf(op: Operation): Promise<Handler> {
  const dir = op.path.split("/").filter(Boolean).map((s) => s.replace(/^\{(.+)\}$/, "[$1]"));
  const mod = (await import(path.join(process.cwd(), "app/api/v1", ...dir, "route.ts"))) as Record<string, Handler>;
  const h = mod[op.method];
  if (!h) throw new Error(`${op.method} ${op.path}: the route file exports no ${op.method}`);
  return h;
}

/** Path parameters: real rows where the route has them, so that the body is what decides. */
function paramsFor(op: Operation): Record<string, string> {
  const first = op.path.split("/")[1];
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return Object.fromEntries(names.map((n) => [n, paramsByPath[op.path]?.[n] ?? params[first]?.[n] ?? "does-not-exist"]));
}

beforeAll(async () => {
  t = await useFreshDatabase();
  w = await seedWorld();
  const u = w.users;
  const caseId = await caseIn(w, "testing");
  const finding = await recordFinding(u.ministry1, { caseId, severity: "low", text: "fuzz target" });
  // After-care: a certified case (changes are reported on it) and its surveillance in re-testing by
  // Lab One (the change routes' target: the lab's re-test report is read, not refused for the state).
  const certified = await caseIn(w, "certified");
  const items = schemeItems(seededScheme("phone")!).slice(0, 2).map(({ item }) => item.key);
  const surveillance = await reportChange(u.secretariat, certified, { kind: "surveillance", description: "fuzz target", items });
  tokens = {
    vendor: await tokenFor(u.vendorA),
    lab: await tokenFor(u.lab1),
    expert: await tokenFor(u.expert1),
    secretariat: await tokenFor(u.secretariat),
    ministry: await tokenFor(u.ministry1),
    admin: await tokenFor(u.admin),
  };
  params = {
    cases: { id: caseId, evidenceId: "does-not-exist" },
    findings: { id: (finding as { id: string }).id },
    pilots: { id: w.pilot.id },
    changes: { id: surveillance.id },
  };
  // Scheme governance: a version proposed for comment with one comment (docs/domain.md#scheme-governance).
  const { createDraft, proposeScheme, commentOnScheme } = await import("@/lib/schemes");
  await createDraft(u.secretariat, { fromSchemeId: "phone", fromVersion: "2026.1", newVersion: "2026.80" });
  await proposeScheme(u.secretariat, "phone", "2026.80", { commentsUntil: new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10) });
  const comment = await commentOnScheme(u.vendorA, "phone", "2026.80", { text: "fuzz target" });
  params.schemes = { id: "phone", version: "2026.80", commentId: comment.id };
  paramsByPath = { "/cases/{id}/changes": { id: certified } };
}, 120_000);
afterAll(async () => t?.drop());

describe(`hostile bodies on every write route of the OpenAPI document (${DB})`, () => {
  const ops = operations();

  it("finds the write routes", () => {
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining([
        "POST /cases", "POST /cases/{id}/events", "PUT /cases/{id}/lab-report", "POST /verify",
        "POST /cases/{id}/changes", "POST /changes/{id}/events", "PUT /changes/{id}/lab-report",
        "POST /pilots", "POST /pilots/{id}/events", "POST /cases/{id}/results-publication",
        "POST /schemes/{id}/{version}/propose", "POST /schemes/{id}/{version}/comments",
        "POST /schemes/{id}/{version}/comments/{commentId}/answer", "POST /schemes/{id}/{version}/approve", "POST /schemes/{id}/{version}/publish",
        "POST /schemes/{id}/{version}/comment-period",
      ]));
  });

  for (const op of ops) {
    it(`${op.method} ${op.path}: no 5xx, refusals in the error format, and a refusal changes nothing`, async () => {
      const handler = await handlerOf(op);
      const bodies = bodiesFor(op);
      // A public route sees everyone the same way; the others are tried as each role.
      const roles: Role[] = op.public ? ["anonymous"] : ROLES;
      const url = `http://localhost/api/v1${op.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(paramsFor(op)[n]))}`;
      const failures: string[] = [];
      // Around each refusal: the audit chain head and counts (every write of the portal appends to
      // the chain or adds a row); around each role's run: the full digest of the tables.
      let quickBefore = await quickDigest();
      let fullBefore = await digest();
      for (const role of roles) {
        // Without a caller a signed-in route answers 401 before it reads a byte: the generic bodies show that.
        // A role whose wrongly typed body reaches the schema (422 rather than 401, 403 or 404) also gets the per-property bodies.
        const queue = role === "anonymous" && !op.public ? [...GENERIC] : [...bodies];
        let letIn = false;
        for (let i = 0; i < queue.length; i++) {
          const body = queue[i];
          const init = body.init();
          const headers = new Headers(init.headers);
          if (role !== "anonymous") headers.set("authorization", `Bearer ${tokens[role]}`);
          const res = await handler(new Request(url, { ...init, method: op.method, headers }), { params: Promise.resolve(paramsFor(op)) });
          if (body.name === "every property = empty object" && res.status === 422 && !letIn) {
            letIn = true;
            queue.push(...perPropertyBodies(op));
          }
          const what = `${role} × ${body.name}: ${res.status}`;
          if (process.env.FUZZ_DEBUG) console.log(`${op.method} ${op.path} ${what}`);
          const text = await res.text();
          if (res.status >= 500) failures.push(`${what} ${text.slice(0, 200)}`);
          if (res.status >= 400) {
            let code: unknown;
            try {
              code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
            } catch {
              code = undefined;
            }
            if (typeof code !== "string" || !/^[A-Z_]+$/.test(code)) failures.push(`${what} without an error code: ${text.slice(0, 200)}`);
            const after = await quickDigest();
            if (after !== quickBefore) failures.push(`${what} changed the stored state`);
            quickBefore = after;
          } else {
            // Accepted (a route that ignores its body, or a body that is in fact valid): the new state is the baseline.
            quickBefore = await quickDigest();
            fullBefore = await digest();
          }
        }
        const fullAfter = await digest();
        if (fullAfter !== fullBefore) failures.push(`${role}: the refusals since the last accepted request changed the stored state`);
        fullBefore = fullAfter;
      }
      expect(failures).toEqual([]);
    }, 300_000);
  }
});
