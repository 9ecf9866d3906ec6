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

/** The head as this process last wrote it (a guess: appendAuditEvent checks it in the database). */
let lastHead: { seq: number; hash: string } | null = null;

/**
 * Appends one event inside the caller's transaction. Updating the head row first takes its lock,
 * so concurrent appends queue behind each other and the chain never forks.
 *
 * One statement moves the head when it is still where this process last left it: the event is
 * hashed onto that head and the update matches only a head with exactly that sequence number and
 * hash (a compare-and-set under the row's lock). When another process or transaction moved it
 * (or one that moved it rolled back), the update matches nothing and the head is read by the
 * update that increments it, then its hash written: the chain is the same either way.
 */
export async function appendAuditEvent(tx: Tx, input: AppendInput) {
  const at = input.at ?? new Date();
  const bodyAt = (seq: number): AuditEventBody => ({
    seq,
    caseId: input.caseId,
    actorId: input.actorId,
    actorRole: input.actorRole,
    type: input.type,
    payload: input.payload ?? null,
    at: at.toISOString(),
  });
  let prevHash: string | null = null;
  let body = bodyAt(0);
  let hash = "";
  const guess = lastHead;
  if (guess) {
    body = bodyAt(guess.seq + 1);
    hash = hashEvent(guess.hash, body);
    const moved = await tx.auditHead.updateMany({ where: { id: 1, seq: guess.seq, hash: guess.hash }, data: { seq: body.seq, hash } });
    if (moved.count === 1) prevHash = guess.hash;
  }
  if (prevHash === null) {
    const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 1 } } });
    body = bodyAt(head.seq);
    hash = hashEvent(head.hash, body);
    await tx.auditHead.update({ where: { id: 1 }, data: { hash } });
    prevHash = head.hash;
  }
  lastHead = { seq: body.seq, hash };
  return tx.auditEvent.create({
    data: {
      seq: body.seq,
      caseId: body.caseId,
      actorId: body.actorId,
      actorRole: body.actorRole,
      type: body.type,
      payload: canonicalJson(body.payload),
      at,
      prevHash,
      hash,
    },
  });
}

export type ChainVerification =
  | { ok: true; count: number; head: string }
  | { ok: false; brokenAt: number; count: number; reason: string };

/**
 * One stored event as verification reads it: seq, caseId, actorId, actorRole, type, payload (the
 * stored text), at (ISO with Z, as the body has it), prevHash, hash.
 */
type ChainRow = [number, string | null, string | null, string, string, string, string, string, string];
/** Calls `visit` with each row in sequence order until it returns false; then the head, from the same snapshot where there is one. */
type ChainReader = { rows: (visit: (r: ChainRow) => boolean) => Promise<void>; head: () => Promise<number | null>; close: () => Promise<void> };

export type VerifyOptions = {
  /** The URL of the database `database` connects to: rows are then read through its driver directly, in one snapshot. */
  url?: string;
  pageSize?: number;
};

/**
 * Re-computes every hash from the start and names the first row that does not fit: a missing
 * sequence number, a previous hash other than the hash before it, content that does not give its
 * hash, or a head that names another count. The hashed body is built as text: the stored payload
 * is used as it is (appendAuditEvent stores its canonical JSON), the other fields are joined around
 * it in canonicalJson's key order, so a payload stored in any other spelling breaks the chain too.
 * With `url` the rows come straight from the driver in one read transaction (a million events in
 * seconds, docs/performance.md); without it, through the Prisma client in pages.
 */
export async function verifyAuditChain(database: Db, opts: VerifyOptions | number = {}): Promise<ChainVerification> {
  const { url, pageSize = 20_000 } = typeof opts === "number" ? { pageSize: opts } : opts;
  const reader = !url ? prismaChainReader(database, pageSize) : url.startsWith("file:") ? await sqliteChainReader(url) : await pgChainReader(url, pageSize);
  try {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    let broken: ChainVerification | null = null;
    await reader.rows((r) => {
      if (r[0] !== expectedSeq) broken = { ok: false, brokenAt: expectedSeq, count, reason: `event ${expectedSeq} is missing` };
      else if (r[7] !== prev) broken = { ok: false, brokenAt: r[0], count, reason: "previous hash does not match" };
      else if (crypto.hash("sha256", prev + chainBodyText(r)) !== r[8]) broken = { ok: false, brokenAt: r[0], count, reason: "content does not match its hash" };
      if (broken) return false;
      prev = r[8];
      expectedSeq++;
      count++;
      return true;
    });
    if (broken) return broken;
    const head = await reader.head();
    if (head !== null && head !== count) {
      return { ok: false, brokenAt: count + 1, count, reason: `the head names ${head} events but ${count} are stored` };
    }
    return { ok: true, count, head: prev };
  } finally {
    await reader.close();
  }
}

