// A pilot row as the API answers it (the same shape as listPilots' entries).
import { parseStageLimits } from "./stage-limits";
import { parseScope } from "./rules";

type PilotRow = {
  id: string;
  name: string;
  nameZh: string | null;
  status: string;
  startsAt: Date;
  endsAt: Date | null;
  stageLimits: string;
  scope: string;
  applicationsFrom: Date | null;
  applicationsUntil: Date | null;
  createdAt: Date;
  approvedAt: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function pilotJson(p: PilotRow) {
  return {
    id: p.id,
    name: p.name,
    nameZh: p.nameZh,
    status: p.status,
    startsAt: p.startsAt.toISOString(),
    endsAt: iso(p.endsAt),
    stageLimits: parseStageLimits(p.stageLimits),
    scope: parseScope(p.scope),
    applicationsFrom: iso(p.applicationsFrom),
    applicationsUntil: iso(p.applicationsUntil),
    createdAt: p.createdAt.toISOString(),
    approvedAt: iso(p.approvedAt),
    openedAt: iso(p.openedAt),
    closedAt: iso(p.closedAt),
  };
}
