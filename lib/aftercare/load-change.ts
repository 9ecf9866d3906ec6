// A change case as the caller may see it: through its certified case's visibility (caseWhere), so a
// vendor sees only its own, a lab only its cases' (docs/domain.md#after-care).
import "server-only";
import type { Db, Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { caseWhere, type SessionUser } from "@/lib/permissions";
import type { ChangeContext, ChangeState } from "@/workflows/aftercare";

export const CHANGE_CASE_SELECT = {
  id: true,
  organizationId: true,
  labOrgId: true,
  state: true,
  version: true,
  awardedLevel: true,
  validUntil: true,
  schemeVersion: { select: { definition: true, schemeId: true, version: true } },
} as const;

export async function loadVisibleChange(database: Db | Tx, user: SessionUser | null, changeId: string) {
  const where = user ? { id: changeId, case: caseWhere(user) } : { id: changeId };
  const row = await database.changeCase.findFirst({ where, include: { case: { select: CHANGE_CASE_SELECT }, report: true } });
  if (!row) throw notFound("CHANGE_NOT_FOUND");
  return row;
}
export type ChangeRow = Awaited<ReturnType<typeof loadVisibleChange>>;

export function changeContext(row: { snapshot: string }): ChangeContext {
  return JSON.parse(row.snapshot) as ChangeContext;
}

export function changeState(row: { state: string }): ChangeState {
  return row.state as ChangeState;
}
