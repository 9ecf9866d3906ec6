// What the ministry and the secretariat see of a finding.
import "server-only";
import type { Db, Tx } from "@/lib/db";

export const FINDING_INCLUDE = {
  case: { select: { id: true, state: true, product: { select: { name: true, model: true } } } },
} as const;

type FindingRow = {
  id: string;
  caseId: string;
  pilotId: string;
  severity: string;
  text: string;
  status: string;
  createdById: string;
  createdAt: Date;
  answer: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  closedById: string | null;
  closedAt: Date | null;
  case: { id: string; state: string; product: { name: string; model: string } };
};

export type FindingView = ReturnType<typeof toFindingView>;

function toFindingView(f: FindingRow, names: Map<string, string>) {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? null } : null);
  return {
    id: f.id,
    caseId: f.caseId,
    pilotId: f.pilotId,
    product: `${f.case.product.name} ${f.case.product.model}`,
    caseState: f.case.state,
    severity: f.severity,
    text: f.text,
    status: f.status,
    createdAt: f.createdAt.toISOString(),
    createdBy: person(f.createdById),
    answer: f.answer,
    answeredAt: f.answeredAt?.toISOString() ?? null,
    answeredBy: person(f.answeredById),
    closedAt: f.closedAt?.toISOString() ?? null,
    closedBy: person(f.closedById),
  };
}

export async function findingViews(database: Db | Tx, rows: FindingRow[]) {
  const ids = [...new Set(rows.flatMap((f) => [f.createdById, f.answeredById, f.closedById]).filter((x): x is string => !!x))];
  const users = ids.length ? await database.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((f) => toFindingView(f, names));
}
