// npx tsx scripts/verify-export.ts <events.json|events.csv> [--checkpoint statement.txt] [--from earlier-statement.txt]
//
// Recomputes the audit hash chain from an exported event list (GET /api/v1/audit/export?what=events),
// without the portal or its database: for every event, in seq order,
//   hash = SHA-256(prevHash ‖ canonicalJson({seq, caseId, actorId, actorRole, type, payload, at}))
// where the first prevHash is 64 zeros (or the head of the checkpoint given with --from, for an
// export that starts after it). With --checkpoint it then says whether the chain leads to the head
// that the (separately verified, see docs/audit-checkpoints.md) signed statement names.
// Reads the file as a stream (CSV rows, or the export's one-event-per-line JSON), so a million
// events need little memory. Exit status: 0 all good, 1 the chain or the checkpoint does not hold,
// 2 the input cannot be read.
import "../lib/outside-next";
import fs from "node:fs";
import readline from "node:readline";
import { parse } from "csv-parse";
import { ChainBreak, ChainReplay, type ExportedEvent } from "../lib/audit/replay";
import { GENESIS_HASH } from "../lib/audit/chain";
import { parseCheckpointStatement, type CheckpointHead } from "../lib/audit/checkpoint-statement";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function readStatement(file: string): CheckpointHead {
  const s = parseCheckpointStatement(fs.readFileSync(file, "utf8"));
  if (!s) throw new Error(`${file} is not a zhiji-audit-checkpoint v1 statement`);
  return s;
}

const nullable = (v: unknown) => (v === "" || v === undefined || v === null ? null : String(v));

function fromRecord(r: Record<string, unknown>): ExportedEvent {
  return {
    seq: Number(r.seq),
    caseId: nullable(r.caseId),
    actorId: nullable(r.actorId),
    actorRole: String(r.actorRole),
    type: String(r.type),
    payload: String(r.payload),
    at: String(r.at),
    prevHash: String(r.prevHash),
    hash: String(r.hash),
    redacted: r.redacted === true || r.redacted === "true",
  };
}

async function* csvEvents(file: string): AsyncGenerator<ExportedEvent> {
  // The export starts with a UTF-8 byte order mark (for spreadsheets): skipped. Formula escaping
  // never touches an event row (every field starts with a digit, a letter or "{"), so it needs no undoing.
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, columns: true, skip_empty_lines: true }));
  for await (const r of parser) yield fromRecord(r as Record<string, unknown>);
}

async function* jsonEvents(file: string): AsyncGenerator<ExportedEvent> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
  let sawRecordLine = false;
  for await (const raw of lines) {
    const line = raw.trim().replace(/,$/, "");
    if (line === "" || line === "[" || line === "]") continue;
    if (!line.startsWith("{")) throw new Error("not the export's JSON layout (one event per line)");
    sawRecordLine = true;
    yield fromRecord(JSON.parse(line) as Record<string, unknown>);
  }
  if (!sawRecordLine) {
    // Some other JSON layout (e.g. re-formatted): small files can be read whole.
    const all = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>[];
    for (const r of all) yield fromRecord(r);
  }
}

async function main() {
  const file = process.argv[2];
  if (!file || file.startsWith("--")) {
    console.error("usage: npx tsx scripts/verify-export.ts <events.json|events.csv> [--checkpoint statement.txt] [--from earlier-statement.txt]");
    process.exit(2);
  }
  const checkpointFile = option("checkpoint");
  const fromFile = option("from");
  const checkpoint = checkpointFile ? readStatement(checkpointFile) : null;
  const anchor = fromFile ? readStatement(fromFile) : null;
  const replay = new ChainReplay(anchor ? { seq: anchor.seq, hash: anchor.head } : { seq: 0, hash: GENESIS_HASH });
  const events = file.toLowerCase().endsWith(".csv") ? csvEvents(file) : jsonEvents(file);

  let headAtCheckpoint: string | null = checkpoint && checkpoint.seq === replay.head.seq ? replay.head.hash : null;
  let failed = false;
  try {
    for await (const e of events) {
      replay.push(e);
      if (checkpoint && e.seq === checkpoint.seq) headAtCheckpoint = e.hash;
    }
    console.log(`OK ${replay.count} events recomputed from ${anchor ? `checkpoint seq ${anchor.seq}` : "the genesis"}; head seq ${replay.head.seq} ${replay.head.hash}`);
  } catch (e) {
    if (!(e instanceof ChainBreak)) throw e;
    console.log(`BROKEN at event ${e.seq}: ${e.reason}`);
    failed = true;
  }
  if (replay.redacted > 0) {
    console.log(`WARNING ${replay.redacted} event(s) were exported redacted (an open panel's votes): their content was not checked; verify a ministry export.`);
  }
  if (checkpoint) {
    if (headAtCheckpoint === null) {
      console.log(`CHECKPOINT seq ${checkpoint.seq} not reached by a valid chain in this export`);
      failed = true;
    } else if (headAtCheckpoint === checkpoint.head && checkpoint.count === checkpoint.seq) {
      console.log(`CHECKPOINT MATCHES: the chain leads to the signed head ${checkpoint.head} at seq ${checkpoint.seq} (signed ${checkpoint.at.toISOString()})`);
    } else {
      console.log(`CHECKPOINT DOES NOT MATCH: at seq ${checkpoint.seq} the chain's hash is ${headAtCheckpoint}, the signed head is ${checkpoint.head}`);
      failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
