// The after-care routes of /api/v1 for the OpenAPI document (lib/api/openapi.ts lists them):
// change cases of a certified product and surveillance (docs/domain.md#after-care). The bounds are
// the workflow's (workflows/aftercare/rules.ts); the request schemas here describe, the door checks.
import { z } from "zod";
import type { RouteConfig } from "@asteasolutions/zod-to-openapi";
import { LabResultsRequestSchema } from "@/lib/cases/schemas";
import { LEVELS } from "@/workflows/certification";
import {
  CHANGE_CLASSIFICATIONS,
  CHANGE_EVENT_TYPES,
  CHANGE_ITEMS_MAX,
  CHANGE_KINDS,
  CHANGE_OUTCOMES,
  CHANGE_STATES,
  CHANGE_TEXT_MAX,
  CHANGE_VERSION_MAX,
  OPEN_CHANGES_MAX,
  REPORTED_CHANGE_KINDS,
} from "@/workflows/aftercare";

/** Each error status with the domain codes (error.reason) it carries on these routes. */
const err = (codes: Record<number, string>) =>
  Object.fromEntries(Object.entries(codes).map(([status, why]) => [status, { description: `${status}: error.reason is ${why}` }]));
const ok = (schema: z.ZodType, status = 200, description = "OK") => ({ [String(status)]: { description, content: { "application/json": { schema } } } });

const id = z.object({ id: z.string() });
const Level = z.enum(LEVELS);
const text = z.string().min(1).max(CHANGE_TEXT_MAX);
const oneLine = z.string().min(1).max(CHANGE_VERSION_MAX).describe("one line (no control characters)");
const itemKey = z.string().min(1).max(100).describe("an item key of the case's scheme");
const items = z.array(itemKey).max(CHANGE_ITEMS_MAX);
const expectedVersion = z.number().int().min(1).describe("the change case's version as last read");

const ChangeSummary = z.object({
  id: z.string(), caseId: z.string(), kind: z.enum(CHANGE_KINDS),
  from: z.string().nullable(), to: z.string().nullable(), description: z.string(),
  state: z.enum(CHANGE_STATES), version: z.number().int(),
  classification: z.enum(CHANGE_CLASSIFICATIONS).nullable(), items: z.array(z.string()).describe("the items to re-test"),
  outcome: z.enum(CHANGE_OUTCOMES).nullable(), level: Level.nullable().describe("the level downgraded to"),
  reason: z.string().nullable(), retestLevel: Level.nullable().describe("the level the re-test supports, once submitted"),
  failing: z.array(z.string()).describe("re-tested items that miss the awarded level"),
  openedAt: z.string(), stateEnteredAt: z.string(), concludedAt: z.string().nullable(),
  concludeBy: z.string().nullable().describe("a surveillance's deadline; past it the portal suspends the certified case"),
  surveillanceDueAt: z.string().nullable(), fromComplaint: z.boolean(),
});
const Org = z.object({ id: z.string().optional(), name: z.string(), nameZh: z.string().nullable() });
const Product = z.object({ name: z.string(), model: z.string(), softwareVersion: z.string() });
const ChangeRow = ChangeSummary.extend({ product: Product, vendor: Org, awardedLevel: Level.nullable(), caseState: z.string() });
const RetestReport = z.object({
  results: z.array(z.object({ item: z.string(), value: z.number(), unit: z.string() })),
  level: Level.nullable(), failing: z.array(z.string()), updatedAt: z.string(), submittedAt: z.string().nullable(),
});
const ChangeView = z.object({
  change: ChangeSummary,
  case: z.object({
    id: z.string(), state: z.string(), awardedLevel: Level.nullable(), validUntil: z.string().nullable(),
    product: Product, vendor: Org, lab: Org.nullable(), scheme: z.object({ id: z.string(), version: z.string() }),
  }),
  report: RetestReport.nullable(),
  schemeItems: z.array(z.record(z.string(), z.unknown())),
  suggestedItems: z.array(z.string()).describe("the items the scheme's changeImpact suggests re-testing for this kind of change"),
  events: z.array(z.enum(CHANGE_EVENT_TYPES)).describe("the events the caller could send now (the door re-checks)"),
});

