// Public: the registry of issued certificates, searched and filtered by anyone. The status filter
// means the live status (a validity that ran out reads as expired before the sweep records it),
// so the query expresses liveStatus in the where clause instead of filtering after paging. The
// filters are SQL because the product is searched inside the certificate's JSON product snapshot.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { LEVELS } from "@/lib/grading";
import { listCategories } from "@/lib/categories";
import { MODEL_DEPLOYMENTS } from "@/lib/cases/models";
import { Prisma } from "@/lib/generated/sqlite/client";
import { dialect, jsonText, num, type Dialect } from "@/lib/audit/sql";
import { pageOf, parseListParams, type ListParams, type ListSpec, type SortDir } from "@/lib/paging";
import { REGISTRY_STATUSES, PUBLIC_CERTIFICATE_SELECT, toPublicCertificate } from "./public";

export const REGISTRY_PAGE_SIZE = 20;

const REGISTRY_SORTS = ["issued", "validUntil", "number", "level", "vendor"] as const;
export type RegistrySort = (typeof REGISTRY_SORTS)[number];
/** Page, size and order of the registry: newest first, 20 a page unless the link asks otherwise. */
export const REGISTRY_LIST: ListSpec<RegistrySort> = { sorts: REGISTRY_SORTS, defaultSort: "issued", defaultDir: "desc", defaultSize: REGISTRY_PAGE_SIZE };

/** The ORDER BY of each sort: fixed SQL, chosen from this list only (the URL never reaches the query text). */
const REGISTRY_ORDER: Record<RegistrySort, string> = {
  issued: `cert."issuedAt" {dir}, cert."number" {dir}`,
  validUntil: `cert."validUntil" {dir}, cert."number" {dir}`,
  number: `cert."number" {dir}`,
  level: `cert."level" {dir}, cert."issuedAt" DESC, cert."number" DESC`,
  vendor: `o."name" {dir}, cert."issuedAt" DESC, cert."number" DESC`,
};

function registryOrder(sort: RegistrySort, dir: SortDir): Sql {
  return Prisma.raw(REGISTRY_ORDER[sort].replaceAll("{dir}", dir === "asc" ? "ASC" : "DESC"));
}

const text = z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined);

/** The registry's query (URL search parameters). A link with a bad value still opens: it is ignored. */
export const RegistryQuerySchema = z.object({
  number: text,
  vendor: text,
  product: text,
  category: z.string().trim().regex(/^[a-z][a-z0-9-]{0,39}$/).optional().catch(undefined),
  level: z.enum(LEVELS).optional().catch(undefined),
  status: z.enum(REGISTRY_STATUSES).optional().catch(undefined),
  pilot: z.string().trim().min(1).max(64).optional().catch(undefined),
  /** Certificates with a disclosed model of this deployment (docs/domain.md#model-disclosure). */
  deployment: z.enum(MODEL_DEPLOYMENTS).optional().catch(undefined),
});
export type RegistryFilters = z.infer<typeof RegistryQuerySchema>;
export type RegistryQuery = RegistryFilters & ListParams<RegistrySort>;

/** Next's searchParams (a value may be repeated) → the query; the first value of each wins. */
export function parseRegistryQuery(params: Record<string, string | string[] | undefined>): RegistryQuery {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return { ...RegistryQuerySchema.parse(first), ...parseListParams(params, REGISTRY_LIST) };
}

type Sql = Prisma.Sql;

/** `%value%` for LIKE, with the value's own wildcards and escape character taken literally. */
function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * "Contains, ignoring case": PostgreSQL's ILIKE; SQLite's LIKE already ignores ASCII case (neither
 * folds Chinese, which has no case).
 */
function contains(d: Dialect, column: Sql, value: string): Sql {
  const op = d === "postgresql" ? Prisma.raw("ILIKE") : Prisma.raw("LIKE");
  return Prisma.sql`${column} ${op} ${likePattern(value)} ESCAPE '\\'`;
}

