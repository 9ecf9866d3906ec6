// The OpenAPI document of /api/v1, generated from the same zod schemas that validate requests.
// lib/api/openapi.test.ts fails when a route file exists that this document does not describe.
import { z } from "zod";
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { CreateCaseSchema, LabReportRequestSchema } from "@/lib/cases/schemas";
import { UpdateApplicationSchema } from "@/lib/cases/update-application";
import { ADVERSE_KINDS, EVENT_TYPES, LEVELS, eventPayloadSchemas } from "@/workflows/certification";
import { CHANGE_ROUTES } from "@/lib/aftercare/openapi-routes";
import { DisclosedModelSchema } from "@/lib/cases/models";
import { AUDIT_ROUTES } from "@/lib/audit/openapi-routes";
import { PILOT_ROUTES } from "@/lib/pilots/openapi-routes";
import { COMPLAINT_ROUTES } from "@/lib/complaints/openapi-routes";
import { CONFLICT_ROUTES } from "@/lib/conflicts/openapi-routes";
import { LETTER_ROUTES } from "@/lib/letters/openapi-routes";
import { LAB_REPORT_ROUTES } from "@/lib/cases/openapi-lab-report";
import { PROFICIENCY_ROUTES } from "@/lib/proficiency/openapi-routes";
import { SCHEME_ROUTES } from "@/lib/schemes/openapi-routes";
import { CATEGORY_ROUTES } from "@/lib/categories/openapi-routes";
import { DOMAIN_CODES } from "@/lib/errors";

// JSON bodies are at most 256 KB (lab reports 2 MB, PDFs 5 MB, evidence 50 MB): 413 with details.limit (lib/http/body.ts).
const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "INVALID_INPUT", "RATE_LIMITED", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "INTERNAL"]),
    message: z.string().describe("English, rendered from the domain code's message"),
    reason: z
      .enum(DOMAIN_CODES as [string, ...string[]])
      .optional()
      .describe("The domain code (stable, UPPER_SNAKE): why exactly. Also in details.reason, except for INVALID_REQUEST, whose details are keyed by field"),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe("The domain code's parameters (e.g. LEVEL_ABOVE_LAB: level, labLevel; APPEAL_WINDOW_CLOSED: days, deadline)"),
    details: z.record(z.string(), z.unknown()).optional().describe("For INVALID_INPUT: field path → English message; plus reason and facts such as currentVersion, retryAfterSeconds, scope"),
    fields: z
      .record(z.string(), z.object({ reason: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }))
      .optional()
      .describe("For INVALID_INPUT: field path → domain code and parameters, for clients that show the refusal in their own language"),
  }),
}).describe("`code` is the HTTP-level code (one per status); `reason`, `params` and `fields` were added to this shape without changing its older fields");

const Level = z.enum(LEVELS);
const CaseSchema = z.object({
  id: z.string(),
  state: z.string().describe("the machine's state as a dotted string, e.g. review.voting"),
  version: z.number().int(),
  scheme: z.object({ id: z.string(), version: z.string() }),
  category: z.string(),
  product: z.object({ id: z.string(), name: z.string(), model: z.string(), softwareVersion: z.string(), models: z.array(DisclosedModelSchema).describe("the disclosed models (docs/domain.md#model-disclosure); empty: not disclosed") }),
  vendor: z.object({ id: z.string(), name: z.string() }),
  pilot: z.object({ id: z.string(), name: z.string() }),
  claimedLevel: Level,
  lab: z.object({ id: z.string(), name: z.string() }).nullable(),
  labLevel: Level.nullable(),
  labProfile: z.record(z.string(), Level.nullable()).nullable(),
  recommendation: z
    .object({ verdict: z.enum(["approve", "reject", "retest"]), level: Level.nullable(), approve: z.number(), reject: z.number(), retest: z.number() })
    .nullable(),
  votes: z.array(z.record(z.string(), z.unknown())).describe("blind: what the caller may see of the current round's votes"),
  allowedEvents: z.array(z.enum(EVENT_TYPES)),
  certificate: z.object({ number: z.string(), revision: z.number().int(), publicId: z.string(), status: z.string() }).nullable(),
  certificateBeingIssued: z.boolean(),
  adverse: z
    .object({ kind: z.enum(ADVERSE_KINDS), at: z.string(), by: z.string().nullable(), appealed: z.boolean() })
    .nullable()
    .describe("the last adverse decision, which the vendor may appeal once within 30 days"),
  appealDeadline: z.string().nullable(),
  pendingAppeal: z
    .object({ kind: z.enum(ADVERSE_KINDS), from: z.enum(["rejected", "certified", "suspended", "revoked"]), grounds: z.string(), filedAt: z.string() })
    .nullable(),
  suspendedAt: z.string().nullable(),
  correctBy: z.string().nullable().describe("while suspended: the date to correct by"),
});

