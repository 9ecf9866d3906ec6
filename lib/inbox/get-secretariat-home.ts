// The secretariat's home: applications to screen (oldest first), cases whose panel must be formed,
// cases in testing per lab, and how many cases are in each state.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, caseWhere, type SessionUser } from "@/lib/permissions";
import { STATES, type PersistedCaseSnapshot } from "@/workflows/certification";
import type { SearchParamsLike } from "@/lib/paging";
import { caseItem, ITEM_INCLUDE, type CaseItem } from "./case-item";
import { caseQueuePage } from "./case-queue";

/** `params` (the URL's search parameters) page and sort the screening and forming queues. */
export async function getSecretariatHome(user: SessionUser, now = new Date(), params: SearchParamsLike = {}) {
  assertCan(user, "case:list");
  const where = caseWhere(user);
  const inState = (state: string) =>
    db().case.findMany({ where: { AND: [where, { state }] }, include: ITEM_INCLUDE, orderBy: { stateEnteredAt: "asc" }, take: 300 });

  const [grouped, screening, forming, testing] = await Promise.all([
    db().case.groupBy({ by: ["state"], where, _count: { _all: true } }),
    caseQueuePage(user, "screening", params, "screening"),
    caseQueuePage(user, "review.forming", params, "forming"),
    inState("testing"),
  ]);
  const counts = STATES.map((state) => ({ state, count: grouped.find((g) => g.state === state)?._count._all ?? 0 }));

  const labs = new Map<string, { lab: { id: string; name: string }; cases: CaseItem[]; overdue: number }>();
  for (const r of testing) {
    const item = caseItem(r, now);
    const lab = item.lab ?? { id: "", name: "" };
    const entry = labs.get(lab.id) ?? { lab, cases: [], overdue: 0 };
    entry.cases.push(item);
    if (item.overdue) entry.overdue++;
    labs.set(lab.id, entry);
  }
  return {
    counts,
    total: counts.reduce((n, c) => n + c.count, 0),
    screening: { ...screening, rows: screening.rows.map((r) => caseItem(r, now)) },
    forming: { ...forming, rows: forming.rows.map((r) => {
      const ctx = (JSON.parse(r.snapshot) as PersistedCaseSnapshot).context;
      return {
        ...caseItem(r, now),
        panelSize: ctx.panelSize,
        // An upheld appeal or a recusal brought the case back: the next panel has extra rules.
        needsFreshPanel: ctx.needsFreshPanel,
        reformed: ctx.round > 0,
      };
    }) },
    testingByLab: [...labs.values()].sort((a, b) => a.lab.name.localeCompare(b.lab.name)),
  };
}
export type SecretariatHome = Awaited<ReturnType<typeof getSecretariatHome>>;
