// The secretariat creates a pilot as a draft: names, scope (categories), period, application window
// and stage limits; a ministry user approves it before it can be opened (docs/domain.md#pilots).
import "server-only";
import { db } from "@/lib/db";
import { domainError, invalidRequest, type DomainRef } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { appendAuditEvent, canonicalJson } from "@/lib/audit/chain";
import { CreatePilotInput } from "./schemas";
import type { StageLimits } from "./stage-limits";

function fieldRefusal(reason: "PILOT_DATES_ORDER" | "PILOT_WINDOW_OUTSIDE" | "PILOT_CATEGORY_UNKNOWN" | "PILOT_NAME_TAKEN", params: Record<string, string>, field: string) {
  return domainError(reason, params, { fields: { [field]: { reason, params } as DomainRef } });
}

export async function createPilot(user: SessionUser, raw: unknown, now = new Date()) {
  assertCan(user, "pilot:manage");
  const parsed = CreatePilotInput.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, "The pilot is not valid");
  const p = parsed.data;
  if (p.endsAt && p.endsAt <= p.startsAt) throw fieldRefusal("PILOT_DATES_ORDER", {}, "endsAt");
  if (p.applicationsFrom && p.applicationsUntil && p.applicationsUntil <= p.applicationsFrom) throw fieldRefusal("PILOT_DATES_ORDER", {}, "applicationsUntil");
  if (p.applicationsFrom && (p.applicationsFrom < p.startsAt || (p.endsAt && p.applicationsFrom >= p.endsAt))) {
    throw fieldRefusal("PILOT_WINDOW_OUTSIDE", {}, "applicationsFrom");
  }
  if (p.applicationsUntil && p.endsAt && p.applicationsUntil > p.endsAt) throw fieldRefusal("PILOT_WINDOW_OUTSIDE", {}, "applicationsUntil");
  const scope = [...new Set(p.scope)].sort();
  const limits: StageLimits = {};
  for (const [stage, v] of Object.entries(p.stageLimits ?? {})) if (v !== undefined) limits[stage as keyof StageLimits] = v;

  return db().$transaction(async (tx) => {
    if (scope.length > 0) {
      const known = new Set((await tx.category.findMany({ where: { key: { in: scope } }, select: { key: true } })).map((c) => c.key));
      const unknown = scope.find((k) => !known.has(k));
      if (unknown) throw fieldRefusal("PILOT_CATEGORY_UNKNOWN", { category: unknown }, "scope");
    }
    if (await tx.pilot.findUnique({ where: { name: p.name } })) throw fieldRefusal("PILOT_NAME_TAKEN", { name: p.name }, "name");
    const pilot = await tx.pilot.create({
      data: {
        name: p.name,
        nameZh: p.nameZh,
        status: "draft",
        startsAt: p.startsAt,
        endsAt: p.endsAt ?? null,
        scope: canonicalJson(scope),
        applicationsFrom: p.applicationsFrom ?? null,
        applicationsUntil: p.applicationsUntil ?? null,
        stageLimits: canonicalJson(limits),
        createdById: user.id,
        createdAt: now,
      },
    });
    await appendAuditEvent(tx, {
      caseId: null,
      actorId: user.id,
      actorRole: user.role,
      type: "PILOT_CREATED",
      payload: {
        pilotId: pilot.id,
        name: pilot.name,
        nameZh: pilot.nameZh,
        scope,
        startsAt: pilot.startsAt.toISOString(),
        endsAt: pilot.endsAt?.toISOString() ?? null,
        applicationsFrom: pilot.applicationsFrom?.toISOString() ?? null,
        applicationsUntil: pilot.applicationsUntil?.toISOString() ?? null,
        stageLimits: limits,
      },
      at: now,
    });
    return pilot;
  });
}