function statusWhere(status: (typeof REGISTRY_STATUSES)[number], now: Date): Sql {
  switch (status) {
    case "valid":
    case "suspended":
      return Prisma.sql`(cert."status" = ${status} AND cert."validUntil" > ${now})`;
    case "revoked":
      return Prisma.sql`cert."status" = 'revoked'`;
    case "expired":
      return Prisma.sql`(cert."status" = 'expired' OR (cert."status" IN ('valid', 'suspended') AND cert."validUntil" <= ${now}))`;
  }
}

/**
 * The filters as SQL over the certificate (cert), its case (c), vendor (o) and scheme version (s).
 * The product filter searches the certificate's own product snapshot (name or model), never the
 * live product row, so a product edited after certification cannot change what is found.
 */
export function registryWhere(q: RegistryFilters, now = new Date(), d: Dialect = dialect()): Sql {
  // The registry shows each certificate's current revision (docs/domain.md#revisions).
  const and: Sql[] = [Prisma.sql`cert."supersededById" IS NULL`];
  if (q.number) and.push(contains(d, Prisma.sql`cert."number"`, q.number));
  if (q.vendor) and.push(Prisma.sql`(${contains(d, Prisma.sql`o."name"`, q.vendor)} OR ${contains(d, Prisma.sql`o."nameZh"`, q.vendor)})`);
  if (q.product) {
    const snapshot = Prisma.sql`cert."productSnapshot"`;
    and.push(Prisma.sql`(${contains(d, jsonText(d, snapshot, "name"), q.product)} OR ${contains(d, jsonText(d, snapshot, "model"), q.product)})`);
  }
  if (q.category) and.push(Prisma.sql`s."category" = ${q.category}`);
  if (q.level) and.push(Prisma.sql`cert."level" = ${q.level}`);
  if (q.pilot) and.push(Prisma.sql`c."pilotId" = ${q.pilot}`);
  if (q.status) and.push(statusWhere(q.status, now));
  // Certificate.deployments is " on_device cloud ": a deployment between spaces is that one exactly.
  if (q.deployment) and.push(contains(d, Prisma.sql`cert."deployments"`, ` ${q.deployment} `));
  return Prisma.join(and, " AND ");
}

const FROM = Prisma.sql`"Certificate" cert
  JOIN "Case" c ON c."id" = cert."caseId"
  JOIN "Organization" o ON o."id" = c."organizationId"
  JOIN "SchemeVersion" s ON s."id" = c."schemeVersionId"`;

/** Public: one page of the registry, in the order the query asks (newest first unless told otherwise). */
export async function searchRegistry(q: RegistryQuery, now = new Date()) {
  const where = registryWhere(q, now);
  const database = db();
  const [{ n }] = await database.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM ${FROM} WHERE ${where}`;
  const total = num(n);
  const list = { page: q.page, size: q.size, sort: q.sort, dir: q.dir };
  const { page } = pageOf(list, total, []);
  const ids = await database.$queryRaw<{ id: string }[]>`
    SELECT cert."id" AS "id" FROM ${FROM} WHERE ${where}
    ORDER BY ${registryOrder(q.sort, q.dir)}
    LIMIT ${q.size} OFFSET ${(page - 1) * q.size}`;
  const rows = ids.length
    ? await database.certificate.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: { id: true, ...PUBLIC_CERTIFICATE_SELECT } })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const categories = await listCategories();
  const items = ids.flatMap((r) => {
    const row = byId.get(r.id);
    return row ? [toPublicCertificate(row, now, categories)] : [];
  });
  return { ...pageOf(list, total, items), items, pageSize: q.size };
}

/** Public: what the registry's filters can choose from (categories and pilots that have certificates). */
export async function registryFilterOptions() {
  const database = db();
  const [categories, pilots] = await Promise.all([
    database.schemeVersion.findMany({ where: { cases: { some: { certificates: { some: {} } } } }, distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } }),
    database.pilot.findMany({ where: { cases: { some: { certificates: { some: {} } } } }, select: { id: true, name: true, nameZh: true }, orderBy: { startsAt: "desc" } }),
  ]);
  return { categories: categories.map((c) => c.category), pilots };
}
