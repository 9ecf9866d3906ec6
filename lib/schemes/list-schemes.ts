// Every scheme with its versions: what the scheme pages and GET /api/v1/schemes list.
import "server-only";
import { db } from "@/lib/db";
import type { Bilingual } from "@/lib/grading";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { compareVersionStrings, definitionOf, schemeVersionWhere, type SchemeStatus } from "./versions";

export type SchemeSummary = {
  schemeId: string;
  category: string;
  title: Bilingual;
  /** The highest published version: the one a new application pins by default. */
  latestPublished: string | null;
  /** Newest first. */
  versions: { version: string; status: SchemeStatus; basedOn: string | null; createdAt: string; publishedAt: string | null }[];
};

export async function listSchemes(user: SessionUser): Promise<SchemeSummary[]> {
  assertCan(user, "scheme:read");
  const rows = await db().schemeVersion.findMany({ where: schemeVersionWhere(user), orderBy: [{ schemeId: "asc" }] });
  const bySchemeId = new Map<string, typeof rows>();
  for (const row of rows) bySchemeId.set(row.schemeId, [...(bySchemeId.get(row.schemeId) ?? []), row]);

  return [...bySchemeId.entries()].map(([schemeId, versions]) => {
    versions.sort((a, b) => compareVersionStrings(b.version, a.version));
    const published = versions.filter((v) => v.status === "published");
    // The title shown is the latest published one; a scheme with drafts only shows its newest draft's.
    const titled = published[0] ?? versions[0];
    return {
      schemeId,
      category: titled.category,
      title: definitionOf(titled).title,
      latestPublished: published[0]?.version ?? null,
      versions: versions.map((v) => ({
        version: v.version,
        status: v.status === "published" ? ("published" as const) : ("draft" as const),
        basedOn: v.basedOn,
        createdAt: v.createdAt.toISOString(),
        publishedAt: v.publishedAt?.toISOString() ?? null,
      })),
    };
  });
}
