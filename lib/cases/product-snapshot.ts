// The product as a case applied with it: written when the case is created and when its draft is
// edited, frozen from SUBMIT on, and copied onto the certificate when it is issued. Everything that
// shows what was decided or certified (case view, certificate PDF and API, verify page, registry,
// mail) reads this snapshot, never the live Product row (docs/security.md, "Frozen records").
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { domainError, englishMessage } from "@/lib/errors";

/** A version of one part of the product that an after-care amendment added to what a certificate covers. */
export type VersionCovered = { kind: string; from: string; to: string };

export type ProductSnapshot = {
  name: string;
  model: string;
  softwareVersion: string;
  category: string;
  modelInfo: Record<string, unknown>;
  /**
   * Only on a certificate's copy: the on-device model, cloud model and hardware versions that
   * amendments added since the award, oldest first (a software amendment replaces
   * `softwareVersion` instead; docs/domain.md#revisions). Absent when there are none.
   */
  versionsCovered?: VersionCovered[];
};

type ProductRow = { name: string; model: string; softwareVersion: string; category: string; modelInfo: string };

const SnapshotSchema = z.object({
  name: z.string(),
  model: z.string(),
  softwareVersion: z.string(),
  category: z.string(),
  modelInfo: z.record(z.string(), z.unknown()).catch({}),
  versionsCovered: z.array(z.object({ kind: z.string(), from: z.string(), to: z.string() })).optional().catch(undefined),
});

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function snapshotOfProduct(p: ProductRow): ProductSnapshot {
  return { name: p.name, model: p.model, softwareVersion: p.softwareVersion, category: p.category, modelInfo: parseObject(p.modelInfo) };
}

/** One spelling for every writer: the keys in a fixed order (`versionsCovered` only when there are any). */
export function serializeProductSnapshot(s: ProductSnapshot): string {
  const covered = s.versionsCovered?.length ? { versionsCovered: s.versionsCovered.map((v) => ({ kind: v.kind, from: v.from, to: v.to })) } : {};
  return JSON.stringify({ name: s.name, model: s.model, softwareVersion: s.softwareVersion, category: s.category, modelInfo: s.modelInfo, ...covered });
}

/** The stored snapshot, or null when the text holds none (a row written without one: "{}"). */
export function parseProductSnapshot(text: string | null | undefined): ProductSnapshot | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = SnapshotSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** What readers show when a row has no snapshot at all: empty fields, never the live product. */
export const EMPTY_PRODUCT_SNAPSHOT: ProductSnapshot = { name: "", model: "", softwareVersion: "", category: "", modelInfo: {} };

/**
 * The snapshot of a case row for readers: its own, or — for a row from before snapshots were
 * written (the migration backfilled every existing case, so only rows inserted by hand) — the
 * product row it points to.
 */
export function caseProductSnapshot(row: { productSnapshot: string; product?: ProductRow | null }): ProductSnapshot {
  return parseProductSnapshot(row.productSnapshot) ?? (row.product ? snapshotOfProduct(row.product) : EMPTY_PRODUCT_SNAPSHOT);
}

/**
 * The cases (other than `exceptCaseId`) that hold this product fixed: every case past its draft —
 * open, rejected (appealable), certified or suspended, and also the finished ones (withdrawn after
 * submission, revoked, expired), so that the product row of anything ever decided on never
 * changes either. Only drafts may share a product row and edit it.
 */
export async function freezingCases(tx: Tx, productId: string, exceptCaseId?: string) {
  return tx.case.findMany({
    where: { productId, state: { not: "draft" }, ...(exceptCaseId ? { id: { not: exceptCaseId } } : {}) },
    select: { id: true, state: true },
    take: 5,
  });
}

/** The refusal when a frozen product would change: 409 with a stable reason. */
export function productFrozen(cases: { id: string; state: string }[]) {
  return domainError("PRODUCT_FROZEN", {}, { details: { cases: cases.map((c) => c.id) } });
}

/** Product fields are one line of text: no line breaks, tabs or other control characters. */
export const ONE_LINE = {
  pattern: /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/,
  /** The registry's English for ONE_LINE: a zod check with this message is refused with that code. */
  message: englishMessage("ONE_LINE"),
} as const;

/** The three fields lists and headers show. */
export function productLine(s: ProductSnapshot) {
  return { name: s.name, model: s.model, softwareVersion: s.softwareVersion };
}
