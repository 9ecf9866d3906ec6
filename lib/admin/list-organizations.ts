import "server-only";
import { db } from "@/lib/db";
import { assertCan, type SessionUser } from "@/lib/permissions";
import { fetchPage, parseListParams, type ListSpec, type SearchParamsLike, type SortDir } from "@/lib/paging";

/** Every organisation with how many users and accreditations it has. */
export async function listOrganizations(actor: SessionUser) {
  assertCan(actor, "organization:manage");
  return db().organization.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { users: true, accreditations: true } } },
  });
}

const ORG_SORTS = ["name", "nameZh", "kind", "users", "created"] as const;
export const ORGANIZATION_LIST: ListSpec<(typeof ORG_SORTS)[number]> = {
  sorts: ORG_SORTS,
  // Newest first: the organisation just created is at the top of the first page.
  defaultSort: "created",
  defaultDir: "desc",
};

const ORG_ORDER = {
  name: (dir: SortDir) => [{ name: dir }],
  nameZh: (dir: SortDir) => [{ nameZh: dir }],
  kind: (dir: SortDir) => [{ kind: dir }],
  users: (dir: SortDir) => [{ users: { _count: dir } }],
  created: (dir: SortDir) => [{ createdAt: dir }],
} as const;

/** One page of the organisations (URL search parameters choose page, size and order), and how many there are. */
export async function listOrganizationsPage(actor: SessionUser, params: SearchParamsLike) {
  assertCan(actor, "organization:manage");
  const p = parseListParams(params, ORGANIZATION_LIST);
  // The id breaks ties, so a page boundary never repeats or skips a row.
  const orderBy = [...ORG_ORDER[p.sort](p.dir), { id: "asc" as const }];
  return fetchPage(
    p,
    () => db().organization.count(),
    (skip, take) => db().organization.findMany({ orderBy, skip, take, include: { _count: { select: { users: true, accreditations: true } } } }),
  );
}
