// What every scheme use case shares: who may see which versions, loading one version, its
// parsed definition, version ordering and the definition's fingerprint.
import "server-only";
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseScheme, type Scheme } from "@/lib/grading";
import { can, type SessionUser } from "@/lib/permissions";
import type { Prisma } from "@/lib/generated/sqlite/client";

/** `2026.1`, `2026.12`: the year of the revision and its number within the year. */
export const VERSION_PATTERN = /^\d{4}\.\d{1,4}$/;

/** docs/domain.md#scheme-governance: draft → proposed → approved → published. */
export const SCHEME_STATUSES = ["draft", "proposed", "approved", "published"] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];

export const schemeStatusOf = (status: string): SchemeStatus =>
  (SCHEME_STATUSES as readonly string[]).includes(status) ? (status as SchemeStatus) : "draft";

export type SchemeVersionRow = {
  id: string;
  schemeId: string;
  version: string;
  category: string;
  status: string;
  definition: string;
  basedOn: string | null;
  createdById: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  proposedAt?: Date | null;
  commentsUntil?: Date | null;
  approvedById?: string | null;
  approvedAt?: Date | null;
  effectiveFrom?: Date | null;
  transitionUntil?: Date | null;
};

/** One version as the use cases return it: the row's facts and the parsed scheme JSON. */
export type SchemeVersionView = {
  schemeId: string;
  version: string;
  category: string;
  status: SchemeStatus;
  basedOn: string | null;
  createdAt: string;
  publishedAt: string | null;
  /** Governance (docs/domain.md#scheme-governance): days are Beijing days, YYYY-MM-DD. */
  proposedAt: string | null;
  /** The last day comments are taken (inclusive). */
  commentsUntil: string | null;
  approvedAt: string | null;
  /** The first day the version is in force. */
  effectiveFrom: string | null;
  /** The last day applications may still choose this version after a newer one took over. */
  transitionUntil: string | null;
  /** Published, in effect and not past its transition: new applications may choose it now. */
  inForce: boolean;
  /** SHA-256 of the stored (canonical) definition: what the audit event of publishing names. */
  definitionSha256: string;
  scheme: Scheme;
};

/** Numeric order of `2026.2` < `2026.10` < `2027.1`; anything odd sorts by text after. */
export function compareVersionStrings(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return a.localeCompare(b);
    if (x !== y) return x - y;
  }
  return 0;
}

/**
 * Drafts are the secretariat's working copies: nobody else may even learn that one exists. A
 * proposed or approved version is open to every signed-in role (they comment, the ministry
 * approves); a signed-out reader sees published versions only.
 */
export function schemeVersionWhere(user: SessionUser | null): Prisma.SchemeVersionWhereInput {
  if (!user) return { status: "published" };
  return can(user, "scheme:manage") ? {} : { status: { in: ["proposed", "approved", "published"] } };
}

const DAY_MS = 86_400_000;
const PORTAL_OFFSET_MS = 8 * 3_600_000;

/** The Beijing day (YYYY-MM-DD) an instant falls on: the portal's working day. */
export function portalDay(at: Date): string {
  return new Date(at.getTime() + PORTAL_OFFSET_MS).toISOString().slice(0, 10);
}
/** The first instant of a Beijing day. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}
/** The first instant after a Beijing day: an "until" day is stored as this (exclusive) end. */
export function dayEnd(day: string): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}
/** The day an exclusive end closes. */
export const lastDayOf = (end: Date) => portalDay(new Date(end.getTime() - 1));

/**
 * In force: published, in effect (effectiveFrom not in the future) and not past its transition end.
 */
export function isInForce(
  row: Pick<SchemeVersionRow, "status" | "effectiveFrom" | "transitionUntil">,
  now: Date = new Date(),
): boolean {
  if (row.status !== "published") return false;
  // Versions published before governance have no effective day: in force since ever (the demo
  // world's back-dated applications pin them).
  if (row.effectiveFrom && row.effectiveFrom.getTime() > now.getTime()) return false;
  return !row.transitionUntil || now.getTime() < row.transitionUntil.getTime();
}

export function definitionSha256(definition: string): string {
  return crypto.createHash("sha256").update(definition).digest("hex");
}

export function definitionOf(row: Pick<SchemeVersionRow, "schemeId" | "version" | "definition">): Scheme {
  let parsed;
  try {
    parsed = parseScheme(JSON.parse(row.definition));
  } catch {
    parsed = { ok: false as const };
  }
  // Stored definitions were validated when written; a bad one is a defect, not the caller's fault.
  if (!parsed.ok) throw new AppError("INTERNAL", `Scheme ${row.schemeId} ${row.version} is stored invalid`);
  return parsed.scheme;
}

export function toView(row: SchemeVersionRow): SchemeVersionView {
  return {
    schemeId: row.schemeId,
    version: row.version,
    category: row.category,
    status: schemeStatusOf(row.status),
    basedOn: row.basedOn,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    proposedAt: row.proposedAt ? row.proposedAt.toISOString() : null,
    commentsUntil: row.commentsUntil ? lastDayOf(row.commentsUntil) : null,
    approvedAt: row.approvedAt ? row.approvedAt.toISOString() : null,
    effectiveFrom: row.effectiveFrom ? portalDay(row.effectiveFrom) : null,
    transitionUntil: row.transitionUntil ? lastDayOf(row.transitionUntil) : null,
    inForce: isInForce(row),
    definitionSha256: definitionSha256(row.definition),
    scheme: definitionOf(row),
  };
}

/** One version the user may see, or NOT_FOUND (also for a draft the user may not see). */
export async function findVisibleVersion(
  database: Db | Tx,
  user: SessionUser | null,
  schemeId: string,
  version: string,
): Promise<SchemeVersionRow> {
  const row = await database.schemeVersion.findFirst({
    where: { AND: [{ schemeId, version }, schemeVersionWhere(user)] },
  });
  if (!row) throw notFound("SCHEME_VERSION_NOT_FOUND", { schemeId, version });
  return row;
}
