// Which labs may test a category, and when: read by the secretariat's accept screen and the ACCEPT
// guard. An accreditation counts on the days validFrom ≤ at ≤ validUntil.
import "server-only";
import type { Db, Tx } from "@/lib/db";
import { parseScheme, type Scheme } from "@/lib/grading";
import { itemsOutOfScope, parseScope } from "@/lib/grading/envelope";

export type EligibleLabsQuery = { category: string; vendorOrgId: string; at?: Date };

/** Lab organisations accredited for the category at `at`, never the vendor's own organisation. */
export async function eligibleLabs(database: Db | Tx, { category, vendorOrgId, at = new Date() }: EligibleLabsQuery) {
  const rows = await database.labAccreditation.findMany({
    where: {
      category,
      validFrom: { lte: at },
      validUntil: { gte: at },
      labOrgId: { not: vendorOrgId },
      lab: { kind: "lab" },
    },
    include: { lab: true },
  });
  return rows
    .map((r) => ({ ...r.lab, accreditedUntil: r.validUntil, accreditationNumber: r.number, accreditationBody: r.body }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function isLabAccredited(database: Db | Tx, labOrgId: string, category: string, at = new Date()): Promise<boolean> {
  const n = await database.labAccreditation.count({
    where: { labOrgId, category, validFrom: { lte: at }, validUntil: { gte: at }, lab: { kind: "lab" } },
  });
  return n > 0;
}

/**
 * The scheme's items the lab's accreditation for the category does not cover at `at` (its scope names
 * test sets or items; an empty scope covers the whole category): docs/domain.md#lab-evidence. Without
 * an accreditation in force nothing is listed here (ACCEPT refuses such a lab).
 */
export async function outOfScope(database: Db | Tx, labOrgId: string, category: string, definition: string | Scheme, at = new Date()) {
  const accreditation = await database.labAccreditation.findFirst({
    where: { labOrgId, category, validFrom: { lte: at }, validUntil: { gte: at } },
    select: { scope: true },
  });
  if (!accreditation) return [];
  const scope = parseScope(accreditation.scope);
  if (!scope.length) return [];
  if (typeof definition !== "string") return itemsOutOfScope(definition, scope);
  const parsed = parseScheme(JSON.parse(definition));
  if (!parsed.ok) return [];
  return itemsOutOfScope(parsed.scheme, scope);
}

/** A lab's own accreditations with their detail (number, body, scope), for its home page. */
export async function ownAccreditations(database: Db | Tx, labOrgId: string) {
  const rows = await database.labAccreditation.findMany({ where: { labOrgId }, orderBy: { category: "asc" } });
  return rows.map((r) => ({ category: r.category, number: r.number, body: r.body, scope: parseScope(r.scope), validFrom: r.validFrom, validUntil: r.validUntil }));
}
