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

export type SchemeStatus = "draft" | "published";

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

/** Drafts are the secretariat's working copies: nobody else may even learn that one exists. */
export function schemeVersionWhere(user: SessionUser): Prisma.SchemeVersionWhereInput {
  return can(user, "scheme:manage") ? {} : { status: "published" };
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
    status: row.status === "published" ? "published" : "draft",
    basedOn: row.basedOn,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    definitionSha256: definitionSha256(row.definition),
    scheme: definitionOf(row),
  };
}

/** One version the user may see, or NOT_FOUND (also for a draft the user may not see). */
export async function findVisibleVersion(
  database: Db | Tx,
  user: SessionUser,
  schemeId: string,
  version: string,
): Promise<SchemeVersionRow> {
  const row = await database.schemeVersion.findFirst({
    where: { AND: [{ schemeId, version }, schemeVersionWhere(user)] },
  });
  if (!row) throw notFound("SCHEME_VERSION_NOT_FOUND", { schemeId, version });
  return row;
}
