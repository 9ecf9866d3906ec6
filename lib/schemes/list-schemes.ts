// Every scheme with its versions: what the scheme pages and GET /api/v1/schemes list. A signed-out
// reader (null) gets the published versions only (the public /schemes pages).
import "server-only";
import { db } from "@/lib/db";
import type { Bilingual } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { compareVersionStrings, definitionOf, isInForce, lastDayOf, portalDay, schemeStatusOf, schemeVersionWhere, type SchemeStatus } from "./versions";

export type SchemeSummary = {
  schemeId: string;
  category: string;
  title: Bilingual;
  /** The highest published version. */
  latestPublished: string | null;
  /** The newest version in force: the one a new application pins by default. */
  defaultVersion: string | null;
  /** Newest first. */
  versions: {
    version: string;
    status: SchemeStatus;
    basedOn: string | null;
    createdAt: string;
    publishedAt: string | null;
    /** Beijing days (YYYY-MM-DD), docs/domain.md#scheme-governance. */
    commentsUntil: string | null;
    effectiveFrom: string | null;
    transitionUntil: string | null;
    inForce: boolean;
  }[];
};

export async function listSchemes(user: SessionUser | null, now: Date = new Date()): Promise<SchemeSummary[]> {
  if (user) assertCan(user, "scheme:read");
  const rows = await db().schemeVersion.findMany({ where: schemeVersionWhere(user), orderBy: [{ schemeId: "asc" }] });
  const bySchemeId = new Map<string, typeof rows>();
  for (const row of rows) bySchemeId.set(row.schemeId, [...(bySchemeId.get(row.schemeId) ?? []), row]);

  return [...bySchemeId.entries()].map(([schemeId, versions]) => {
    versions.sort((a, b) => compareVersionStrings(b.version, a.version));
    const published = versions.filter((v) => v.status === "published");
    const inForce = published.filter((v) => isInForce(v, now));
    // The title shown is the newest in force (else published) one; a scheme with drafts only shows its newest draft's.
    const titled = inForce[0] ?? published[0] ?? versions[0];
    return {
      schemeId,
      category: titled.category,
      title: definitionOf(titled).title,
      latestPublished: published[0]?.version ?? null,
      defaultVersion: inForce[0]?.version ?? null,
      versions: versions.map((v) => ({
        version: v.version,
        status: schemeStatusOf(v.status),
        basedOn: v.basedOn,
        createdAt: v.createdAt.toISOString(),
        publishedAt: v.publishedAt?.toISOString() ?? null,
        commentsUntil: v.commentsUntil ? lastDayOf(v.commentsUntil) : null,
        effectiveFrom: v.effectiveFrom ? portalDay(v.effectiveFrom) : null,
        transitionUntil: v.transitionUntil ? lastDayOf(v.transitionUntil) : null,
        inForce: isInForce(v, now),
      })),
    };
  });
}