const ReportChangeBody = z.union([
  z.object({ kind: z.enum(REPORTED_CHANGE_KINDS), from: oneLine.describe("for software: the version the certificate covers now"), to: oneLine, description: text }),
  z.object({ kind: z.literal("surveillance"), description: text, items: items.optional().describe("default: the scheme's surveillance items, else every item") }),
]);
const ChangeEventBody = z.union([
  z.object({
    type: z.literal("CLASSIFY"), expectedVersion, classification: z.enum(CHANGE_CLASSIFICATIONS),
    items: items.optional().describe("major: at least one, no repeats, all of the scheme; minor: none"), reason: text,
  }),
  z.object({ type: z.literal("SUBMIT_REPORT"), expectedVersion }),
  z.object({
    type: z.literal("CONCLUDE"), expectedVersion, outcome: z.enum(CHANGE_OUTCOMES),
    level: Level.nullish().describe("downgraded: below the awarded level, at most the re-test's"), reason: text,
    correctBy: z.string().nullish().describe("suspended: ISO date or date-time to correct by"),
  }),
  z.object({ type: z.literal("WITHDRAW"), expectedVersion, reason: text.nullish() }),
]);

export const CHANGE_ROUTES: RouteConfig[] = [
  {
    method: "post", path: "/cases/{id}/changes",
    summary:
      `The vendor of a certified case reports a change of its product (kind ${REPORTED_CHANGE_KINDS.join(", ")}; from, to ≤ ${CHANGE_VERSION_MAX} characters on one line, ` +
      `description ≤ ${CHANGE_TEXT_MAX}); the secretariat opens an unscheduled surveillance (kind surveillance, description, items ≤ ${CHANGE_ITEMS_MAX}). ` +
      `A change starts in classification, a surveillance in retesting; at most ${OPEN_CHANGES_MAX} open change cases per case.`,
    request: { params: id, body: { content: { "application/json": { schema: ReportChangeBody } } } },
    responses: {
      ...ok(ChangeSummary, 201, "Created"),
      ...err({
        401: "SIGN_IN_REQUIRED or TOKEN_*",
        403: "NOT_PERMITTED (no change:report / change:surveil), CHANGE_KIND_NOT_YOURS (a vendor opening surveillance, the secretariat reporting a change)",
        404: "CASE_NOT_FOUND (also for a case the caller may not see)",
        409: "CHANGE_NEEDS_CERTIFIED, TOO_MANY_OPEN_CHANGES",
        413: "error.code PAYLOAD_TOO_LARGE, details.limit",
        415: "CONTENT_TYPE (not application/json)",
        422: "INVALID_REQUEST (fields: TEXT_TOO_LONG, ONE_LINE …), CHANGE_FROM_MISMATCH, CHANGE_ITEM_UNKNOWN, CHANGE_ITEM_REPEATED",
      }),
    },
  },
  {
    method: "get", path: "/cases/{id}/changes",
    summary: "A certified case's change cases and surveillances, newest first (vendor of the case, its lab, secretariat, ministry)",
    request: { params: id },
    responses: { ...ok(z.object({ changes: z.array(ChangeSummary) })), ...err({ 401: "SIGN_IN_REQUIRED or TOKEN_*", 403: "NOT_PERMITTED (no change:read)", 404: "CASE_NOT_FOUND (also for a case the caller may not see)" }) },
  },
  {
    method: "get", path: "/changes",
    summary:
      "The change cases the caller may see, newest first, paged (page, size ≤ 100, dir). queue=1: those waiting on the caller's role (secretariat: classification; " +
      "lab: its re-tests; ministry: evaluation; vendor: its open ones); open=1: open ones; state: one state",
    request: {
      query: z.object({
        state: z.enum(CHANGE_STATES).optional(), open: z.enum(["1", "true"]).optional(), queue: z.enum(["1", "true"]).optional(),
        page: z.string().optional(), size: z.string().optional(), dir: z.enum(["asc", "desc"]).optional(),
      }),
    },
    responses: {
      ...ok(z.object({ changes: z.array(ChangeRow), total: z.number().int(), page: z.number().int(), size: z.number().int() })),
      ...err({ 401: "SIGN_IN_REQUIRED or TOKEN_*", 403: "NOT_PERMITTED (no change:read)", 422: "INVALID_REQUEST (state, open, queue)" }),
    },
  },
  {
    method: "get", path: "/changes/{id}",
    summary: "One change case: its summary, its certified case, the re-test report, the scheme's items, the suggested items and the events the caller may send",
    request: { params: id },
    responses: { ...ok(ChangeView), ...err({ 401: "SIGN_IN_REQUIRED or TOKEN_*", 403: "NOT_PERMITTED (no change:read)", 404: "CHANGE_NOT_FOUND (also for a change case of a case the caller may not see)" }) },
  },
  {
    method: "post", path: "/changes/{id}/events",
    summary:
      "Secretariat: CLASSIFY { classification, items, reason } (classification → evaluation for minor, retesting for major); the case's lab: SUBMIT_REPORT " +
      "(retesting → evaluation, after PUT lab-report over exactly the listed items); ministry: CONCLUDE { outcome amended | downgraded { level } | suspended " +
      `{ correctBy }, reason } (evaluation → that outcome; a downgrade or suspension is applied to the certified case in the same transaction); vendor: WITHDRAW { reason? } ` +
      `(not a surveillance). Texts ≤ ${CHANGE_TEXT_MAX} characters, items ≤ ${CHANGE_ITEMS_MAX}. A stale expectedVersion → 409 CHANGE_VERSION_MISMATCH with details.currentVersion.`,
    request: { params: id, body: { content: { "application/json": { schema: ChangeEventBody } } } },
    responses: {
      ...ok(ChangeSummary),
      ...err({
        401: "SIGN_IN_REQUIRED or TOKEN_*",
        403: "NOT_PERMITTED (no change:<event>), ROLE_MAY_NOT_SEND, LAB_NOT_ASSIGNED",
        404: "CHANGE_NOT_FOUND (also for a change case of a case the caller may not see)",
        409: "CHANGE_VERSION_MISMATCH, CHANGE_CHANGED, UNKNOWN_EVENT, CHANGE_EVENT_NOT_ALLOWED, CHANGE_REPORT_MISSING, CHANGE_NEEDS_CERTIFIED, SURVEILLANCE_NOT_WITHDRAWABLE",
        413: "error.code PAYLOAD_TOO_LARGE, details.limit",
        415: "CONTENT_TYPE (not application/json)",
        422:
          "INVALID_REQUEST (fields: TEXT_TOO_LONG …), CHANGE_ITEMS_REQUIRED, CHANGE_ITEMS_NOT_FOR_MINOR, CHANGE_ITEM_UNKNOWN, CHANGE_ITEM_REPEATED, " +
          "CHANGE_REPORT_ITEM_MISSING, CHANGE_REPORT_ITEM_NOT_LISTED, RETEST_BELOW_AWARDED, CHANGE_LEVEL_REQUIRED, LEVEL_NOT_BELOW_AWARDED, LEVEL_ABOVE_RETEST, CORRECT_BY_REQUIRED",
      }),
    },
  },
  {
    method: "put", path: "/changes/{id}/lab-report",
    summary:
      "The case's lab: the re-test results over exactly the listed items, while the change case is retesting (JSON { results: [{ item, value, unit }] } ≤ 1000 rows, " +
      "or text/csv with header item,value,unit[,uncertainty[,n]]; at most 2 MB; a refusal lists the first 50 errors and errorCount). Answers the level the case's results with " +
      "the re-tested values in their place support, and the re-tested items that miss the awarded level.",
    request: { params: id, body: { content: { "application/json": { schema: LabResultsRequestSchema }, "text/csv": { schema: z.string() } } } },
    responses: {
      ...ok(z.object({ level: Level.nullable(), failing: z.array(z.string()), results: z.array(z.object({ item: z.string(), value: z.number(), unit: z.string() })) })),
      ...err({
        401: "SIGN_IN_REQUIRED or TOKEN_*",
        403: "NOT_PERMITTED (no change:lab-report), LAB_NOT_ASSIGNED",
        404: "CHANGE_NOT_FOUND (also for a change case of a case the caller may not see)",
        409: "CHANGE_REPORT_NOT_NOW",
        413: "error.code PAYLOAD_TOO_LARGE, details.limit",
        415: "error.code UNSUPPORTED_MEDIA_TYPE (neither application/json nor text/csv)",
        422: "INVALID_REQUEST (rows), INVALID_JSON, INVALID_UTF8, LAB_REPORT_INVALID (details.errors, details.errorCount)",
      }),
    },
  },
  {
    method: "get", path: "/changes/{id}/lab-report",
    summary: "The change case's re-test report (null before the lab puts one)",
    request: { params: id },
    responses: { ...ok(z.object({ report: RetestReport.nullable() })), ...err({ 401: "SIGN_IN_REQUIRED or TOKEN_*", 403: "NOT_PERMITTED (no change:read)", 404: "CHANGE_NOT_FOUND (also for a change case of a case the caller may not see)" }) },
  },
];