const jsonOrNull = (v: string | null) => (v === null ? "null" : JSON.stringify(v));

/** canonicalJson of the event's body, from the stored row (keys in order: actorId, actorRole, at, caseId, payload, seq, type). */
function chainBodyText(r: ChainRow): string {
  return `{"actorId":${jsonOrNull(r[2])},"actorRole":${JSON.stringify(r[3])},"at":${JSON.stringify(r[6])},"caseId":${jsonOrNull(r[1])},"payload":${r[5]},"seq":${r[0]},"type":${JSON.stringify(r[4])}}`;
}

/** A stored timestamp as the body's ISO text (SQLite keeps Prisma's "…+00:00" text; anything else goes through Date). */
function chainAt(v: unknown): string {
  if (typeof v === "string" && v.length === 29 && v.endsWith("+00:00") && v[10] === "T") return `${v.slice(0, 23)}Z`;
  if (typeof v === "string" && v.length === 24 && v.endsWith("Z") && v[10] === "T") return v;
  return (v instanceof Date ? v : new Date(v as string | number)).toISOString();
}

const CHAIN_COLUMNS = `"seq", "caseId", "actorId", "actorRole", "type", "payload", "at", "prevHash", "hash"`;

function prismaChainReader(database: Db, pageSize: number): ChainReader {
  async function rows(visit: (r: ChainRow) => boolean) {
    let after = 0;
    for (;;) {
      const rows = await database.$queryRaw<Record<string, unknown>[]>`
        SELECT "seq", "caseId", "actorId", "actorRole", "type", "payload", "at", "prevHash", "hash"
        FROM "AuditEvent" WHERE "seq" > ${after} ORDER BY "seq" LIMIT ${pageSize}`;
      if (rows.length === 0) return;
      for (const r of rows) {
        if (!visit([Number(r.seq), r.caseId, r.actorId, r.actorRole, r.type, r.payload, chainAt(r.at), r.prevHash, r.hash] as ChainRow)) return;
      }
      after = Number(rows[rows.length - 1].seq);
    }
  }
  return {
    rows,
    head: async () => (await database.auditHead.findUnique({ where: { id: 1 } }))?.seq ?? null,
    close: async () => {},
  };
}

/** SQLite: one statement over the whole table inside a read transaction (rows and head from one snapshot). */
async function sqliteChainReader(url: string): Promise<ChainReader> {
  const { default: Database } = await import("better-sqlite3");
  const { sqliteFilePath } = await import("@/lib/env");
  const conn = new Database(sqliteFilePath(url), { fileMustExist: true, timeout: 15_000 });
  conn.exec("BEGIN");
  const statement = conn.prepare(`SELECT ${CHAIN_COLUMNS} FROM "AuditEvent" ORDER BY "seq"`).raw(true);
  return {
    // Synchronous: each row is checked and dropped at once (kept rows would only feed the garbage collector).
    rows: async (visit) => {
      for (const r of statement.iterate() as Iterable<ChainRow>) {
        r[6] = chainAt(r[6]);
        if (!visit(r)) break;
      }
    },
    head: async () => (conn.prepare(`SELECT "seq" FROM "AuditHead" WHERE "id" = 1`).get() as { seq: number } | undefined)?.seq ?? null,
    close: async () => {
      if (conn.inTransaction) conn.exec("COMMIT");
      conn.close();
    },
  };
}

/** PostgreSQL: pages by sequence number inside one REPEATABLE READ transaction, rows as arrays. */
async function pgChainReader(url: string, pageSize: number): Promise<ChainReader> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const sql = `SELECT "seq", "caseId", "actorId", "actorRole", "type", "payload",
      to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "prevHash", "hash"
    FROM "AuditEvent" WHERE "seq" > $1 ORDER BY "seq" LIMIT $2`;
  return {
    rows: async (visit) => {
      let after = 0;
      for (;;) {
        const res = await client.query<ChainRow>({ text: sql, values: [after, pageSize], rowMode: "array" });
        if (res.rows.length === 0) return;
        for (const r of res.rows) if (!visit(r)) return;
        after = res.rows[res.rows.length - 1][0];
      }
    },
    head: async () => ((await client.query<{ seq: number }>(`SELECT "seq" FROM "AuditHead" WHERE "id" = 1`)).rows[0]?.seq ?? null),
    close: async () => {
      await client.query("COMMIT").catch(() => {});
      await client.end();
    },
  };
}
