// The expiry sweep: certified or suspended cases past their validity receive EXPIRE through the door.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { applyEvent } from "./apply-event";

export async function expireDueCases(now = new Date()): Promise<number> {
  const due = await db().case.findMany({
    where: { state: { in: ["certified", "suspended"] }, validUntil: { lte: now } },
    select: { id: true, version: true },
    take: 500,
  });
  let expired = 0;
  for (const c of due) {
    try {
      await applyEvent("system", { caseId: c.id, type: "EXPIRE", expectedVersion: c.version, payload: {}, at: now });
      expired++;
    } catch (e) {
      // Someone changed the case meanwhile (409): the next sweep looks again.
      if (!(e instanceof AppError && e.code === "CONFLICT")) throw e;
    }
  }
  return expired;
}
