// The OpenAPI description of the scheme governance routes (docs/domain.md#scheme-governance),
// listed in lib/api/openapi.ts's EXTRA_ROUTES. The bodies mirror lib/schemes/governance.ts.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorBody } } }]));
const ok = (schema: z.ZodType, status = 200, description = "OK") => ({ [String(status)]: { description, content: { "application/json": { schema } } } });
const body = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const ref = z.object({ id: z.string(), version: z.string() });
const day = z.string().describe("a Beijing day, YYYY-MM-DD");
const text = z.string().min(1).max(2000);

const Comment = z.object({
  id: z.string(),
  author: z.object({ role: z.string(), name: z.string(), organization: z.string() }),
  target: z.string().nullable().describe("an item or element key; null: the whole scheme"),
  text: z.string(),
  createdAt: z.string(),
  answer: z.object({ text: z.string(), at: z.string(), by: z.string() }).nullable(),
});

export const SCHEME_ROUTES: RouteConfig[] = [
  {
    method: "post",
    path: "/schemes/{id}/{version}/propose",
    summary: "Secretariat: propose a draft for comment until a day (today to 180 days ahead); the draft is frozen from then on",
    request: { params: ref, body: body(z.object({ commentsUntil: day }).strict()) },
    responses: { ...ok(z.object({ status: z.literal("proposed"), proposedAt: z.string(), commentsUntil: day })), ...errors(401, 403, 404, 409, 413, 422) },
  },
  {
    method: "post",
    path: "/schemes/{id}/{version}/comment-period",
    summary:
      "Secretariat: set or extend the last day of a proposed version's comment period (not before the proposal, not past, at most 180 days ahead, later than the current end)",
    request: { params: ref, body: body(z.object({ commentsUntil: day }).strict()) },
    responses: { ...ok(z.object({ status: z.literal("proposed"), proposedAt: z.string().nullable(), commentsUntil: day })), ...errors(401, 403, 404, 409, 413, 422) },
  },
  {
    method: "get",
    path: "/schemes/{id}/{version}/comments",
    summary: "The comments on a proposed, approved or published version with their answers, oldest first",
    request: { params: ref },
    responses: { ...ok(z.object({ comments: z.array(Comment) })), ...errors(401, 404) },
  },
  {
    method: "post",
    path: "/schemes/{id}/{version}/comments",
    summary: "Expert, lab or vendor: comment while the comment period runs (at most 50 per person and version)",
    request: { params: ref, body: body(z.object({ target: z.string().max(100).nullable().optional(), text }).strict()) },
    responses: { ...ok(Comment, 201, "Created"), ...errors(401, 403, 404, 409, 413, 422) },
  },
  {
    method: "post",
    path: "/schemes/{id}/{version}/comments/{commentId}/answer",
    summary: "Secretariat: answer a comment, once, while the version is proposed (the author is mailed)",
    request: { params: ref.extend({ commentId: z.string() }), body: body(z.object({ answer: text }).strict()) },
    responses: { ...ok(Comment), ...errors(401, 403, 404, 409, 413, 422) },
  },
  {
    method: "post",
    path: "/schemes/{id}/{version}/approve",
    summary: "Ministry: approve once the comment period has ended and every comment is answered (a recent sign-in; never a token)",
    request: { params: ref },
    responses: { ...ok(z.object({ status: z.literal("approved"), approvedAt: z.string() })), ...errors(401, 403, 404, 409) },
  },
  {
    method: "post",
    path: "/schemes/{id}/{version}/publish",
    summary:
      "Secretariat: publish an approved version, in force from effectiveFrom; transitionUntil (required when a version is in force, not before effectiveFrom) is the last day applications may still pin the versions it replaces (a recent sign-in; never a token)",
    request: { params: ref, body: body(z.object({ effectiveFrom: day, transitionUntil: day.nullable().optional() }).strict()) },
    responses: { ...ok(z.object({ status: z.literal("published"), publishedAt: z.string(), effectiveFrom: day })), ...errors(401, 403, 404, 409, 413, 422) },
  },
];
