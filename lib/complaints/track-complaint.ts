// The complainant's view: the status and public summary, for the reference and its tracking token.
// An unknown reference and a wrong token are the same 404 COMPLAINT_NOT_FOUND, so references cannot be probed.
import "server-only";
import { db } from "@/lib/db";
import { domainError } from "@/lib/errors";
import type { ComplaintOutcome } from "@/workflows/complaint";
import type { ComplaintStatus } from "./schemas";
import { normalizeReference, tokenMatches } from "./secrets";

export async function trackComplaint(referenceRaw: string, token: string | null | undefined): Promise<ComplaintStatus> {
  const reference = normalizeReference(String(referenceRaw ?? "")).slice(0, 40);
  const row = reference ? await db().complaint.findUnique({ where: { reference } }) : null;
  // The hash is compared even when there is no row, so both refusals take the same time.
  const ok = tokenMatches(String(token ?? "").slice(0, 200), row?.tokenHash ?? "0".repeat(64));
  if (!row || !token || !ok) throw domainError("COMPLAINT_NOT_FOUND");
  const closed = row.state === "closed";
  return {
    reference: row.reference,
    state: row.state as ComplaintStatus["state"],
    receivedAt: row.receivedAt.toISOString(),
    triagedAt: row.triagedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    outcome: closed ? (row.outcome as ComplaintOutcome) : null,
    publicSummary: closed ? row.publicSummary : null,
  };
}
