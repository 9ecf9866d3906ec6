// A case's audit history as this caller may read it: votes stay blind until their panel closes,
// and vendors and labs never see who the panelists are.
import { db } from "@/lib/db";
import { can, type SessionUser } from "@/lib/permissions";
import type { PersistedCaseSnapshot } from "@/workflows/certification";
import { loadVisibleCase } from "./load-case";

const PANEL_EVENTS = new Set(["VOTE", "RECUSE"]);

export async function listCaseEvents(user: SessionUser, caseId: string) {
  const row = await loadVisibleCase(db(), user, caseId);
  const ctx = (JSON.parse(row.snapshot) as PersistedCaseSnapshot).context;
  // Audit findings are the auditors' business: only those who may read the audit see them here.
  const events = (await db().auditEvent.findMany({ where: { caseId }, orderBy: { seq: "asc" } })).filter(
    (e) => can(user, "audit:read") || !e.type.startsWith("FINDING_"),
  );
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const names = new Map(
    (await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return events.map((e) => {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const openRound = row.state === "review.voting" && payload.round === ctx.round;
    const ownEvent = e.actorId === user.id;
    const base = { seq: e.seq, type: e.type, at: e.at, actorRole: e.actorRole, hash: e.hash };
    const outsider = user.role === "vendor" || user.role === "lab";
    if (e.type === "VOTE" && openRound && user.role !== "ministry" && !ownEvent) {
      return { ...base, actorId: null, actorName: null, payload: { round: payload.round, from: payload.from, to: payload.to, version: payload.version } };
    }
    if (e.type === "ASSIGN_PANEL" && outsider) {
      return { ...base, actorId: e.actorId, actorName: names.get(e.actorId ?? "") ?? null, payload: { round: payload.round, from: payload.from, to: payload.to, version: payload.version } };
    }
    if (PANEL_EVENTS.has(e.type) && outsider) {
      return { ...base, actorId: null, actorName: null, payload };
    }
    return { ...base, actorId: e.actorId, actorName: e.actorId ? names.get(e.actorId) ?? null : null, payload };
  });
}
