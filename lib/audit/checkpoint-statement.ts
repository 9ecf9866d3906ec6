// The text a checkpoint signs, and reading it back (no database: the command-line verifier uses it).
export type CheckpointHead = { seq: number; head: string; count: number; at: Date };

/** The exact text that is signed. */
export function checkpointStatement(c: CheckpointHead): string {
  return `zhiji-audit-checkpoint v1\nseq=${c.seq}\nhead=${c.head}\ncount=${c.count}\nat=${c.at.toISOString()}\n`;
}

/** Reads a statement back; null when it is not one. */
export function parseCheckpointStatement(text: string): CheckpointHead | null {
  const m = /^zhiji-audit-checkpoint v1\nseq=(\d+)\nhead=([0-9a-f]{64})\ncount=(\d+)\nat=(\S+)\n$/.exec(text);
  if (!m) return null;
  const at = new Date(m[4]);
  if (Number.isNaN(at.getTime())) return null;
  return { seq: Number(m[1]), head: m[2], count: Number(m[3]), at };
}
