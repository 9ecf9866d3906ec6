// The complaint routes of /api/v1 for the OpenAPI document (lib/api/openapi.ts lists them).
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { COMPLAINT_OUTCOMES } from "@/workflows/complaint";
import { ComplaintStatusSchema } from "./schemas";

const err = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: `${c}: error.reason names why (COMPLAINT_*, HANDLER_*, TEXT_TOO_LONG …)` }]));
const ok = (schema: z.ZodType, status = 200, description = "OK") => ({ [String(status)]: { description, content: { "application/json": { schema } } } });
const reference = z.object({ reference: z.string().describe("e.g. C-2026-7KX3M9QF") });

const ComplaintRecord = z.object({
  reference: z.string(), state: z.enum(["received", "investigating", "closed"]), version: z.number().int(),
  handlerId: z.string().nullable(), outcome: z.enum(COMPLAINT_OUTCOMES).nullable(), publicSummary: z.string().nullable(),
});
const FileComplaintBody = z.object({
  certificateNumber: z.string().optional(), publicId: z.string().optional(),
  subject: z.string().max(200), text: z.string().max(4000), contact: z.string().max(200).optional(),
});
const ComplaintEventBody = z.union([
  z.object({ type: z.literal("TRIAGE"), expectedVersion: z.number().int().min(1), handlerId: z.string().describe("a secretariat or ministry user with no part in the case") }),
  z.object({ type: z.literal("CLOSE"), expectedVersion: z.number().int().min(1), outcome: z.enum(COMPLAINT_OUTCOMES), publicSummary: z.string().max(2000) }),
]);

export const COMPLAINT_ROUTES: RouteConfig[] = [
  {
    method: "post", path: "/complaints", security: [],
    summary: "Public: complain about a certified product or a certificate (certificateNumber or publicId must name one; subject ≤ 200, text ≤ 4000, contact ≤ 200 characters; at most 5 an hour from one address). The tracking token is shown only in this answer.",
    request: { body: { content: { "application/json": { schema: FileComplaintBody } } } },
    responses: { ...ok(z.object({ reference: z.string(), trackingToken: z.string() }), 201, "Created"), ...err(413, 415, 422, 429) },
  },
  {
    method: "get", path: "/complaints/{reference}", security: [],
    summary: "Public: the complaint's status and, once closed, its outcome and public summary (an unknown reference and a wrong token are the same 404 COMPLAINT_NOT_FOUND)",
    request: { params: reference, query: z.object({ token: z.string() }) },
    responses: { ...ok(ComplaintStatusSchema), ...err(404, 429) },
  },
  {
    method: "post", path: "/complaints/{reference}/events",
    summary: "Secretariat: TRIAGE { handlerId } (received → investigating); the assigned handler: CLOSE { outcome, publicSummary } (investigating → closed). Stale expectedVersion → 409 COMPLAINT_VERSION_MISMATCH; an involved handler → 422 HANDLER_*",
    request: { params: reference, body: { content: { "application/json": { schema: ComplaintEventBody } } } },
    responses: { ...ok(ComplaintRecord), ...err(401, 403, 404, 409, 413, 422) },
  },
];
