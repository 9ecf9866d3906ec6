// The pilots, for the dashboard's filter and the limits form.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { can, type SessionUser } from "@/lib/permissions";
import { parseStageLimits, type StageLimits } from "./stage-limits";

export type PilotSummary = {
  id: string;
  name: string;
  nameZh: string | null;
  status: string;
  startsAt: string;
  endsAt: string | null;
  stageLimits: StageLimits;
};

export async function listPilots(user: SessionUser): Promise<PilotSummary[]> {
  if (!can(user, "dashboard:read") && !can(user, "pilot:manage")) {
    throw new AppError("FORBIDDEN", `Your role (${user.role}) may not list pilots`);
  }
  const rows = await db().pilot.findMany({ orderBy: [{ startsAt: "desc" }, { name: "asc" }] });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    nameZh: p.nameZh,
    status: p.status,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt?.toISOString() ?? null,
    stageLimits: parseStageLimits(p.stageLimits),
  }));
}
