// Export of audit events and cases as CSV or JSON, streamed: each pull of the stream reads the next
// page by keyset (seq for events, id for cases), so a million events leave without ever being held
// in memory. Exported events carry everything needed to recompute the chain (see replay.ts and
// docs/audit-checkpoints.md): the payload is the exact canonical JSON text that was hashed (unless
// `redacted`: a vote of an open panel as the secretariat may see it, lib/cases/vote-visibility.ts).
import "server-only";
import { stringify } from "csv-stringify/sync";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { CaseQuery, EventQuery, ExportQuery, parseQuery, type CaseQueryInput } from "./filters";
import { eventWhere } from "./explorer/query";
import type { ExportedEvent } from "./replay";
import { redactVoteRows } from "@/lib/cases/vote-visibility";

export const EXPORT_PAGE = 2000;

export const EVENT_COLUMNS = ["seq", "caseId", "actorId", "actorRole", "type", "payload", "at", "prevHash", "hash", "redacted"] as const;
export const CASE_COLUMNS = [
  "id", "pilotId", "category", "schemeId", "schemeVersion", "state", "version", "vendorId", "vendorName",
  "productName", "productModel", "softwareVersion", "claimedLevel", "labOrgId", "labLevel", "labProfile",
  "recommendation", "awardedLevel", "validUntil", "stateEnteredAt", "createdAt", "updatedAt",
] as const;

type Cell = string | number | boolean | null;
export type ExportedCase = Record<(typeof CASE_COLUMNS)[number], Cell>;

/**
 * One CSV line (RFC 4180, csv-stringify): fields quoted when they hold a comma, quote or line break;
 * null is an empty field. A field that a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return; vendor-controlled product names) gets a leading ' so it is text.
 */
export function csvLine(cells: readonly Cell[]): string {
  return stringify([cells.map((c) => (c === null ? null : String(c)))], { escape_formulas: true, record_delimiter: "\r\n" });
}

/** Byte order mark at the start of a CSV export, so spreadsheets read it as UTF-8 (Chinese names). */
export const CSV_BOM = "\uFEFF";

type EventRow = { seq: number; caseId: string | null; actorId: string | null; actorRole: string; type: string; payload: string; at: Date; prevHash: string; hash: string; redacted: boolean };

function eventRecord(e: EventRow): Required<ExportedEvent> {
  return { seq: e.seq, caseId: e.caseId, actorId: e.actorId, actorRole: e.actorRole, type: e.type, payload: e.payload, at: e.at.toISOString(), prevHash: e.prevHash, hash: e.hash, redacted: e.redacted };
}

const CASE_EXPORT_INCLUDE = {
  schemeVersion: { select: { schemeId: true, version: true, category: true } },
  product: { select: { name: true, model: true, softwareVersion: true } },
  organization: { select: { name: true } },
} as const;
type CaseWithParts = Prisma.CaseGetPayload<{ include: typeof CASE_EXPORT_INCLUDE }>;