// One request body per event type: { type, expectedVersion, ...that event's payload }.
const EventBody = z.union(
  EVENT_TYPES.map((type) =>
    (eventPayloadSchemas[type] as z.ZodObject).extend({ type: z.literal(type), expectedVersion: z.number().int().min(1) }),
  ) as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]],
);

const AuditEventSchema = z.object({
  seq: z.number().int(), type: z.string(), at: z.string(), actorRole: z.string(), actorId: z.string().nullable(),
  actorName: z.string().nullable(), payload: z.record(z.string(), z.unknown()), hash: z.string(),
});
const Determination = z.object({
  level: Level.nullable(),
  profile: z.record(z.string(), Level.nullable()),
  blockers: z.object({ level: Level, items: z.array(z.record(z.string(), z.unknown())) }).nullable(),
});
const Bi = z.object({ zh: z.string(), en: z.string() });
const PublicCertificate = z.object({
  number: z.string(), publicId: z.string(),
  revision: z.number().int().describe("0 as first issued; each reissue keeps the number as revision 1, 2, … (R1, R2)"),
  status: z.enum(["valid", "suspended", "revoked", "expired", "superseded"]), statusReason: z.string().nullable(), statusChangedAt: z.string().nullable(),
  level: Level, levelName: Bi, profile: z.array(z.object({ key: z.string(), title: Bi, level: z.string().nullable() })),
  product: z.object({
    name: z.string(), model: z.string(), softwareVersion: z.string(),
    models: z.array(DisclosedModelSchema).describe("the models the product disclosed when the application was submitted (docs/domain.md#model-disclosure); empty: not disclosed"),
  }), vendor: z.string(), vendorZh: z.string().nullable(),
  category: z.string(), categoryName: Bi, scheme: z.object({ id: z.string(), version: z.string() }),
  pilot: z.object({ id: z.string(), name: z.string(), nameZh: z.string().nullable() }),
  issuedAt: z.string(), validUntil: z.string(), issuer: Bi, pdfSha256: z.string(),
  versionsCovered: z.array(z.object({ kind: z.string(), from: z.string(), to: z.string() })).describe("on-device model, cloud model and hardware versions that after-care amendments added"),
});
const SchemeSummary = z.record(z.string(), z.unknown());
const Json = z.record(z.string(), z.unknown());

const id = z.object({ id: z.string() });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorSchema } } }]));
const ok = (schema: z.ZodType, description = "OK", status = 200) => ({ [String(status)]: { description, content: { "application/json": { schema } } } });
const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

