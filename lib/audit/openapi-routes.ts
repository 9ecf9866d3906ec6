// The OpenAPI description of the audit routes (dashboard stats, explorer, export, checkpoints,
// findings, pilots' stage limits), listed in lib/api/openapi.ts's EXTRA_ROUTES.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { AnswerFindingInput, RecordFindingInput } from "./findings/schemas";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorBody } } }]));
const ok = (schema: z.ZodType, status = 200, description = "OK") => ({ [String(status)]: { description, content: { "application/json": { schema } } } });
const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const id = z.object({ id: z.string() });
const Json = z.record(z.string(), z.unknown());
const day = z.string().optional().describe("a day YYYY-MM-DD (Beijing time, inclusive) or an ISO instant");

const Days = z.number().int().min(1).max(365).optional();
const StageLimits = z.object({ screening: Days, testing: Days, review: Days, decision: Days }).describe("days per stage; a stage left out has no limit");
const EventFilter = z.object({
  caseId: z.string().optional(),
  actorId: z.string().optional(),
  role: z.string().optional(),
  type: z.string().optional(),
  from: day,
  to: day,
});
const Checkpoint = z.object({
  id: z.string(),
  seq: z.number().int(),
  head: z.string(),
  count: z.number().int(),
  signedAt: z.string(),
  statement: z.string().describe("the exact signed text"),
  signature: z.string().describe("base64 DER CMS SignedData, detached, over the statement's UTF-8 bytes"),
  signatureValid: z.boolean(),
  headMatches: z.boolean(),
});
const Finding = z.object({
  id: z.string(), caseId: z.string(), pilotId: z.string(), product: z.string(), caseState: z.string(),
  severity: z.enum(["low", "medium", "high"]), text: z.string(), status: z.enum(["open", "answered", "closed"]),
  createdAt: z.string(), createdBy: Json.nullable(), answer: z.string().nullable(), answeredAt: z.string().nullable(),
  answeredBy: Json.nullable(), closedAt: z.string().nullable(), closedBy: Json.nullable(),
});

export const AUDIT_ROUTES: RouteConfig[] = [
  { method: "get", path: "/pilots", summary: "Ministry and secretariat: the pilots with their stage limits", responses: { ...ok(z.object({ pilots: z.array(Json) })), ...errors(401, 403) } },
  { method: "put", path: "/pilots/{id}/stage-limits", summary: "Secretariat: a pilot's time limit per stage (recorded in the audit chain)", request: { params: id, body: body(StageLimits) }, responses: { ...ok(z.object({ stageLimits: StageLimits })), ...errors(401, 403, 404, 422) } },
  { method: "get", path: "/audit/events", summary: "Ministry and secretariat: audit events, newest first, paged by seq (pass nextBefore as before)", request: { query: EventFilter.extend({ before: z.string().optional(), take: z.string().optional().describe("1–500, default 50") }) }, responses: { ...ok(z.object({ events: z.array(Json), nextBefore: z.number().int().nullable() })), ...errors(401, 403, 422) } },
  { method: "get", path: "/audit/export", summary: "Ministry and secretariat: streamed export of events or cases as CSV or JSON", request: { query: EventFilter.extend({ what: z.enum(["events", "cases"]), format: z.enum(["csv", "json"]), after: z.string().optional().describe("events after this seq"), pilotId: z.string().optional(), category: z.string().optional(), state: z.string().optional() }) }, responses: { "200": { description: "text/csv or application/json (one record per line), as an attachment" }, ...errors(401, 403, 422) } },
  { method: "get", path: "/audit/checkpoints", summary: "Ministry and secretariat: signed checkpoints of the chain head, newest first", responses: { ...ok(z.object({ checkpoints: z.array(Checkpoint) })), ...errors(401, 403) } },
  { method: "post", path: "/audit/checkpoints", summary: "Ministry: sign a checkpoint of the chain head now (409 when the chain is broken)", responses: { ...ok(Checkpoint, 201, "Created"), ...errors(401, 403, 409) } },
  { method: "get", path: "/audit/checkpoints/{id}/statement", summary: "Ministry and secretariat: a checkpoint's signed statement, byte for byte", request: { params: id }, responses: { "200": { description: "text/plain" }, ...errors(401, 403, 404) } },
  { method: "get", path: "/audit/checkpoints/{id}/signature", summary: "Ministry and secretariat: a checkpoint's detached CMS signature (DER)", request: { params: id }, responses: { "200": { description: "application/pkcs7-signature" }, ...errors(401, 403, 404) } },
  { method: "get", path: "/findings", summary: "Ministry and secretariat: audit findings", request: { query: z.object({ caseId: z.string().optional(), pilotId: z.string().optional(), status: z.enum(["open", "answered", "closed", "pending"]).optional() }) }, responses: { ...ok(z.object({ findings: z.array(Finding) })), ...errors(401, 403, 422) } },
  { method: "post", path: "/findings", summary: "Ministry: record a finding on a case", request: { body: body(RecordFindingInput) }, responses: { ...ok(Finding, 201, "Created"), ...errors(401, 403, 404, 422) } },
  { method: "post", path: "/findings/{id}/answer", summary: "Secretariat: answer an open finding", request: { params: id, body: body(AnswerFindingInput) }, responses: { ...ok(Finding), ...errors(401, 403, 404, 409, 422) } },
  { method: "post", path: "/findings/{id}/close", summary: "Ministry: close an answered finding (409 while unanswered)", request: { params: id }, responses: { ...ok(Finding), ...errors(401, 403, 404, 409) } },
];
