// Votes stay blind until their panel closes (DESIGN §3): only the ministry reads an open panel's
// votes. In the audit trail and its exports the secretariat gets such a VOTE with its payload cut
// to the state change, marked `redacted` (its hash then cannot be recomputed from the export; the
// ministry's export can always be).
import type { Db } from "@/lib/db";
import type { SessionUser } from "@/lib/permissions";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { canonicalJson } from "./chain";

type EventRow = { caseId: string | null; type: string; payload: string };

export async function redactOpenVotes<T extends EventRow>(database: Db, user: SessionUser, rows: T[]): Promise<(T & { redacted: boolean })[]> {
  const voteCases = user.role === "ministry" ? [] : [...new Set(rows.filter((r) => r.type === "VOTE" && r.caseId).map((r) => r.caseId!))];
  const openRound = new Map<string, number>();
  if (voteCases.length) {
    const voting = await database.case.findMany({ where: { id: { in: voteCases }, state: "review.voting" }, select: { id: true, snapshot: true } });
    for (const c of voting) openRound.set(c.id, (JSON.parse(c.snapshot) as PersistedCaseSnapshot).context.round);
  }
  return rows.map((r) => {
    if (r.type !== "VOTE" || !r.caseId || !openRound.has(r.caseId)) return { ...r, redacted: false };
    const p = JSON.parse(r.payload) as Record<string, unknown>;
    if (p.round !== openRound.get(r.caseId)) return { ...r, redacted: false };
    return { ...r, payload: canonicalJson({ from: p.from, to: p.to, round: p.round, version: p.version }), redacted: true };
  });
}
