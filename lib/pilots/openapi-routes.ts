// The OpenAPI description of pilot management, the pilot report and published results
// (docs/domain.md#pilots), listed in lib/api/openapi.ts's EXTRA_ROUTES.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorBody } } }]));
const ok = (schema: z.ZodType, status = 200, description = "OK") => ({ [String(status)]: { description, content: { "application/json": { schema } } } });
const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const id = z.object({ id: z.string() });
const day = z.string().describe("a day YYYY-MM-DD (Beijing time) or an ISO instant, 2020–2099");
const Days = z.number().int().min(1).max(365).optional();

const Pilot = z.object({
  id: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  status: z.enum(["draft", "approved", "open", "closed"]),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  stageLimits: z.object({ screening: Days, testing: Days, review: Days, decision: Days }),
  scope: z.array(z.string()).describe("category keys; empty: every category"),
  applicationsFrom: z.string().nullable(),
  applicationsUntil: z.string().nullable().describe("exclusive"),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
const NewPilot = z.object({
  name: z.string().max(120),
  nameZh: z.string().max(120),
  scope: z.array(z.string().max(40)).max(20).optional(),
  startsAt: day,
  endsAt: day.optional().describe("a day: up to its end"),
  applicationsFrom: day.optional(),
  applicationsUntil: day.optional().describe("a day: up to its end"),
  stageLimits: z.object({ screening: Days, testing: Days, review: Days, decision: Days }).optional(),
});
const Published = z.object({
  caseId: z.string(),
  vendor: z.string(),
  product: z.string(),
  model: z.string(),
  category: z.string(),
  level: z.string(),
  certificateNumber: z.string(),
  publishedAt: z.string(),
  scheme: z.object({ id: z.string(), version: z.string() }).describe("the scheme version the case was graded under"),
  profile: z.record(z.string(), z.string().nullable()).describe("element → level"),
  results: z.array(z.object({ item: z.string(), value: z.number().nullable(), unit: z.string() })),
});

export const PILOT_ROUTES: RouteConfig[] = [
  { method: "post", path: "/pilots", summary: "Secretariat: create a pilot (a draft awaiting the ministry's approval; recorded in the audit chain)", request: { body: body(NewPilot) }, responses: { ...ok(Pilot, 201, "Created"), ...errors(401, 403, 409, 422) } },
  { method: "post", path: "/pilots/{id}/events", summary: "A pilot's status: APPROVE (ministry, draft → approved), OPEN (secretariat, approved → open), CLOSE (secretariat, open → closed: no new applications, running cases go on)", request: { params: id, body: body(z.object({ type: z.enum(["APPROVE", "OPEN", "CLOSE"]) })) }, responses: { ...ok(Pilot), ...errors(401, 403, 404, 409, 422) } },
  { method: "get", path: "/pilots/{id}/report", summary: "Ministry and secretariat: the pilot report for a period as CSV or PDF, with the dashboard's figures (the same function as /pilots/{id}/stats)", request: { params: id, query: z.object({ format: z.enum(["csv", "pdf"]), category: z.string().optional(), from: day.optional(), to: day.optional() }) }, responses: { "200": { description: "text/csv or application/pdf, as an attachment" }, ...errors(401, 403, 404, 422) } },
  { method: "post", path: "/cases/{id}/results-publication", summary: "Vendor: publish (publish: true) or withdraw (false) its certified case's element profile and item results in the registry's comparison (recorded in the audit chain)", request: { params: id, body: body(z.object({ publish: z.boolean() })) }, responses: { ...ok(z.object({ caseId: z.string(), resultsPublishedAt: z.string().nullable() })), ...errors(401, 403, 404, 409, 422) } },
  { method: "get", path: "/published-results", summary: "Public: the published results of certified products of one category (pilot values), paged", security: [], request: { query: z.object({ category: z.string(), page: z.string().optional(), size: z.string().optional().describe("1–100, default 50") }) }, responses: { ...ok(z.object({ category: z.string(), total: z.number().int(), page: z.number().int(), size: z.number().int(), results: z.array(Published) })), ...errors(422, 429) } },
];
