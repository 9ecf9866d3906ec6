// The terminal categories that have a grading scheme, for the dashboard's category filter.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";

export async function listCategories(user: SessionUser): Promise<string[]> {
  assertCan(user, "dashboard:read");
  const rows = await db().schemeVersion.findMany({ distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } });
  return rows.map((r) => r.category);
}
