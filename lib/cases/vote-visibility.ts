// What of a panel vote a viewer may see: the one rule every reader applies (case view, case
// events, audit explorer and export, homes). It is decided from the vote's round and what became
// of that round (the ReviewRound row), never from the case's current state, so a recusal, a
// remand or a new panel cannot unblind an earlier round.
//
// A round is `open` while its panel votes, `closed` when the last active panelist voted (or a
// recusal left only panelists who had all voted) and the case left review.voting, and `ended`
// when it stopped without closing (a recusal below the panel size, a withdrawal while voting).
//
//   viewer       open round            closed round                          ended round
//   ministry     everything            everything                            everything
//   secretariat  who voted, no content everything                            everything
//   expert       its own vote          everything, if it sat (unrecused)     its own vote, for good
//                                      on that round's panel; else own only
//   vendor, lab  nothing               verdicts, levels, rationales,         nothing, for good
//                                      no names
//   anyone else  nothing               nothing                               nothing
//
// A panelist newly seated on a later round therefore never reads an earlier round's votes, and
// votes of a round that ended without closing stay sealed to panelists, vendor and lab forever.
import "server-only";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/permissions";
import { canonicalJson } from "@/lib/audit/chain";

export type RoundStatus = "open" | "closed" | "ended";

export type RoundInfo = {
  status: RoundStatus;
  /** Experts seated on the round's panel who did not recuse from it. */
  panelists: ReadonlySet<string>;
};

/**
 * full: everything, with the voter's name; anonymous: verdict, level and rationale without who;
 * presence: who voted, without what; none: not even that the vote is this expert's.
 */
export type VoteAccess = "full" | "anonymous" | "presence" | "none";

export type Viewer = { id: string; role: Role };

/** A round with no ReviewRound row is treated as open: sealed until proven closed. */
const UNKNOWN_ROUND: RoundInfo = { status: "open", panelists: new Set() };

export function voteAccess(viewer: Viewer, voterId: string | null, round: RoundInfo | undefined): VoteAccess {
  const r = round ?? UNKNOWN_ROUND;
  switch (viewer.role) {
    case "ministry":
      return "full";
    case "secretariat":
      return r.status === "open" ? "presence" : "full";
    case "expert":
      if (voterId !== null && voterId === viewer.id) return "full";
      return r.status === "closed" && r.panelists.has(viewer.id) ? "full" : "none";
    case "vendor":
    case "lab":
      return r.status === "closed" ? "anonymous" : "none";
    default:
      return "none";
  }
}

/** Whether the viewer may read a round's outcome (the recommendation): as for another panelist's vote. */
export function outcomeVisible(viewer: Viewer, round: RoundInfo | undefined): boolean {
  const access = voteAccess(viewer, null, round);
  return access === "full" || access === "anonymous";
}

type Vote = { expertId: string; verdict: string; level: string | null; rationale: string; at: string };

export type VisibleVote =
  | (Vote & { expertName: string | null })
  | { verdict: string; level: string | null; rationale: string }
  | { expertId: string; expertName: string | null; voted: true };

/** Votes of one round in the shape the case view returns, as the viewer may see them. */
export function visibleVotes(viewer: Viewer, votes: Vote[], round: RoundInfo | undefined, names: Map<string, string>): VisibleVote[] {
  const out: VisibleVote[] = [];
  for (const v of votes) {
    const expertName = names.get(v.expertId) ?? null;
    switch (voteAccess(viewer, v.expertId, round)) {
      case "full":
        out.push({ ...v, expertName });
        break;
      case "anonymous":
        out.push({ verdict: v.verdict, level: v.level, rationale: v.rationale });
        break;
      case "presence":
        out.push({ expertId: v.expertId, expertName, voted: true });
        break;
    }
  }
  return out;
}

/** A VOTE audit payload cut to the state change: what remains when its content may not be read. */
export function sealedVotePayload(payload: Record<string, unknown>) {
  return { from: payload.from, to: payload.to, round: payload.round, version: payload.version };
}

/** Round number of a VOTE audit payload (the round it was cast in), or null when absent. */
export function roundOf(payload: Record<string, unknown>): number | null {
  return typeof payload.round === "number" ? payload.round : null;
}

export type RoundKey = `${string}:${number}`;
export const roundKey = (caseId: string, round: number): RoundKey => `${caseId}:${round}`;

/** The rounds of the given cases with their status and unrecused panelists, keyed by `caseId:round`. */
export async function loadRounds(database: Db, caseIds: string[]): Promise<Map<RoundKey, RoundInfo>> {
  const ids = [...new Set(caseIds)];
  const out = new Map<RoundKey, RoundInfo>();
  if (ids.length === 0) return out;
  const [rounds, seats] = await Promise.all([
    database.reviewRound.findMany({ where: { caseId: { in: ids } }, select: { caseId: true, round: true, closedAt: true, endedAt: true } }),
    database.panelMember.findMany({ where: { caseId: { in: ids }, active: true }, select: { caseId: true, round: true, expertId: true } }),
  ]);
  for (const r of rounds) {
    const status: RoundStatus = r.closedAt ? "closed" : r.endedAt ? "ended" : "open";
    out.set(roundKey(r.caseId, r.round), { status, panelists: new Set() });
  }
  for (const s of seats) {
    const info = out.get(roundKey(s.caseId, s.round));
    if (info) (info.panelists as Set<string>).add(s.expertId);
  }
  return out;
}

type AuditRow = { caseId: string | null; actorId: string | null; type: string; payload: string };

/**
 * Audit rows as an auditor (secretariat, ministry) may read them: a VOTE the viewer may not read in
 * full keeps its actor but has its payload cut to the state change and is marked `redacted` (its
 * hash then cannot be recomputed from an export; the ministry's export always can).
 */
export async function redactVoteRows<T extends AuditRow>(database: Db, viewer: Viewer, rows: T[]): Promise<(T & { redacted: boolean })[]> {
  const voteCases = viewer.role === "ministry" ? [] : rows.filter((r) => r.type === "VOTE" && r.caseId).map((r) => r.caseId!);
  const rounds = await loadRounds(database, voteCases);
  return rows.map((r) => {
    if (viewer.role === "ministry" || r.type !== "VOTE") return { ...r, redacted: false };
    const p = JSON.parse(r.payload) as Record<string, unknown>;
    const n = roundOf(p);
    const round = r.caseId && n !== null ? rounds.get(roundKey(r.caseId, n)) : undefined;
    if (voteAccess(viewer, r.actorId, round) === "full") return { ...r, redacted: false };
    return { ...r, payload: canonicalJson(sealedVotePayload(p)), redacted: true };
  });
}
