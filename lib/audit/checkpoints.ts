// Signed checkpoints of the audit chain: the head (seq, hash, count, time) written as a short text
// statement and signed with the portal's key as a detached CMS, so that anyone holding the portal's
// CA can later show that the chain had this head at that time (docs/audit-checkpoints.md).
// A checkpoint is kept outside the chain: signing one appends no event, so the head it names is
// still the head right after signing.
import "server-only";
import { db } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { getPortalKeyring, getPortalSigningKey } from "@/lib/certificates/portal-key";
import { heldKeyFor, type Keyring } from "@/lib/certificates/signing/keyring";
import { signCheckpointCms } from "@/lib/certificates/signing/cms";
import { verifyDetachedCms } from "@/lib/certificates/verify-signature";
import { GENESIS_HASH } from "./chain";
import { ChainBreak, ChainReplay } from "./replay";
import { checkpointStatement, parseCheckpointStatement, type CheckpointHead } from "./checkpoint-statement";

export { checkpointStatement, parseCheckpointStatement };

export const CHECKPOINT_EVERY_MS = 24 * 60 * 60 * 1000;
const PAGE = 5000;

export type CheckpointView = {
  id: string;
  seq: number;
  head: string;
  count: number;
  signedAt: string;
  statement: string;
  /** base64 of the DER CMS SignedData (detached) over the statement's UTF-8 bytes. */
  signature: string;
  /** The signature is intact and made with a key the portal held when the checkpoint was signed (a rotated one too). */
  signatureValid: boolean;
  /** The stored event at `seq` still has the hash the checkpoint names. */
  headMatches: boolean;
};

/** Intact, and signed by a key the portal held at the checkpoint's stored signedAt (lib/certificates/signing/keyring.ts). */
function signatureOk(row: { statement: string; signature: string; signedAt: Date }, ring: Keyring) {
  const check = verifyDetachedCms(Buffer.from(row.signature, "base64"), Buffer.from(row.statement, "utf8"), ring.cas);
  return check.signedByPortal && !!heldKeyFor(ring, check.signer!, check.chain ?? [], row.signedAt);
}

/** The newest checkpoint whose signature still verifies: a trusted place to start re-checking from. */
async function trustedAnchor(ring: Keyring): Promise<{ seq: number; hash: string }> {
  const recent = await db().auditCheckpoint.findMany({ orderBy: [{ seq: "desc" }, { signedAt: "desc" }], take: 5 });
  for (const c of recent) {
    const parsed = parseCheckpointStatement(c.statement);
    if (parsed && parsed.seq === c.seq && parsed.head === c.head && signatureOk(c, ring)) return { seq: c.seq, hash: c.head };
  }
  return { seq: 0, hash: GENESIS_HASH };
}

/**
 * Re-checks the chain from the last good checkpoint up to the current head, then signs the head.
 * A broken chain is never signed: that would vouch for the tampering.
 */
async function signHead(now: Date) {
  const database = db();
  const key = await getPortalSigningKey();
  const head = (await database.auditHead.findUnique({ where: { id: 1 } })) ?? { seq: 0, hash: GENESIS_HASH };
  const replay = new ChainReplay(await trustedAnchor(await getPortalKeyring()));
  try {
    while (replay.head.seq < head.seq) {
      const rows = await database.auditEvent.findMany({
        where: { seq: { gt: replay.head.seq, lte: head.seq } },
        orderBy: { seq: "asc" },
        take: PAGE,
      });
      if (rows.length === 0) throw new ChainBreak(replay.head.seq + 1, `event ${replay.head.seq + 1} is missing`);
      for (const r of rows) replay.push({ ...r, at: r.at.toISOString() });
    }
  } catch (e) {
    if (e instanceof ChainBreak) throw conflict(`The audit chain is broken at event ${e.seq} (${e.reason}); no checkpoint was signed`, { brokenAt: e.seq });
    throw e;
  }
  if (replay.head.seq !== head.seq || replay.head.hash !== head.hash) {
    throw conflict(`The audit head names event ${head.seq} but the chain ends at ${replay.head.seq}; no checkpoint was signed`, { brokenAt: replay.head.seq + 1 });
  }
  const c: CheckpointHead = { seq: head.seq, head: head.hash, count: head.seq, at: now };
  const statement = checkpointStatement(c);
  const signature = signCheckpointCms(Buffer.from(statement, "utf8"), key).toString("base64");
  const row = await database.auditCheckpoint.create({
    data: { seq: c.seq, head: c.head, count: c.count, signedAt: now, statement, signature },
  });
  return toView(row, true, true);
}

function toView(
  row: { id: string; seq: number; head: string; count: number; signedAt: Date; statement: string; signature: string },
  signatureValid: boolean,
  headMatches: boolean,
): CheckpointView {
  return { id: row.id, seq: row.seq, head: row.head, count: row.count, signedAt: row.signedAt.toISOString(), statement: row.statement, signature: row.signature, signatureValid, headMatches };
}

/** On demand (the ministry's button and POST /api/v1/audit/checkpoints). */
export async function createCheckpoint(user: SessionUser, now = new Date()): Promise<CheckpointView> {
  assertCan(user, "audit:checkpoint");
  return signHead(now);
}

/** The daily background job: signs a checkpoint when none was signed in the last 24 hours. */
export async function checkpointIfDue(now = new Date()): Promise<CheckpointView | null> {
  const last = await db().auditCheckpoint.findFirst({ orderBy: { signedAt: "desc" } });
  if (last && now.getTime() - last.signedAt.getTime() < CHECKPOINT_EVERY_MS) return null;
  return signHead(now);
}

export async function listCheckpoints(user: SessionUser, take = 50): Promise<CheckpointView[]> {
  assertCan(user, "audit:read");
  const rows = await db().auditCheckpoint.findMany({ orderBy: { signedAt: "desc" }, take: Math.min(Math.max(take, 1), 500) });
  if (rows.length === 0) return [];
  const ring = await getPortalKeyring();
  const events = await db().auditEvent.findMany({
    where: { seq: { in: [...new Set(rows.map((r) => r.seq))] } },
    select: { seq: true, hash: true },
  });
  const hashAt = new Map(events.map((e) => [e.seq, e.hash]));
  return rows.map((r) => toView(r, signatureOk(r, ring), (r.seq === 0 ? GENESIS_HASH : hashAt.get(r.seq)) === r.head));
}

/** The statement (text) or the signature (DER bytes) of one checkpoint, for `openssl cms -verify`. */
export async function checkpointFile(user: SessionUser, id: string, part: "statement" | "signature"): Promise<Buffer> {
  assertCan(user, "audit:read");
  const row = await db().auditCheckpoint.findUnique({ where: { id } });
  if (!row) throw notFound("CHECKPOINT_NOT_FOUND");
  return part === "statement" ? Buffer.from(row.statement, "utf8") : Buffer.from(row.signature, "base64");
}
