// Public: the published results of one category (docs/domain.md#published-results): each certified
// case whose vendor opted in and whose current certificate is valid, with its level, element profile
// and the item values of the lab's last complete report. Pilot values, not a ranking. Paged and
// bounded: at most 100 a page, and the category must be a key.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { parseQuery } from "@/lib/audit/filters";
import { parseScheme, type Bilingual } from "@/lib/grading/scheme";
import { compareVersionStrings } from "@/lib/schemes/versions";

export const PUBLISHED_MAX_SIZE = 100;
export const PublishedQuery = z.object({
  category: z.string().trim().regex(/^[a-z][a-z0-9-]{0,39}$/),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  size: z.coerce.number().int().min(1).max(PUBLISHED_MAX_SIZE).default(50),
});

export type PublishedResult = {
  caseId: string;
  vendor: string;
  vendorZh: string | null;
  product: string;
  model: string;
  category: string;
  level: string;
  certificateNumber: string;
  publicId: string;
  publishedAt: string;
  /** The scheme version the case was graded under. */
  scheme: { id: string; version: string };
  /** element → level (null: the element meets no level). */
  profile: Record<string, string | null>;
  results: { item: string; value: number | null; unit: string }[];
};

export async function listPublishedResults(query: unknown, now = new Date()) {
  const q = parseQuery(PublishedQuery, query, "The query is not valid");
  const where = {
    resultsPublishedAt: { not: null },
    state: "certified",
    schemeVersion: { category: q.category },
    certificates: { some: { supersededById: null, status: "valid", validUntil: { gt: now } } },
  };
  const database = db();
  const total = await database.case.count({ where });
  const rows = await database.case.findMany({
    where,
    orderBy: [{ resultsPublishedAt: "desc" }, { id: "asc" }],
    skip: (q.page - 1) * q.size,
    take: q.size,
    select: {
      id: true,
      resultsPublishedAt: true,
      organization: { select: { name: true, nameZh: true } },
      product: { select: { name: true, model: true } },
      schemeVersion: { select: { category: true, schemeId: true, version: true } },
      certificates: { where: { supersededById: null }, select: { number: true, publicId: true, level: true, profile: true }, take: 1, orderBy: { revision: "desc" } },
      labReports: {
        where: { complete: true },
        orderBy: { round: "desc" },
        take: 1,
        select: { results: { select: { item: true, value: true, unit: true }, orderBy: { item: "asc" } } },
      },
    },
  });
  const results: PublishedResult[] = rows.map((r) => {
    const cert = r.certificates[0];
    const profile: Record<string, string | null> = {};
    for (const e of JSON.parse(cert?.profile ?? "[]") as { key: string; level: string | null }[]) profile[e.key] = e.level;
    return {
      caseId: r.id,
      vendor: r.organization.name,
      vendorZh: r.organization.nameZh,
      product: r.product.name,
      model: r.product.model,
      category: r.schemeVersion.category,
      level: cert?.level ?? "",
      certificateNumber: cert?.number ?? "",
      publicId: cert?.publicId ?? "",
      publishedAt: r.resultsPublishedAt!.toISOString(),
      scheme: { id: r.schemeVersion.schemeId, version: r.schemeVersion.version },
      profile,
      results: (r.labReports[0]?.results ?? []).map((x) => ({ item: x.item, value: x.value, unit: x.unit })),
    };
  });
  return { category: q.category, total, page: q.page, size: q.size, results };
}

/** One item of the comparison's scale: what it measures and the scheme's thresholds per level. */
export type ComparisonItem = {
  key: string;
  element: string;
  title: Bilingual;
  unit: string;
  better: "higher" | "lower";
  thresholds: { level: string; value: number }[];
};

/**
 * The scale the registry draws the published item values against (docs/domain.md#published-results):
 * the items of the newest published scheme version among `rows`, in the scheme's order, with their
 * thresholds (public, as the scheme pages show them). Null when no row names a published version.
 */
export async function comparisonScale(rows: readonly Pick<PublishedResult, "scheme">[]): Promise<{ scheme: { id: string; version: string }; items: ComparisonItem[] } | null> {
  const newest = rows
    .map((r) => r.scheme)
    .reduce<{ id: string; version: string } | null>((a, b) => (!a || (a.id === b.id && compareVersionStrings(b.version, a.version) > 0) ? b : a), null);
  if (!newest) return null;
  const stored = await db().schemeVersion.findUnique({ where: { schemeId_version: { schemeId: newest.id, version: newest.version } }, select: { status: true, definition: true } });
  if (!stored || stored.status !== "published") return null;
  const parsed = parseScheme(JSON.parse(stored.definition));
  if (!parsed.ok) return null;
  const items = parsed.scheme.elements.flatMap((el) =>
    el.items.map((it) => ({
      key: it.key,
      element: el.key,
      title: it.title,
      unit: it.unit,
      better: it.better,
      thresholds: (["L1", "L2", "L3", "L4"] as const).flatMap((level) => (it.thresholds[level] === undefined ? [] : [{ level, value: it.thresholds[level]! }])),
    })),
  );
  return { scheme: newest, items };
}