function caseRecord(c: CaseWithParts): ExportedCase {
  return {
    id: c.id,
    pilotId: c.pilotId,
    category: c.schemeVersion.category,
    schemeId: c.schemeVersion.schemeId,
    schemeVersion: c.schemeVersion.version,
    state: c.state,
    version: c.version,
    vendorId: c.organizationId,
    vendorName: c.organization.name,
    productName: c.product.name,
    productModel: c.product.model,
    softwareVersion: c.product.softwareVersion,
    claimedLevel: c.claimedLevel,
    labOrgId: c.labOrgId,
    labLevel: c.labLevel,
    labProfile: c.labProfile,
    recommendation: c.recommendation,
    awardedLevel: c.awardedLevel,
    validUntil: c.validUntil?.toISOString() ?? null,
    stateEnteredAt: c.stateEnteredAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function caseExportWhere(user: SessionUser, q: CaseQueryInput): Prisma.CaseWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (q.from) createdAt.gte = q.from;
  if (q.to) createdAt.lt = q.to;
  return {
    AND: [
      caseWhere(user),
      q.pilotId ? { pilotId: q.pilotId } : {},
      q.category ? { schemeVersion: { category: q.category } } : {},
      q.state ? { state: q.state } : {},
      q.from || q.to ? { createdAt } : {},
    ],
  };
}

/** Pulls pages until one comes back empty; `fetch` gets the last row's key (undefined at first). */
function pagedStream<Row, Key>(opts: {
  fetch: (after: Key | undefined) => Promise<Row[]>;
  keyOf: (row: Row) => Key;
  head: string;
  line: (row: Row, first: boolean) => string;
  tail: string;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Key | undefined;
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const rows = await opts.fetch(after);
      let chunk = started ? "" : opts.head;
      started = true;
      for (const r of rows) {
        chunk += opts.line(r, first);
        first = false;
      }
      if (rows.length === 0) {
        controller.enqueue(encoder.encode(chunk + opts.tail));
        controller.close();
        return;
      }
      after = opts.keyOf(rows[rows.length - 1]);
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

function formatted<T extends Record<string, Cell>>(format: "csv" | "json", columns: readonly (keyof T & string)[]) {
  if (format === "csv") {
    return { head: CSV_BOM + csvLine(columns), line: (r: T) => csvLine(columns.map((c) => r[c])), tail: "" };
  }
  // One record per line: readers can stream it line by line (scripts/verify-export.ts does).
  return { head: "[\n", line: (r: T, first: boolean) => (first ? "" : ",\n") + JSON.stringify(r), tail: "\n]\n" };
}

export type AuditExport = { stream: ReadableStream<Uint8Array>; filename: string; contentType: string };

export async function exportAudit(
  user: SessionUser,
  query: Record<string, string>,
  opts: { now?: Date; pageSize?: number } = {},
): Promise<AuditExport> {
  assertCan(user, "audit:read");
  const { what, format } = parseQuery(ExportQuery, { what: query.what, format: query.format }, "The export request is not valid");
  const now = opts.now ?? new Date();
  const take = opts.pageSize ?? EXPORT_PAGE;
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "Z");
  const filename = `zhiji-audit-${what}-${stamp}.${format}`;
  const contentType = format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
  const database = db();

  if (what === "events") {
    const q = parseQuery(EventQuery, query, "The event filter is not valid");
    // Exports run oldest first from `after` (if given) to the end; `before` and `take` do not apply.
    const base = eventWhere({ ...q, before: undefined, after: undefined });
    const f = formatted<Required<ExportedEvent>>(format, EVENT_COLUMNS);
    const stream = pagedStream({
      fetch: async (after: number | undefined) =>
        redactVoteRows(
          database,
          user,
          await database.auditEvent.findMany({
            where: { ...base, seq: { gt: Math.max(after ?? 0, q.after ?? 0) } },
            orderBy: { seq: "asc" },
            take,
          }),
        ),
      keyOf: (r) => r.seq,
      head: f.head,
      tail: f.tail,
      line: (r, first) => f.line(eventRecord(r), first),
    });
    return { stream, filename, contentType };
  }

  const q = parseQuery(CaseQuery, query, "The case filter is not valid");
  const where = caseExportWhere(user, q);
  const f = formatted<ExportedCase>(format, CASE_COLUMNS);
  const stream = pagedStream({
    fetch: (after: string | undefined) =>
      database.case.findMany({
        where: after ? { AND: [where, { id: { gt: after } }] } : where,
        include: CASE_EXPORT_INCLUDE,
        orderBy: { id: "asc" },
        take,
      }),
    keyOf: (r) => r.id,
    head: f.head,
    tail: f.tail,
    line: (r, first) => f.line(caseRecord(r), first),
  });
  return { stream, filename, contentType };
}