/** Every route of /api/v1. `security: []` marks the public ones. */
export const ROUTES: RouteConfig[] = [
  { method: "get", path: "/me", summary: "Who am I", responses: { ...ok(z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), organization: z.object({ id: z.string(), name: z.string() }) })), ...errors(401) } },
  { method: "get", path: "/cases", summary: "Cases the caller may see", request: { query: z.object({ state: z.string().optional(), pilotId: z.string().optional(), category: z.string().optional(), take: z.string().optional() }) }, responses: { ...ok(z.object({ cases: z.array(Json) })), ...errors(401, 403) } },
  { method: "post", path: "/cases", summary: "A vendor creates a draft case (with `productId` of a product that a case past its draft holds, the draft starts from a copy of that product)", request: { body: body(CreateCaseSchema) }, responses: { ...ok(CaseSchema, "Created", 201), ...errors(401, 403, 413, 422) } },
  { method: "get", path: "/cases/{id}", summary: "One case, with the caller's allowed events", request: { params: id }, responses: { ...ok(CaseSchema), ...errors(401, 404) } },
  { method: "patch", path: "/cases/{id}", summary: "The vendor edits its draft application (409 with details.reason PRODUCT_FROZEN when the product is held by a submitted or certified case)", request: { params: id, body: body(UpdateApplicationSchema) }, responses: { ...ok(CaseSchema), ...errors(401, 403, 404, 409, 413, 422) } },
  { method: "post", path: "/cases/{id}/events", summary: "Send a lifecycle event", request: { params: id, body: body(EventBody) }, responses: { ...ok(CaseSchema), ...errors(401, 403, 404, 409, 413, 422) } },
  { method: "get", path: "/cases/{id}/events", summary: "The case's audit events (votes blind until the panel closes)", request: { params: id }, responses: { ...ok(z.object({ events: z.array(AuditEventSchema) })), ...errors(401, 404) } },
  { method: "put", path: "/cases/{id}/lab-report", summary: "The assigned lab's report draft: results (JSON, or text/csv with header item,value,unit[,uncertainty[,n]]; at most 2 MB and a few rows per scheme item; a refusal lists the first 50 errors and `errorCount`) and, in JSON, the envelope fields reportNumber, sample {serials, buildFingerprint, softwareVersion, models}, testedFrom, testedTo (YYYY-MM-DD), environment, signatory (an absent field is kept, null clears it; JSON without results saves the envelope alone). SUBMIT_REPORT needs the whole envelope, a sample of the version applied for and, when the sample lists models and the case discloses some, the disclosed models (REPORT_ENVELOPE_INCOMPLETE naming each field, SAMPLE_VERSION_MISMATCH, SAMPLE_MODELS_MISMATCH); results only for items in the lab's accreditation scope (LAB_SCOPE_EXCLUDES_ITEM)", request: { params: id, body: { content: { "application/json": { schema: LabReportRequestSchema }, "text/csv": { schema: z.string() } } } }, responses: { ...ok(Determination), ...errors(401, 403, 404, 409, 413, 415, 422) } },
  { method: "post", path: "/cases/{id}/evidence", summary: "Upload an evidence file (multipart field `file`, ≤ 50 MB; PDF, PNG, JPEG, CSV, JSON, ZIP)", request: { params: id, body: { content: { "multipart/form-data": { schema: z.object({ file: z.string().describe("binary") }) } } } }, responses: { ...ok(z.object({ id: z.string(), sha256: z.string(), size: z.number() }), "Created", 201), ...errors(401, 403, 404, 409, 413, 415, 422) } },
  { method: "get", path: "/cases/{id}/evidence", summary: "The case's evidence files", request: { params: id }, responses: { ...ok(z.object({ evidence: z.array(Json) })), ...errors(401, 404) } },
  { method: "get", path: "/cases/{id}/evidence/{evidenceId}", summary: "Download one evidence file", request: { params: z.object({ id: z.string(), evidenceId: z.string() }) }, responses: { "200": { description: "The file" }, ...errors(401, 404) } },
  { method: "get", path: "/schemes", summary: "Grading schemes and their versions", responses: { ...ok(z.object({ schemes: z.array(SchemeSummary) })), ...errors(401) } },
  { method: "get", path: "/schemes/{id}/{version}", summary: "One scheme version (the scheme JSON and where the version stands)", request: { params: z.object({ id: z.string(), version: z.string() }) }, responses: { ...ok(Json), ...errors(401, 404) } },
  { method: "get", path: "/certificates/{publicId}", summary: "Public: a certificate and its live status", security: [], request: { params: z.object({ publicId: z.string() }) }, responses: { ...ok(PublicCertificate.extend({ supersededBy: z.string().nullable().describe("the public id of the current revision, for an earlier one"), revisions: z.array(z.object({ revision: z.number().int(), publicId: z.string(), kind: z.enum(["award", "downgrade", "amendment"]).describe("why the revision was issued"), level: z.string(), issuedAt: z.string(), status: z.string(), reason: z.string().nullable().describe("the reason of a downgrade or an amendment"), change: z.object({ kind: z.string(), from: z.string(), to: z.string() }).nullable().describe("what an amendment changed") })).describe("oldest first") })), ...errors(404) } },
  { method: "get", path: "/certificates/{publicId}/pdf", summary: "Public: the signed PDF", security: [], request: { params: z.object({ publicId: z.string() }) }, responses: { "200": { description: "application/pdf" }, ...errors(404) } },
  { method: "post", path: "/verify", summary: "Public: is this PDF a genuine certificate, and its live status (at most 5 MB)", security: [], request: { body: { content: { "application/pdf": { schema: z.string().describe("binary") }, "multipart/form-data": { schema: z.object({ file: z.string().describe("binary") }) } } } }, responses: { ...ok(z.object({ valid: z.boolean(), reason: z.string(), reasonCode: z.enum(["valid", "not_pdf", "none", "altered", "malformed", "foreign", "unknown"]), certificate: PublicCertificate.nullable() })), ...errors(413, 415, 422, 429) } },
  { method: "get", path: "/trust/ca.pem", summary: "Public: every CA certificate the portal's signing keys chain to (the current one first, then those of rotated keys), one PEM bundle", security: [], responses: { "200": { description: "application/x-pem-file" } } },
  { method: "get", path: "/audit/verify", summary: "Ministry: verify the audit hash chain", responses: { ...ok(z.union([z.object({ ok: z.literal(true), count: z.number(), head: z.string() }), z.object({ ok: z.literal(false), brokenAt: z.number() })])), ...errors(401, 403) } },
  { method: "get", path: "/pilots/{id}/stats", summary: "Ministry and secretariat: pilot statistics (cases per state, stage times, cases over a limit, levels, labs, panels, deviations, findings, overdueSuspensions { total, cases[] }, complaints { received, open, closed, medianCloseMs })", request: { params: id }, responses: { ...ok(Json), ...errors(401, 403, 404) } },
  { method: "get", path: "/openapi.json", summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
];

