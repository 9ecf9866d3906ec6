// A case's audit history as this caller may read it: each vote as vote-visibility.ts allows for its
// round (never decided from the case's current state), and vendors and labs never see who the
// panelists are.
import "server-only";
import { db } from "@/lib/db";
import { can, type SessionUser } from "@/lib/permissions";
import { loadVisibleCase } from "./load-case";
import { loadRounds, roundKey, roundOf, sealedVotePayload, voteAccess } from "./vote-visibility";

const PANEL_EVENTS = new Set(["VOTE", "RECUSE"]);

export async function listCaseEvents(user: SessionUser, caseId: string) {
  await loadVisibleCase(db(), user, caseId);
  // Audit findings are the auditors' business, and complaints (who handles one, how) the complaint
  // handlers': only those who may read the audit see them here.
  const events = (await db().auditEvent.findMany({ where: { caseId }, orderBy: { seq: "asc" } })).filter(
    (e) => can(user, "audit:read") || !(e.type.startsWith("FINDING_") || e.type.startsWith("COMPLAINT_")),
  );
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const names = new Map(
    (await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const rounds = await loadRounds(db(), [caseId]);
  const outsider = user.role === "vendor" || user.role === "lab";
  return events.map((e) => {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const base = { seq: e.seq, type: e.type, at: e.at, actorRole: e.actorRole, hash: e.hash };
    const named = { actorId: e.actorId, actorName: e.actorId ? names.get(e.actorId) ?? null : null };
    if (e.type === "VOTE") {
      const n = roundOf(payload);
      const access = voteAccess(user, e.actorId, n === null ? undefined : rounds.get(roundKey(caseId, n)));
      switch (access) {
        case "full":
          return { ...base, ...named, sealed: false, payload };
        case "anonymous":
          return { ...base, actorId: null, actorName: null, sealed: false, payload };
        case "presence":
          return { ...base, ...named, sealed: true, payload: sealedVotePayload(payload) };
        default:
          return { ...base, actorId: null, actorName: null, sealed: true, payload: sealedVotePayload(payload) };
      }
    }
    if (e.type === "ASSIGN_PANEL" && outsider) {
      return { ...base, ...named, sealed: false, payload: { round: payload.round, from: payload.from, to: payload.to, version: payload.version } };
    }
    if (PANEL_EVENTS.has(e.type) && outsider) {
      return { ...base, actorId: null, actorName: null, sealed: false, payload };
    }
    return { ...base, ...named, sealed: false, payload };
  });
}
