// The pilot's public figures for the public home (docs/domain.md#public-home): certificates in
// force by category and level, from the current revisions only, and the categories with their
// names (categories are data: the Category table). No sign-in; two small grouped queries.
import "server-only";
import { db } from "@/lib/db";
import { LEVELS, type Level } from "@/lib/grading";

export type CategoryFigure = { key: string; nameZh: string; nameEn: string; total: number; byLevel: Record<Level, number> };

export async function publicFigures() {
  const database = db();
  const [categories, groups, labs] = await Promise.all([
    database.category.findMany({ orderBy: [{ sortOrder: "asc" }, { key: "asc" }] }),
    database.certificate.groupBy({
      by: ["level", "caseId"],
      where: { status: "valid", supersededById: null },
      _count: { _all: true },
    }),
    database.organization.count({ where: { kind: "lab" } }),
  ]);
  // One certificate in force per case; its category is its case's scheme's.
  const cases = await database.case.findMany({
    where: { id: { in: groups.map((g) => g.caseId) } },
    select: { id: true, schemeVersion: { select: { category: true } } },
  });
  const categoryOf = new Map(cases.map((c) => [c.id, c.schemeVersion.category]));
  const empty = () => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  const figures = new Map<string, CategoryFigure>(
    categories.map((c) => [c.key, { key: c.key, nameZh: c.nameZh, nameEn: c.nameEn, total: 0, byLevel: empty() }]),
  );
  for (const g of groups) {
    const key = categoryOf.get(g.caseId);
    if (!key) continue;
    const f = figures.get(key) ?? { key, nameZh: key, nameEn: key, total: 0, byLevel: empty() };
    f.total += g._count._all;
    if ((LEVELS as readonly string[]).includes(g.level)) f.byLevel[g.level as Level] += g._count._all;
    figures.set(key, f);
  }
  const list = [...figures.values()];
  return { categories: list, certificates: list.reduce((n, f) => n + f.total, 0), labs };
}
export type PublicFigures = Awaited<ReturnType<typeof publicFigures>>;