/** Routes other features add describe themselves here (kept in one list so the test sees them all). */
export const EXTRA_ROUTES: RouteConfig[] = [...AUDIT_ROUTES, ...CHANGE_ROUTES, ...COMPLAINT_ROUTES, ...CONFLICT_ROUTES, ...LETTER_ROUTES, ...LAB_REPORT_ROUTES, ...PROFICIENCY_ROUTES, ...PILOT_ROUTES, ...SCHEME_ROUTES, ...CATEGORY_ROUTES];

export function openApiDocument(serverUrl = "/api/v1") {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "Personal API token (made on /account after re-entering the password; expires in at most a year). Scopes: read (every GET), " +
      "cases:write (create and edit applications, case events), lab:report (lab report, evidence upload), oversight:write (findings, " +
      "checkpoints, pilot stage limits). A refused token answers 401 with details.reason TOKEN_INVALID, TOKEN_REVOKED, TOKEN_EXPIRED or " +
      "TOKEN_ACCOUNT_DISABLED, or 403 with details.reason TOKEN_SCOPE and details.scope. AWARD and REVOKE are never sent with a token " +
      "(403, details.reason REAUTH_REQUIRED): they need a person who signed in to the portal in the last 15 minutes.",
  });
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The portal's session cookie. Writes (POST, PUT, PATCH, DELETE) with it need an Origin header equal to the portal's address " +
      "(else 403, details.reason CROSS_ORIGIN) and a documented content type (else 415, details.reason CONTENT_TYPE). AWARD and REVOKE " +
      "need a sign-in of the last 15 minutes (else 401, details.reason REAUTH_REQUIRED). An account whose role requires a second factor " +
      "and has none set up yet is refused everything (403, details.reason TOTP_ENROLMENT_REQUIRED).",
  });
  for (const r of [...ROUTES, ...EXTRA_ROUTES]) {
    registry.registerPath({ security: [{ bearer: [] }, { session: [] }], ...r });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Zhiji (智级) API", version: "1", description: "AI-terminal intelligence grading pilot portal. Errors: {error:{code,message,details?}}." },
    servers: [{ url: serverUrl }],
  });
}
