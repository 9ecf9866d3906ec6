// The expiry sweep: certified or suspended cases past their validity receive EXPIRE through the door.
// One case that cannot be expired (a conflict, a defect, bad data) is logged and left for the next
// sweep; it never stops the others.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logFor } from "@/lib/log";
import { applyEvent } from "./apply-event";

export const expiryLog = logFor("expiry");

export type ExpirySweep = { expired: number; failed: { caseId: string; error: string }[] };

/** Expires every due case it can; returns how many it expired. */
export async function expireDueCases(now = new Date()): Promise<number> {
  return (await sweepExpiredCases(now)).expired;
}

/** Due cases are read in batches by id, so cases that keep failing can never hide the ones behind them. */
const BATCH = 500;

export async function sweepExpiredCases(now = new Date()): Promise<ExpirySweep> {
  const result: ExpirySweep = { expired: 0, failed: [] };
  let after: string | undefined;
  for (;;) {
    const due = await db().case.findMany({
      where: { state: { in: ["certified", "suspended"] }, validUntil: { lte: now }, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, version: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const c of due) {
      try {
        await applyEvent("system", { caseId: c.id, type: "EXPIRE", expectedVersion: c.version, payload: {}, at: now });
        result.expired++;
      } catch (e) {
        // Someone changed the case meanwhile (409): the next sweep looks again, nothing to report.
        if (e instanceof AppError && e.code === "CONFLICT") continue;
        const error = e instanceof Error ? e.message : String(e);
        expiryLog.error({ caseId: c.id, err: e }, "a case could not be expired; the sweep goes on");
        result.failed.push({ caseId: c.id, error });
      }
    }
    if (due.length < BATCH) return result;
    after = due[due.length - 1].id;
  }
}
