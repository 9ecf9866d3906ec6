// Which pilot a new application goes into (createCase): the chosen one, or the open pilot whose
// scope takes the category; refused by code when the pilot is not open, the window is shut or the
// category is out of scope (lib/pilots/rules.ts, docs/domain.md#pilots).
import "server-only";
import type { Db } from "@/lib/db";
import { domainError, type DomainRef } from "@/lib/errors";
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
