// The OpenAPI description of an expert's conflict declarations, listed in lib/api/openapi.ts's EXTRA_ROUTES.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { CONFLICT_KINDS, DeclareConflictSchema } from "./schemas";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }) });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorBody } } }]));
const ok = (schema: z.ZodType, status = 200, description = "OK") => ({ [String(status)]: { description, content: { "application/json": { schema } } } });

const Conflict = z.object({
  id: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), nameZh: z.string().nullable(), kind: z.enum(["vendor", "lab"]) }),
  kind: z.enum(CONFLICT_KINDS),
  note: z.string().nullable(),
  declaredFrom: z.string().describe("ISO instant: the start of the first day"),
  declaredUntil: z.string().nullable().describe("ISO instant: the end of the last day; null while it lasts"),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable().describe("set by DELETE; the declaration is never removed"),
  inForce: z.boolean(),
});

export const CONFLICT_ROUTES: RouteConfig[] = [
  {
    method: "get",
    path: "/me/conflicts",
    summary: "Expert: my conflict-of-interest declarations, withdrawn ones included, newest first (at most 200)",
    responses: { ...ok(z.object({ conflicts: z.array(Conflict) })), ...errors(401, 403) },
  },
  {
    method: "post",
    path: "/me/conflicts",
    summary: "Expert: declare a conflict with a vendor or lab organisation (audit event CONFLICT_DECLARED); panel assignment then refuses the expert on that organisation's cases with EXPERT_DECLARED_CONFLICT",
    request: { body: { content: { "application/json": { schema: DeclareConflictSchema } } } },
    responses: { ...ok(Conflict, 201, "Declared"), ...errors(401, 403, 413, 422) },
  },
  {
    method: "delete",
    path: "/me/conflicts/{id}",
    summary: "Expert: withdraw one of my declarations (sets withdrawnAt, audit event CONFLICT_WITHDRAWN)",
    request: { params: z.object({ id: z.string() }) },
    responses: { ...ok(Conflict), ...errors(401, 403, 404, 409) },
  },
];
