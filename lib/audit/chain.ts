// The audit trail: one append-only hash chain. hash = SHA-256(prevHash ‖ canonical JSON of the event).
import "server-only";
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import type { AuditEventType } from "@/lib/domain";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with keys sorted at every depth and no spaces: the same bytes for the same event, always. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) return "null";
    return JSON.stringify(value) ?? "null";
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export type AuditEventBody = {
  seq: number;
  caseId: string | null;
  actorId: string | null;
  actorRole: string;
  type: string;
  payload: unknown;
  at: string; // ISO
};

export function hashEvent(prevHash: string, body: AuditEventBody): string {
  return crypto.createHash("sha256").update(prevHash).update(canonicalJson(body)).digest("hex");
}

/** What is appended: only a type of the typed list (workflows/audit-events.ts). */
export type AppendInput = Omit<AuditEventBody, "seq" | "at" | "type"> & { type: AuditEventType; at?: Date };

/**
 * Appends one event inside the caller's transaction. Updating the head row first takes its lock,
 * so concurrent appends queue behind each other and the chain never forks.
 */
export async function appendAuditEvent(tx: Tx, input: AppendInput) {
  const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 1 } } });
  const at = input.at ?? new Date();
  const body: AuditEventBody = {
    seq: head.seq,
    caseId: input.caseId,
    actorId: input.actorId,
    actorRole: input.actorRole,
    type: input.type,
    payload: input.payload ?? null,
    at: at.toISOString(),
  };
  const hash = hashEvent(head.hash, body);
  await tx.auditHead.update({ where: { id: 1 }, data: { hash } });
  return tx.auditEvent.create({
    data: {
      seq: body.seq,
      caseId: body.caseId,
      actorId: body.actorId,
      actorRole: body.actorRole,
      type: body.type,
      payload: canonicalJson(body.payload),
      at,
      prevHash: head.hash,
      hash,
    },
  });
}

export type ChainVerification =
  | { ok: true; count: number; head: string }
  | { ok: false; brokenAt: number; count: number; reason: string };

/** Re-computes every hash from the start, in pages, and names the first row that does not fit. */
export async function verifyAuditChain(database: Db, pageSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await database.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, brokenAt: expectedSeq, count, reason: `event ${expectedSeq} is missing` };
      const body: AuditEventBody = {
        seq: r.seq,
        caseId: r.caseId,
        actorId: r.actorId,
        actorRole: r.actorRole,
        type: r.type,
        payload: JSON.parse(r.payload),
        at: r.at.toISOString(),
      };
      if (r.prevHash !== prev) return { ok: false, brokenAt: r.seq, count, reason: "previous hash does not match" };
      if (hashEvent(prev, body) !== r.hash) return { ok: false, brokenAt: r.seq, count, reason: "content does not match its hash" };
      prev = r.hash;
      expectedSeq++;
      count++;
    }
  }
  const head = await database.auditHead.findUnique({ where: { id: 1 } });
  if (head && head.seq !== count) {
    return { ok: false, brokenAt: count + 1, count, reason: `the head names ${head.seq} events but ${count} are stored` };
  }
  return { ok: true, count, head: prev };
}
