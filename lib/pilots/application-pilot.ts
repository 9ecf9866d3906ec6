// Which pilot a new application goes into (createCase): the chosen one, or the open pilot whose
// scope takes the category; refused by code when the pilot is not open, the window is shut or the
// category is out of scope (lib/pilots/rules.ts, docs/domain.md#pilots).
import "server-only";
import { db, type Db } from "@/lib/db";
import { AppError, domainError, type DomainRef } from "@/lib/errors";
import { applicationRefusal, defaultPilot, type Refusal } from "./rules";

function refuse(r: Refusal) {
  return domainError(r.reason, r.params, { fields: { pilotId: { reason: r.reason, params: r.params } as DomainRef } });
}

export async function pilotForApplication(database: Db, input: { pilotId?: string; category: string; at: Date }) {
  if (input.pilotId) {
    const pilot = await database.pilot.findUnique({ where: { id: input.pilotId } });
    if (!pilot) throw refuse({ reason: "PILOT_UNKNOWN", params: { pilotId: input.pilotId } });
    const r = applicationRefusal(pilot, input.category, input.at);
    if (r) throw refuse(r);
    return pilot;
  }
  // A handful of open pilots at most: read them all, newest first.
  const open = await database.pilot.findMany({ where: { status: "open" }, orderBy: [{ startsAt: "desc" }, { createdAt: "desc" }], take: 50 });
  const chosen = defaultPilot(open, input.category, input.at);
  if ("refusal" in chosen) throw refuse(chosen.refusal);
  return chosen.pilot;
}

export type ApplicationPilot = { id: string; name: string; nameZh: string | null; applicationsFrom: Date | null; applicationsUntil: Date | null };

/**
 * For each category, the pilots an application may go into at `at` (open, in scope, inside the
 * window), in the order the default is chosen by: the first is the pilot an application without a
 * chosen pilot goes into. The wizard offers these; createCase checks the choice again.
 */
export async function pilotsOpenForApplication(categories: readonly string[], at: Date = new Date(), database: Db = db()): Promise<Record<string, ApplicationPilot[]>> {
  const open = await database.pilot.findMany({
    where: { status: "open" },
    orderBy: [{ startsAt: "desc" }, { createdAt: "desc" }],
    take: 50,
    select: { id: true, name: true, nameZh: true, status: true, scope: true, applicationsFrom: true, applicationsUntil: true },
  });
  return Object.fromEntries(
    categories.map((category) => [
      category,
      open
        .filter((p) => !applicationRefusal(p, category, at))
        .map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh, applicationsFrom: p.applicationsFrom, applicationsUntil: p.applicationsUntil })),
    ]),
  );
}

/**
 * The refusal createCase would give on `pilotId` for an application for `category` at `at` (the
 * chosen pilot, or the default when none is chosen), or null: the wizard's check of its pilot step.
 */
export async function applicationPilotProblem(input: { pilotId?: string; category: string; at?: Date }): Promise<DomainRef | null> {
  try {
    await pilotForApplication(db(), { pilotId: input.pilotId || undefined, category: input.category, at: input.at ?? new Date() });
    return null;
  } catch (e) {
    if (e instanceof AppError && e.fields?.pilotId) return e.fields.pilotId;
    throw e;
  }
}
