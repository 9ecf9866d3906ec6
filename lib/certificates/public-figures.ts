// The pilot's public figures for the public home (docs/domain.md#public-home): certificates in
// force by category and level, from the current revisions only, and the categories with their
// names (categories are data: the Category table). No sign-in; one grouped count per category.
import "server-only";
import { db } from "@/lib/db";
import { LEVELS, type Level } from "@/lib/grading";

export type CategoryFigure = { key: string; nameZh: string; nameEn: string; total: number; byLevel: Record<Level, number> };

export async function publicFigures() {
  const database = db();
  const [categories, labs] = await Promise.all([
    database.category.findMany({ orderBy: [{ sortOrder: "asc" }, { key: "asc" }] }),
    database.organization.count({ where: { kind: "lab" } }),
  ]);
  // One grouped count per category (a handful), whatever the number of certificates: the cost of
  // this public page does not grow with the registry.
  const empty = () => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  const list: CategoryFigure[] = await Promise.all(
    categories.map(async (c) => {
      const groups = await database.certificate.groupBy({
        by: ["level"],
        where: { status: "valid", supersededById: null, case: { schemeVersion: { category: c.key } } },
        _count: { _all: true },
      });
      const byLevel = empty();
      for (const g of groups) if ((LEVELS as readonly string[]).includes(g.level)) byLevel[g.level as Level] = g._count._all;
      return { key: c.key, nameZh: c.nameZh, nameEn: c.nameEn, total: groups.reduce((n, g) => n + g._count._all, 0), byLevel };
    }),
  );
  return { categories: list, certificates: list.reduce((n, f) => n + f.total, 0), labs };
}
export type PublicFigures = Awaited<ReturnType<typeof publicFigures>>;
