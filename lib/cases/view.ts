// What a caller sees of a case: the API's case shape, with blind votes and the caller's allowed events.
import type { Db } from "@/lib/db";
import { can, type Permission, type SessionUser } from "@/lib/permissions";
import { allowedEvents, type EventType, type PersistedCaseSnapshot } from "@/workflows/certification";
import { actorFor } from "./actor";
import type { CaseRow } from "./load-case";
import { liveStatus } from "@/lib/certificates/status";

type Vote = { expertId: string; verdict: string; level: string | null; rationale: string; at: string };

/** Votes of the current round as this caller may see them (DESIGN §3: votes are blind until the panel closes). */
export function visibleVotes(user: SessionUser, votes: Vote[], panelClosed: boolean, names: Map<string, string>) {
  const named = (v: Vote) => ({ ...v, expertName: names.get(v.expertId) ?? null });
  switch (user.role) {
    case "ministry":
      return votes.map(named);
    case "expert":
      return panelClosed ? votes.map(named) : votes.filter((v) => v.expertId === user.id).map(named);
    case "secretariat":
      return panelClosed ? votes.map(named) : votes.map((v) => ({ expertId: v.expertId, expertName: names.get(v.expertId) ?? null, voted: true }));
    case "vendor":
      // The outcome and the rationales, without names.
      return panelClosed ? votes.map((v) => ({ verdict: v.verdict, level: v.level, rationale: v.rationale })) : [];
    default:
      return [];
  }
}

export async function caseView(database: Db, user: SessionUser, row: CaseRow) {
  const snapshot = JSON.parse(row.snapshot) as PersistedCaseSnapshot;
  const ctx = snapshot.context;
  const actor = await actorFor(database, user);
  const events = allowedEvents(row.state, ctx, actor, new Date().toISOString()).filter((t: EventType) =>
    can(user, `event:${t}` as Permission),
  );
  const expertIds = [...new Set([...ctx.panel.map((p) => p.expertId), ...ctx.votes.map((v) => v.expertId)])];
  const experts = expertIds.length
    ? await database.user.findMany({ where: { id: { in: expertIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(experts.map((e) => [e.id, e.name]));
  const panelClosed = row.state !== "review.voting";
  const showPanel = user.role === "ministry" || user.role === "secretariat" || user.role === "expert";
  const cert = row.certificates[0] ?? null;
  return {
    id: row.id,
    state: row.state,
    version: row.version,
    scheme: { id: row.schemeVersion.schemeId, version: row.schemeVersion.version },
    category: row.schemeVersion.category,
    product: { id: row.product.id, name: row.product.name, model: row.product.model, softwareVersion: row.product.softwareVersion },
    vendor: { id: row.organization.id, name: row.organization.name },
    pilot: { id: row.pilot.id, name: row.pilot.name },
    claimedLevel: row.claimedLevel,
    application: JSON.parse(row.application),
    lab: row.lab ? { id: row.lab.id, name: row.lab.name } : null,
    labLevel: row.labLevel,
    labProfile: row.labProfile ? JSON.parse(row.labProfile) : null,
    round: ctx.round,
    panel: showPanel
      ? ctx.panel.map((p) => ({ expertId: p.expertId, name: names.get(p.expertId) ?? null, active: p.active, recuseReason: p.recuseReason ?? null }))
      : null,
    votes: visibleVotes(user, ctx.votes, panelClosed, names),
    recommendation: panelClosed || user.role === "ministry" ? ctx.recommendation : null,
    returnReasons: ctx.returnReasons,
    lastReason: ctx.lastReason,
    rejectionReason: ctx.rejectionReason,
    appealed: ctx.appealed,
    awardedLevel: row.awardedLevel,
    validUntil: row.validUntil,
    allowedEvents: events,
    certificate: cert ? { number: cert.number, publicId: cert.publicId, status: liveStatus(cert) } : null,
    certificateBeingIssued: !cert && row.awardedLevel !== null && ["certified", "suspended"].includes(row.state),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    stateEnteredAt: row.stateEnteredAt,
  };
}
export type CaseView = Awaited<ReturnType<typeof caseView>>;
