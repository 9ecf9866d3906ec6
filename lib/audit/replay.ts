// Re-computes the hash chain over audit events one at a time, from the genesis or from a trusted
// anchor (a signed checkpoint's seq and head), with the same rule as chain.ts. Used on exported
// files (scripts/verify-export.ts), when signing a checkpoint, and by the tests.
import { GENESIS_HASH, hashEvent, type AuditEventBody } from "./chain";

/** An event as exported: payload is the canonical JSON text that was hashed, at an ISO instant. */
export type ExportedEvent = {
  seq: number;
  caseId: string | null;
  actorId: string | null;
  actorRole: string;
  type: string;
  payload: string;
  at: string;
  prevHash: string;
  hash: string;
  /** Payload withheld from this reader (an open panel's vote): the link is checked, not the content. */
  redacted?: boolean;
};

export class ChainBreak extends Error {
  constructor(
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`the chain breaks at event ${seq}: ${reason}`);
    this.name = "ChainBreak";
  }
}

export class ChainReplay {
  private lastSeq: number;
  private lastHash: string;
  private replayed = 0;
  private withheld = 0;

  constructor(anchor: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
    this.lastSeq = anchor.seq;
    this.lastHash = anchor.hash;
  }

  /** Checks the next event; throws ChainBreak naming it when it does not continue the chain. */
  push(e: ExportedEvent): void {
    const expected = this.lastSeq + 1;
    if (e.seq !== expected) throw new ChainBreak(expected, e.seq > expected ? `event ${expected} is missing` : `event ${e.seq} is out of order`);
    if (e.prevHash !== this.lastHash) throw new ChainBreak(e.seq, "previous hash does not match");
    if (e.redacted) {
      this.withheld++;
      this.advance(e);
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(e.payload);
    } catch {
      throw new ChainBreak(e.seq, "payload is not JSON");
    }
    const body: AuditEventBody = {
      seq: e.seq,
      caseId: e.caseId,
      actorId: e.actorId,
      actorRole: e.actorRole,
      type: e.type,
      payload,
      at: new Date(e.at).toISOString(),
    };
    if (hashEvent(this.lastHash, body) !== e.hash) throw new ChainBreak(e.seq, "content does not match its hash");
    this.advance(e);
  }

  private advance(e: ExportedEvent) {
    this.lastSeq = e.seq;
    this.lastHash = e.hash;
    this.replayed++;
  }

  /** The last verified event's seq and hash (the anchor's before any push). */
  get head(): { seq: number; hash: string } {
    return { seq: this.lastSeq, hash: this.lastHash };
  }

  get count(): number {
    return this.replayed;
  }

  /** Events whose content could not be checked because the export withheld it. */
  get redacted(): number {
    return this.withheld;
  }
}
