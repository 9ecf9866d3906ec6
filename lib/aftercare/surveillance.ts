// The surveillance schedule (docs/domain.md#after-care), run by the background loop beside expiry:
// a certified case whose scheme sets `surveillanceMonths` gets a surveillance change case at each
// due date after its award, assigned to its lab; one not concluded within the scheme's grace days
// suspends the certificate through the door, reason "surveillance overdue". A case that cannot be
// handled is logged and left for the next sweep; it never stops the others.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db";
import { logFor } from "@/lib/log";
import { schemeOf } from "@/lib/cases/save-lab-report";
import { openChange, surveillanceItemsOf } from "./report-change";
import { commitChangeEvent, SURVEILLANCE_OVERDUE_REASON } from "./apply-change-event";
import { loadVisibleChange } from "./load-change";

export const surveillanceLog = logFor("surveillance");

const BATCH = 500;
const DAY_MS = 86_400_000;

/** `months` calendar months after `from` (the same day of the month, or the month's last day). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The latest surveillance date that has come for a case awarded at `awardedAt` (null: none yet). */
export function latestDue(awardedAt: Date, months: readonly number[], now: Date): Date | null {
  let due: Date | null = null;
  for (const m of months) {
    const at = addMonths(awardedAt, m);
    if (at.getTime() <= now.getTime()) due = at;
  }
  return due;
}

export type SurveillanceSweep = { opened: number; suspended: number; failed: { id: string; error: string }[] };

export async function runSurveillance(now = new Date()): Promise<SurveillanceSweep> {
  const result: SurveillanceSweep = { opened: 0, suspended: 0, failed: [] };
  await openDue(now, result);
  await suspendOverdue(now, result);
  return result;
}

async function openDue(now: Date, result: SurveillanceSweep) {
  const database = db();
  let after: string | undefined;
  for (;;) {
    const cases = await database.case.findMany({
      where: { state: "certified", ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, labOrgId: true, schemeVersion: { select: { definition: true } } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const c of cases) {
      try {
        const scheme = schemeOf(c.schemeVersion.definition);
        if (!scheme.surveillanceMonths?.length) continue;
        // The schedule runs from the latest award (an award after an upheld appeal starts it again).
        const award = await database.decision.findFirst({ where: { caseId: c.id, type: "AWARD" }, orderBy: { auditSeq: "desc" }, select: { createdAt: true } });
        if (!award) continue;
        const due = latestDue(award.createdAt, scheme.surveillanceMonths, now);
        if (!due) continue;
        if (await database.changeCase.findUnique({ where: { caseId_surveillanceDueAt: { caseId: c.id, surveillanceDueAt: due } } })) continue;
        const start = Math.max(due.getTime(), now.getTime() - DAY_MS);
        await database.$transaction((tx) =>
          openChange(tx, {
            caseId: c.id,
            kind: "surveillance",
            from: "",
            to: "",
            description: `定期监督，${due.toISOString().slice(0, 10)} 到期 / Scheduled surveillance, due ${due.toISOString().slice(0, 10)}`,
            items: surveillanceItemsOf(scheme),
            labOrgId: c.labOrgId,
            by: null,
            at: now,
            surveillanceDueAt: due,
            concludeBy: new Date(start + scheme.surveillanceGraceDays * DAY_MS),
          }),
        );
        result.opened++;
      } catch (e) {
        // Opened by another process at the same moment: theirs is the one.
        if (isUniqueViolation(e) || (e instanceof AppError && e.code === "CONFLICT")) continue;
        surveillanceLog.error({ caseId: c.id, err: e }, "a surveillance could not be opened; the sweep goes on");
        result.failed.push({ id: c.id, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (cases.length < BATCH) return;
    after = cases[cases.length - 1].id;
  }
}

async function suspendOverdue(now: Date, result: SurveillanceSweep) {
  const database = db();
  let after: string | undefined;
  for (;;) {
    const overdue = await database.changeCase.findMany({
      where: {
        kind: "surveillance",
        state: { in: ["retesting", "evaluation"] },
        concludeBy: { lt: now },
        // Only a certified case has a certificate to suspend; any other state already took it away.
        case: { state: "certified" },
        ...(after ? { id: { gt: after } } : {}),
      },
      select: { id: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const o of overdue) {
      try {
        const row = await loadVisibleChange(database, null, o.id);
        await database.$transaction((tx) =>
          commitChangeEvent(tx, "system", row, { type: "CONCLUDE", expectedVersion: row.version }, { outcome: "suspended", reason: SURVEILLANCE_OVERDUE_REASON }, now),
        );
        result.suspended++;
      } catch (e) {
        if (e instanceof AppError && e.code === "CONFLICT") continue;
        surveillanceLog.error({ changeId: o.id, err: e }, "an overdue surveillance could not suspend its certificate; the sweep goes on");
        result.failed.push({ id: o.id, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (overdue.length < BATCH) return;
    after = overdue[overdue.length - 1].id;
  }
}

