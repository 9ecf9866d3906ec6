// What the secretariat and ministry read of complaints: the paged list, one complaint with the
// people who may (and may not, with why) handle it, and the surveillance requests waiting on the
// secretariat's home. Only callers with complaint:read.
import "server-only";
import { db } from "@/lib/db";
import { domainError } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { fetchPage, parseListParams, type SearchParamsLike } from "@/lib/paging";
import type { ComplaintOutcome, ComplaintState } from "@/workflows/complaint";
import { CHANGE_OPEN_STATES } from "@/workflows/aftercare";
import { handlerCandidates, type HandlerCandidate } from "./handlers";
import { normalizeReference } from "./secrets";

export const COMPLAINT_LIST = { sorts: ["receivedAt", "state", "reference"] as const, defaultSort: "receivedAt" as const, defaultDir: "desc" as const };
export type ComplaintSort = (typeof COMPLAINT_LIST.sorts)[number];

/** The product as certified (the certificate's frozen copy), or the case's. */
function productName(certSnapshot: string | null | undefined, caseSnapshot: string | null | undefined): string {
  for (const raw of [certSnapshot, caseSnapshot]) {
    try {
      const p = JSON.parse(raw ?? "{}") as { name?: unknown; model?: unknown };
      if (typeof p.name === "string" && p.name) return typeof p.model === "string" && p.model ? `${p.name} (${p.model})` : p.name;
    } catch {
      // not JSON: try the next copy
    }
  }
  return "—";
}

const ROW_INCLUDE = {
  case: { select: { id: true, productSnapshot: true, organization: { select: { name: true } } } },
} as const;

export type ComplaintRow = {
  reference: string;
  state: ComplaintState;
  subject: string;
  product: string;
  vendor: string;
  caseId: string | null;
  certificateNumber: string | null;
  certificatePublicId: string | null;
  handlerId: string | null;
  handlerName: string | null;
  outcome: ComplaintOutcome | null;
  receivedAt: string;
  closedAt: string | null;
};

async function toRows(rows: Awaited<ReturnType<typeof loadRows>>): Promise<ComplaintRow[]> {
  const certIds = [...new Set(rows.map((r) => r.certificateId).filter((x): x is string => !!x))];
  const handlerIds = [...new Set(rows.map((r) => r.handlerId).filter((x): x is string => !!x))];
  const [certs, handlers] = await Promise.all([
    db().certificate.findMany({ where: { id: { in: certIds } }, select: { id: true, number: true, publicId: true, productSnapshot: true } }),
    db().user.findMany({ where: { id: { in: handlerIds } }, select: { id: true, name: true } }),
  ]);
  const cert = new Map(certs.map((c) => [c.id, c]));
  const handler = new Map(handlers.map((h) => [h.id, h.name]));
  return rows.map((r) => {
    const c = r.certificateId ? cert.get(r.certificateId) : undefined;
    return {
      reference: r.reference,
      state: r.state as ComplaintState,
      subject: r.subject,
      product: productName(c?.productSnapshot, r.case?.productSnapshot),
      vendor: r.case?.organization.name ?? "—",
      caseId: r.caseId,
      certificateNumber: c?.number ?? null,
      certificatePublicId: c?.publicId ?? null,
      handlerId: r.handlerId,
      handlerName: r.handlerId ? (handler.get(r.handlerId) ?? null) : null,
      outcome: r.outcome as ComplaintOutcome | null,
      receivedAt: r.receivedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
    };
  });
}

function loadRows(args: { where?: object; orderBy?: object; skip?: number; take?: number }) {
  return db().complaint.findMany({ ...args, include: ROW_INCLUDE });
}

export async function listComplaints(user: SessionUser, params: SearchParamsLike) {
  assertCan(user, "complaint:read");
  const list = parseListParams(params, COMPLAINT_LIST);
  const mine = (Array.isArray(params) ? undefined : (params as Record<string, unknown>).mine) === "1";
  const where = mine ? { handlerId: user.id } : {};
  const orderBy = [{ [list.sort]: list.dir }, { id: "asc" as const }];
  const page = await fetchPage(
    list,
    () => db().complaint.count({ where }),
    (skip, take) => loadRows({ where, orderBy, skip, take }),
  );
  return { ...page, rows: await toRows(page.rows), mine };
}

export type ComplaintDetail = ComplaintRow & {
  text: string;
  contact: string | null;
  version: number;
  publicSummary: string | null;
  triagedAt: string | null;
  candidates: HandlerCandidate[];
  /** The surveillance change case this complaint opened (outcome "surveillance"). */
  surveillance: { id: string; state: string } | null;
};

export async function getComplaint(user: SessionUser, referenceRaw: string): Promise<ComplaintDetail> {
  assertCan(user, "complaint:read");
  const rows = await loadRows({ where: { reference: normalizeReference(referenceRaw) } });
  if (!rows[0]) throw domainError("COMPLAINT_NOT_FOUND");
  const [row] = await toRows(rows);
  const r = rows[0];
  const candidates = r.state === "received" ? await handlerCandidates(db(), r.caseId) : [];
  // The surveillance this complaint opened (outcome "surveillance", docs/domain.md#after-care).
  const surveillance = await db().changeCase.findFirst({ where: { complaintId: r.id }, select: { id: true, state: true } });
  return {
    ...row,
    text: r.text,
    contact: r.contact,
    version: r.version,
    publicSummary: r.publicSummary,
    triagedAt: r.triagedAt?.toISOString() ?? null,
    candidates,
    surveillance,
  };
}

/** The secretariat's complaint tasks: complaints to triage, and the surveillances complaints opened that are still under way. */
export async function complaintTasks(user: SessionUser, take = 10) {
  assertCan(user, "complaint:read");
  const underWay = { complaintId: { not: null }, state: { in: [...CHANGE_OPEN_STATES] } };
  const [toTriage, surveillanceTotal, changes] = await Promise.all([
    db().complaint.count({ where: { state: "received" } }),
    db().changeCase.count({ where: underWay }),
    db().changeCase.findMany({ where: underWay, orderBy: { openedAt: "desc" }, take, select: { id: true, complaintId: true } }),
  ]);
  const complaintIds = changes.map((c) => c.complaintId!);
  const rows = await toRows(await loadRows({ where: { id: { in: complaintIds } } }));
  const complaints = await db().complaint.findMany({ where: { id: { in: complaintIds } }, select: { id: true, reference: true } });
  const referenceOf = new Map(complaints.map((c) => [c.id, c.reference]));
  const rowOf = new Map(rows.map((r) => [r.reference, r]));
  const surveillance = changes.flatMap((c) => {
    const row = rowOf.get(referenceOf.get(c.complaintId!) ?? "");
    return row ? [{ ...row, changeId: c.id }] : [];
  });
  return { toTriage, surveillanceTotal, surveillance };
}
