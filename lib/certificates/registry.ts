// Public: the registry of issued certificates, searched and filtered by anyone. The status filter
// means the live status (a validity that ran out reads as expired before the sweep records it),
// so the query expresses liveStatus in the where clause instead of filtering after paging.
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LEVELS } from "@/lib/grading";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { CERTIFICATE_STATUSES, PUBLIC_CERTIFICATE_SELECT, toPublicCertificate, type CertificateStatus } from "./public";

export const REGISTRY_PAGE_SIZE = 20;

const text = z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined);

/** The registry's query (URL search parameters). A link with a bad value still opens: it is ignored. */
export const RegistryQuerySchema = z.object({
  number: text,
  vendor: text,
  product: text,
  category: z.string().trim().regex(/^[a-z][a-z0-9-]{0,39}$/).optional().catch(undefined),
  level: z.enum(LEVELS).optional().catch(undefined),
  status: z.enum(CERTIFICATE_STATUSES).optional().catch(undefined),
  pilot: z.string().trim().min(1).max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type RegistryQuery = z.infer<typeof RegistryQuerySchema>;

/** Next's searchParams (a value may be repeated) → the query; the first value of each wins. */
export function parseRegistryQuery(params: Record<string, string | string[] | undefined>): RegistryQuery {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return RegistryQuerySchema.parse(first);
}

function contains(value: string) {
  // PostgreSQL compares case-sensitively unless asked; SQLite's LIKE already ignores ASCII case
  // (and its client has no `mode`), so the option is added only there.
  return env().databaseProvider === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as unknown as Prisma.StringFilter)
    : { contains: value };
}

function statusWhere(status: CertificateStatus, now: Date): Prisma.CertificateWhereInput {
  switch (status) {
    case "valid":
    case "suspended":
      return { status, validUntil: { gt: now } };
    case "revoked":
      return { status: "revoked" };
    case "expired":
      return { OR: [{ status: "expired" }, { status: { in: ["valid", "suspended"] }, validUntil: { lte: now } }] };
  }
}

export function registryWhere(q: RegistryQuery, now = new Date()): Prisma.CertificateWhereInput {
  const and: Prisma.CertificateWhereInput[] = [];
  if (q.number) and.push({ number: contains(q.number) });
  if (q.vendor) and.push({ case: { organization: { OR: [{ name: contains(q.vendor) }, { nameZh: contains(q.vendor) }] } } });
  if (q.product) and.push({ case: { product: { OR: [{ name: contains(q.product) }, { model: contains(q.product) }] } } });
  if (q.category) and.push({ case: { schemeVersion: { category: q.category } } });
  if (q.level) and.push({ level: q.level });
  if (q.pilot) and.push({ case: { pilotId: q.pilot } });
  if (q.status) and.push(statusWhere(q.status, now));
  return { AND: and };
}

/** Public: one page of the registry, newest first. */
export async function searchRegistry(q: RegistryQuery, now = new Date()) {
  const where = registryWhere(q, now);
  const database = db();
  const total = await database.certificate.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / REGISTRY_PAGE_SIZE));
  const page = Math.min(q.page, pageCount);
  const rows = await database.certificate.findMany({
    where,
    select: PUBLIC_CERTIFICATE_SELECT,
    orderBy: [{ issuedAt: "desc" }, { number: "desc" }],
    skip: (page - 1) * REGISTRY_PAGE_SIZE,
    take: REGISTRY_PAGE_SIZE,
  });
  return { items: rows.map((r) => toPublicCertificate(r, now)), total, page, pageCount, pageSize: REGISTRY_PAGE_SIZE };
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
