// The OpenAPI description of proficiency testing (docs/domain.md#proficiency-testing), listed in lib/api/openapi.ts's EXTRA_ROUTES.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { CreateRoundSchema, SubmitValuesSchema } from "./schemas";

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }) });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: String(c), content: { "application/json": { schema: ErrorBody } } }]));
const ok = (schema: z.ZodType, status = 200, description = "OK") => ({ [String(status)]: { description, content: { "application/json": { schema } } } });

const Summary = z.object({
  id: z.string(),
  title: z.string(),
  scheme: z.object({ id: z.string(), version: z.string() }),
  category: z.string(),
  itemCount: z.number().int(),
  deadline: z.string(),
  status: z.enum(["open", "closed"]),
  closed: z.boolean().describe("closed by the secretariat, or its deadline has passed"),
  invited: z.number().int(),
  submitted: z.number().int(),
  mine: z.object({ submittedAt: z.string().nullable() }).nullable().describe("a lab: whether it has submitted"),
});
const Item = z.object({ key: z.string(), title: z.object({ zh: z.string(), en: z.string() }), unit: z.string() });
const Round = Summary.extend({
  referenceSample: z.string(),
  items: z.array(Item),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  labs: z.array(z.object({ id: z.string(), name: z.string(), nameZh: z.string().nullable(), submittedAt: z.string().nullable() })).describe("empty for a lab"),
  myValues: z.record(z.string(), z.number()).nullable().describe("a lab's own values; never another lab's"),
});
const Results = z.object({
  round: Round,
  items: z.array(
    Item.extend({
      n: z.number().int(),
      robustMean: z.number().nullable().describe("x*, ISO 13528 Algorithm A"),
      robustSd: z.number().nullable().describe("s*; 0 means no z-scores"),
      iterations: z.number().int(),
      scores: z.array(
        z.object({
          labId: z.string(),
          name: z.string(),
          nameZh: z.string().nullable(),
          value: z.number().nullable(),
          z: z.number().nullable(),
          class: z.enum(["satisfactory", "questionable", "unsatisfactory"]).nullable(),
        }),
      ).describe("every invited lab (secretariat, ministry); a lab gets its own row only"),
    }),
  ),
});
const id = z.object({ id: z.string() });

export const PROFICIENCY_ROUTES: RouteConfig[] = [
  {
    method: "get",
    path: "/proficiency",
    summary:
      "Proficiency-testing rounds: every round (secretariat, ministry), the rounds the caller's lab is invited to (lab); paged (page, size ≤ 100, default 25), " +
      "newest deadline first unless sort/dir say otherwise; a bad value takes the default, a page past the end is the last page",
    request: {
      query: z.object({
        page: z.string().optional().describe("1-based, default 1"),
        size: z.string().optional().describe("1–100, default 25"),
        sort: z.enum(["deadline", "title", "created"]).optional().describe("default deadline"),
        dir: z.enum(["asc", "desc"]).optional().describe("default desc for deadline, else asc"),
      }),
    },
    responses: {
      ...ok(z.object({ rounds: z.array(Summary), total: z.number().int(), page: z.number().int(), size: z.number().int(), pageCount: z.number().int() })),
      ...errors(401, 403),
    },
  },
  {
    method: "post",
    path: "/proficiency",
    summary: "Secretariat: create a round for items of a published scheme, inviting at least 2 labs accredited for its category (audit event PT_ROUND_CREATED)",
    request: { body: { content: { "application/json": { schema: CreateRoundSchema } } } },
    responses: { ...ok(Round, 201, "Created"), ...errors(401, 403, 413, 422) },
  },
  {
    method: "get",
    path: "/proficiency/{id}",
    summary: "One round; a lab sees only its own values (404 PT_ROUND_NOT_FOUND when not invited)",
    request: { params: id },
    responses: { ...ok(Round), ...errors(401, 403, 404) },
  },
  {
    method: "put",
    path: "/proficiency/{id}/values",
    summary: "Invited lab: one number per item of the round, before the deadline; sending again replaces (audit event PT_RESULT_SUBMITTED). 404 PT_NOT_INVITED, 409 PT_DEADLINE_PASSED or PT_ROUND_CLOSED",
    request: { params: id, body: { content: { "application/json": { schema: SubmitValuesSchema } } } },
    responses: { ...ok(Round), ...errors(401, 403, 404, 409, 413, 422) },
  },
  {
    method: "post",
    path: "/proficiency/{id}/close",
    summary: "Secretariat: close the round (audit event PT_ROUND_CLOSED); 409 PT_ROUND_CLOSED when already closed",
    request: { params: id },
    responses: { ...ok(Round), ...errors(401, 403, 404, 409) },
  },
  {
    method: "get",
    path: "/proficiency/{id}/results",
    summary: "Results of a closed round (or one past its deadline): robust mean x* and SD s* per item by ISO 13528 Algorithm A, z = (x − x*)/s*, |z| ≤ 2 satisfactory, 2 < |z| < 3 questionable, |z| ≥ 3 unsatisfactory; ?format=csv for CSV, ?format=pdf for a bilingual PDF report. 409 PT_RESULTS_NOT_READY before",
    request: { params: id, query: z.object({ format: z.enum(["json", "csv", "pdf"]).optional() }) },
    responses: { ...ok(Results), ...errors(401, 403, 404, 409) },
  },
];
