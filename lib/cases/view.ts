// What a caller sees of a case: the API's case shape, with blind votes and the caller's allowed events.
import "server-only";
import type { Db } from "@/lib/db";
import { can, type Permission, type SessionUser } from "@/lib/permissions";
import { adverseDecision, allowedEvents, appealDeadline, type Actor, type EventType, type PersistedCaseSnapshot } from "@/workflows/certification";
import { actorFor } from "./actor";
import type { CaseRow } from "./load-case";
import { liveStatus } from "@/lib/certificates/status";
import { caseProductSnapshot } from "./product-snapshot";
import { disclosedModels } from "./models";
import { loadRounds, outcomeVisible, roundKey, visibleVotes } from "./vote-visibility";

/** `actor`: the user's actor when the caller has it already (the door resolved it for the event). */
export async function caseView(database: Db, user: SessionUser, row: CaseRow, actor?: Actor) {
  const snapshot = JSON.parse(row.snapshot) as PersistedCaseSnapshot;
  const ctx = snapshot.context;
  actor ??= await actorFor(database, user);
  const events = allowedEvents(row.state, ctx, actor, new Date().toISOString()).filter((t: EventType) =>
    can(user, `event:${t}` as Permission),
  );
  const showPanel = user.role === "ministry" || user.role === "secretariat" || user.role === "expert";
  // Names are shown with the panel and with votes read in full or by presence, never to the other
  // roles (vote-visibility.ts): for them none is read.
  const expertIds = showPanel ? [...new Set([...ctx.panel.map((p) => p.expertId), ...ctx.votes.map((v) => v.expertId)])] : [];
  const experts = expertIds.length
    ? await database.user.findMany({ where: { id: { in: expertIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(experts.map((e) => [e.id, e.name]));
  // The votes and recommendation in the snapshot are those of round ctx.round; what became of that
  // round (open, closed, ended) decides what this viewer reads (vote-visibility.ts).
  // With no vote and no recommendation there is nothing the round could show or hide: not read.
  const round =
    ctx.votes.length === 0 && ctx.recommendation === null ? undefined : (await loadRounds(database, [row.id])).get(roundKey(row.id, ctx.round));
  const cert = row.certificates[0] ?? null;
  const product = caseProductSnapshot(row);
  return {
    id: row.id,
    state: row.state,
    version: row.version,
    scheme: { id: row.schemeVersion.schemeId, version: row.schemeVersion.version },
    category: row.schemeVersion.category,
    // The product as applied (frozen from SUBMIT on), not the live product row.
    // `models`: the disclosed models (docs/domain.md#model-disclosure); [] = not disclosed.
    product: { id: row.product.id, name: product.name, model: product.model, softwareVersion: product.softwareVersion, models: disclosedModels(product.modelInfo) },
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
    votes: visibleVotes(user, ctx.votes, round, names),
    recommendation: outcomeVisible(user, round) ? ctx.recommendation : null,
    returnReasons: ctx.returnReasons,
    lastReason: ctx.lastReason,
    rejectionReason: ctx.rejectionReason,
    appealed: ctx.appealed,
    // Due process (docs/domain.md#due-process): the last adverse decision and its appeal window,
    // the appeal under way, and a suspension's date to correct by.
    adverse: adverseDecision(ctx),
    appealDeadline: appealDeadline(ctx),
    pendingAppeal: ctx.pendingAppeal ? { kind: ctx.pendingAppeal.kind, from: ctx.pendingAppeal.from, grounds: ctx.pendingAppeal.grounds, filedAt: ctx.pendingAppeal.filedAt } : null,
    suspendedAt: ctx.suspendedAt ?? null,
    correctBy: ctx.correctBy ?? null,
    awardedLevel: row.awardedLevel,
    validUntil: row.validUntil,
    allowedEvents: events,
    certificate: cert ? { number: cert.number, revision: cert.revision, publicId: cert.publicId, status: liveStatus(cert) } : null,
    certificateBeingIssued: !cert && row.awardedLevel !== null && ["certified", "suspended"].includes(row.state),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    stateEnteredAt: row.stateEnteredAt,
  };
}
export type CaseView = Awaited<ReturnType<typeof caseView>>;
